-- bintree: allocation and the collector. The binary-trees program of the
-- benchmarks game at depth 16: every tree is built bottom-up as a table
-- {left, right} and walked to count its nodes, so the time goes to allocating
-- millions of small short-lived objects, collecting them, and chasing pointers.
local function bottomUpTree(depth)
  if depth <= 0 then
    return {}
  end
  return { bottomUpTree(depth - 1), bottomUpTree(depth - 1) }
end

local function itemCheck(n)
  if n[1] == nil then
    return 1
  end
  return 1 + itemCheck(n[1]) + itemCheck(n[2])
end

local minDepth = 4
local maxDepth = 16
local stretchDepth = maxDepth + 1

io.write(string.format("stretch tree of depth %d\t check: %d\n", stretchDepth, itemCheck(bottomUpTree(stretchDepth))))

local longLived = bottomUpTree(maxDepth)

for depth = minDepth, maxDepth, 2 do
  local iterations = 1 << (maxDepth - depth + minDepth)
  local check = 0
  for _ = 1, iterations do
    check = check + itemCheck(bottomUpTree(depth))
  end
  io.write(string.format("%d\t trees of depth %d\t check: %d\n", iterations, depth, check))
end

io.write(string.format("long lived tree of depth %d\t check: %d\n", maxDepth, itemCheck(longLived)))
