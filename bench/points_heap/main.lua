-- points_heap: as points_stack, each point also kept in a global.
local last
local function norm1(i)
  local p = {x = i, y = (-i) // 2}
  if p.y < 0 then
    p.y = -p.y
  end
  last = p
  return p.x + p.y
end

local sum = 0
for i = 0, 5000000 - 1 do
  sum = sum + (norm1(i) & 1023)
end
print(sum .. " " .. last.x)
