-- csieve: the concurrent prime sieve as a chain of coroutines, one filter
-- per prime, each pulling numbers from the one before: the first 150
-- primes, 200 times.
local function generate()
  return coroutine.wrap(function()
    local i = 2
    while true do
      coroutine.yield(i)
      i = i + 1
    end
  end)
end

local function filter(src, prime)
  return coroutine.wrap(function()
    while true do
      local i = src()
      if i % prime ~= 0 then
        coroutine.yield(i)
      end
    end
  end)
end

local function sieve(n)
  local ch = generate()
  local sum = 0
  for _ = 1, n do
    local prime = ch()
    sum = sum + prime
    ch = filter(ch, prime)
  end
  return sum
end

local total = 0
for _ = 1, 200 do
  total = total + sieve(150)
end
print(total)
