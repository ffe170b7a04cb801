-- Escaping shared by the reporters (`local esc = require "lib.escape"`). Every function takes any
-- value (nil gives "", numbers are formatted) and returns a string that is safe in its context.
--
-- Answer text reaches reports verbatim (evidence quotes, custom check feedback), so it may hold
-- invalid UTF-8, control characters or markup. `clean` is applied first everywhere: invalid UTF-8
-- bytes, C0 controls other than tab/LF/CR, DEL, C1 controls and the non-characters U+FFFE/U+FFFF
-- each become U+FFFD. What remains is valid UTF-8 that XML 1.0, HTML, YAML and JSON all accept.

local M = {}

local REPLACEMENT = "\239\191\189" -- U+FFFD

local function str(v)
  if v == nil then return "" end
  return tostring(v)
end

-- Valid UTF-8: each byte that does not start or continue a well-formed sequence becomes U+FFFD.
local function valid_utf8(s)
  if not s:find("[\128-\255]") or utf8.len(s) then return s end
  local out, i, n = {}, 1, #s
  while i <= n do
    local len, bad = utf8.len(s, i)
    if len then
      out[#out + 1] = s:sub(i)
      break
    end
    out[#out + 1] = s:sub(i, bad - 1)
    out[#out + 1] = REPLACEMENT
    i = bad + 1
  end
  return table.concat(out)
end

-- Printable ASCII, tab, LF and CR: text made only of these is already clean.
local UNUSUAL = "[^\9\10\13\32-\126]"

function M.clean(v)
  local s = str(v)
  if not s:find(UNUSUAL) then return s end
  s = valid_utf8(s)
  s = s:gsub("[\0-\8\11\12\14-\31\127]", REPLACEMENT)
  if s:find("[\194\239]") then
    s = s:gsub("\194[\128-\159]", REPLACEMENT):gsub("\239\191[\190\191]", REPLACEMENT)
  end
  return s
end

-- One line: runs of whitespace (newlines included) become one space, ends trimmed.
function M.line(v)
  local s = M.clean(v)
  -- Most text is already single-spaced: gsub only when it is not.
  if s:find("  ", 1, true) or s:find("[^ %S]") then s = s:gsub("%s+", " ") end
  if s:byte(1) == 32 then s = s:sub(2) end
  if s:byte(-1) == 32 then s = s:sub(1, -2) end
  return s
end

-- Cuts to at most `limit` bytes at a character boundary, adding "..." when it cuts.
function M.shorten(s, limit)
  if #s <= limit then return s end
  local cut = limit - 3
  while cut > 0 and (s:byte(cut + 1) or 0) >= 0x80 and (s:byte(cut + 1) or 0) < 0xC0 do
    cut = cut - 1
  end
  return s:sub(1, cut) .. "..."
end

local xml_entities = {
  ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&apos;",
  ["\r"] = "&#13;",
}
local attr_entities = {
  ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&apos;",
  ["\r"] = "&#13;", ["\n"] = "&#10;", ["\t"] = "&#9;",
}

-- XML 1.0 character data (element content): markup characters escaped, CR kept as a reference
-- so parsers do not fold it into LF.
function M.xml(v)
  local s = M.clean(v)
  if not s:find("[&<>\"'\r]") then return s end
  return (s:gsub("[&<>\"'\r]", xml_entities))
end

-- An XML attribute value (inside double quotes): as `xml`, plus LF and tab as references, which
-- attribute-value normalisation would otherwise turn into spaces.
function M.xml_attr(v)
  local s = M.clean(v)
  if not s:find("[&<>\"'\r\n\t]") then return s end
  return (s:gsub("[&<>\"'\r\n\t]", attr_entities))
end

local html_entities = {
  ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;",
}

-- HTML text or a double-quoted attribute value.
function M.html(v)
  return (M.clean(v):gsub("[&<>\"']", html_entities))
end

local json_escapes = {
  ['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t",
}

-- A double-quoted JSON string, which is also a valid YAML 1.2 double-quoted scalar: only
-- printable characters stay literal (U+2028, U+2029 and U+FEFF are escaped as well).
function M.quote(v)
  local s = M.clean(v):gsub('["\\\n\r\t]', json_escapes)
  if s:find("[\226\239]") then
    s = s:gsub("\226\128\168", "\\u2028"):gsub("\226\128\169", "\\u2029"):gsub("\239\187\191", "\\ufeff")
  end
  return '"' .. s .. '"'
end

-- GitHub Actions workflow commands (`::error file=F,line=L,title=T::message`). The runner
-- unescapes %25, %0D and %0A in the message, and also %3A and %2C in property values.
function M.gh_data(v)
  return (M.clean(v):gsub("%%", "%%25"):gsub("\r", "%%0D"):gsub("\n", "%%0A"))
end

function M.gh_property(v)
  return (M.gh_data(v):gsub(":", "%%3A"):gsub(",", "%%2C"))
end

-- Markdown inline text (GitHub-flavoured, also inside table cells): one line, and every ASCII
-- punctuation character that could start markup (emphasis, links, code, HTML, entities, math,
-- table pipes, heading markers) is backslash-escaped, so it renders as written.
function M.md(v)
  return (M.line(v):gsub("[\\`*_%[%]<>|~&#$]", "\\%0"))
end

-- Numbers as people read them: 8, 2.7, 97.25 (at most two decimals, no trailing zeros).
function M.num(x)
  x = tonumber(x) or 0
  if x == math.floor(x) and math.abs(x) < 1e15 then return string.format("%d", x) end
  return (string.format("%.2f", x):gsub("0+$", ""):gsub("%.$", ""))
end

return M
