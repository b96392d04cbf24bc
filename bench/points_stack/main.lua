-- points_stack: Lua has no escape analysis; each point is a table on the
-- heap, as in points_heap.
local function norm1(i)
  local p = {x = i, y = (-i) // 2}
  if p.y < 0 then
    p.y = -p.y
  end
  return p.x + p.y
end

local sum = 0
for i = 0, 5000000 - 1 do
  sum = sum + (norm1(i) & 1023)
end
print(sum)
