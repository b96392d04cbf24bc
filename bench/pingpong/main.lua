-- pingpong: 1,000,000 round trips between the main program and a coroutine
-- (resume carries the ping, yield the pong).
local n = 1000000
local ponger = coroutine.wrap(function(v)
  while true do
    v = coroutine.yield(v + 1)
  end
end)
local sum = 0
for i = 0, n - 1 do
  sum = sum + ponger(i)
end
print(sum)
