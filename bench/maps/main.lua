-- maps: a hash map of int keys. Insert 1M scattered keys, look every one
-- up, delete half, look them all up again, and print a checksum.

local function main()
  local n = 1000000
  local m = {}
  local count = 0
  for i = 0, n - 1 do
    local k = (i * 2654435761) % 4294967296
    if m[k] == nil then count = count + 1 end
    m[k] = i
  end
  local sum = 0
  for i = 0, n - 1 do
    sum = sum + (m[(i * 2654435761) % 4294967296] or 0)
  end
  for i = 0, n - 1, 2 do
    local k = (i * 2654435761) % 4294967296
    if m[k] ~= nil then count = count - 1 end
    m[k] = nil
  end
  local found = 0
  for i = 0, n - 1 do
    local v = m[(i * 2654435761) % 4294967296]
    if v ~= nil then
      found = found + 1
      sum = sum + v
    end
  end
  print(string.format("%d %d %d", count, found, sum))
end

main()
