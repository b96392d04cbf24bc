-- sort: table indexing, compare and swap, recursion. A hand-written quicksort
-- (Hoare partition around the middle element) of 1,000,000 integers drawn from
-- a 64-bit linear congruential generator, then a checksum over the sorted array.
-- Lua arrays start at 1; (lo+hi)//2 on 1-based bounds is the 0-based middle plus
-- one, so the partitions are exactly Go's.
local function quicksort(a, lo, hi)
  if lo >= hi then
    return
  end
  local p = a[(lo + hi) // 2]
  local i, j = lo, hi
  while i <= j do
    while a[i] < p do
      i = i + 1
    end
    while a[j] > p do
      j = j - 1
    end
    if i <= j then
      a[i], a[j] = a[j], a[i]
      i = i + 1
      j = j - 1
    end
  end
  quicksort(a, lo, j)
  quicksort(a, i, hi)
end

local n = 1000000
local a = {}
-- Lua integers are 64-bit and wrap like Go's uint64; >> is a logical shift.
local x = 42
for i = 1, n do
  x = x * 6364136223846793005 + 1442695040888963407
  a[i] = x >> 33
end

quicksort(a, 1, n)

local sorted = true
local sum = 0
for i = 1, n do
  if i > 1 and a[i - 1] > a[i] then
    sorted = false
  end
  sum = sum + a[i] * ((i - 1) % 1000 + 1)
end
print("sorted: " .. tostring(sorted))
print(string.format("min: %d median: %d max: %d", a[1], a[n // 2 + 1], a[n]))
print(string.format("checksum: %d", sum))
