-- sieve_scalar: prime counting by trial division, without arrays. Each odd
-- candidate is divided by odd numbers up to its square root: a hot inner loop
-- of modulo, compare and branch, with a small function call per candidate.
local function isPrime(n)
  if n < 2 then
    return false
  end
  if n % 2 == 0 then
    return n == 2
  end
  local d = 3
  while d * d <= n do
    if n % d == 0 then
      return false
    end
    d = d + 2
  end
  return true
end

local limit = 2000000
local count, last = 0, 0
for n = 0, limit - 1 do
  if isPrime(n) then
    count = count + 1
    last = n
  end
end
print(count .. " " .. last)
