-- collatz: the longest Collatz chain for a start below a limit. Pure integer
-- arithmetic (even test, halve or 3n+1) in a data-dependent while loop, with
-- one call per starting number; no memoisation, so no arrays or maps.
local function chainLength(n)
  local steps = 1
  while n ~= 1 do
    if n % 2 == 0 then
      n = n // 2
    else
      n = 3 * n + 1
    end
    steps = steps + 1
  end
  return steps
end

local limit = 500000
local best, bestStart = 0, 0
for start = 1, limit - 1 do
  local l = chainLength(start)
  if l > best then
    best, bestStart = l, start
  end
end
print(bestStart .. " " .. best)
