-- spawn: 100,000 coroutines, all alive at once (each yields once, waiting
-- for its start), then resumed to finish.
local n = 100000
local results = {}
local cos = {}
for i = 0, n - 1 do
  local co = coroutine.create(function()
    coroutine.yield()
    results[i] = i % 7 + 1
  end)
  coroutine.resume(co)
  cos[i] = co
end
for i = 0, n - 1 do
  coroutine.resume(cos[i])
end
local sum = 0
for i = 0, n - 1 do
  sum = sum + results[i]
end
print(n .. " " .. sum)
