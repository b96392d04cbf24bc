-- strings: building and scanning short strings. Each round builds a string a
-- byte at a time by concatenation, appends a number, then walks it by index
-- (len, s[i], byte compares) and compares it with the previous round's string.
local rounds = 200000
local width = 40
local total, es, less = 0, 0, 0
local prev = ""
local E = string.byte("e")
for r = 0, rounds - 1 do
  local s = ""
  for i = 0, width - 1 do
    s = s .. string.char(97 + (r * 7 + i) % 26)
  end
  s = s .. "#" .. tostring(r)
  for i = 1, #s do
    local c = string.byte(s, i)
    if c == E then
      es = es + 1
    end
    total = total + c
  end
  if s < prev then
    less = less + 1
  end
  prev = s
end
print(#prev .. " " .. es .. " " .. total .. " " .. less)
