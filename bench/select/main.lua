-- select: 1,000,000 values from a producer coroutine on three "channels"
-- (the coroutine yields the channel and the value; the consumer dispatches
-- on the channel, as a select's cases would).
local n = 1000000
local producer = coroutine.wrap(function()
  for i = 0, n - 1 do
    local k = i % 3
    coroutine.yield(k, i)
  end
end)
local sum = 0
for _ = 1, n do
  local k, v = producer()
  if k == 0 then
    sum = sum + v
  elseif k == 1 then
    sum = sum + 2 * v
  else
    sum = sum + 3 * v
  end
end
print(sum)
