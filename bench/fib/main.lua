-- fib: function calls. Naive recursive Fibonacci makes about 30 million calls,
-- so the time is almost all call and return overhead plus a compare and an add.
local function fib(n)
  if n < 2 then
    return n
  end
  return fib(n - 1) + fib(n - 2)
end

print(fib(35))
