-- loop: integer arithmetic in nested counted loops, 8000 x 8000 = 64 million
-- iterations of a multiply, an add, a modulo and an accumulate; no calls.
local n = 8000
local sum = 0
for i = 0, n - 1 do
  for j = 0, n - 1 do
    sum = sum + (i * j + i + j) % 7
  end
end
print(sum)
