-- Escaping shared by the reporters (`local esc = require "lib.escape"`). Every function takes any
-- value (nil gives "", numbers are formatted) and returns a string that is safe in its context.
--
-- Answer text reaches reports verbatim (evidence quotes, custom check feedback), so it may hold
-- invalid UTF-8, control characters or markup. `clean` is applied first everywhere: invalid UTF-8
-- bytes, C0 controls other than tab/LF/CR, DEL, C1 controls and the non-characters U+FFFE/U+FFFF
-- each become U+FFFD. What remains is valid UTF-8 that XML 1.0, HTML, YAML and JSON all accept.

local M = {}

-- The escapes are the engine's (`sdi.escape`, one pass over the bytes in C++); each is described
-- here as it behaves.
local native = sdi.escape

-- Invalid UTF-8 bytes, C0 controls other than tab/LF/CR, DEL, C1 controls and U+FFFE/U+FFFF each
-- become U+FFFD.
M.clean = native.clean

-- One line: `clean`, then runs of whitespace (newlines included) become one space, ends trimmed.
M.line = native.line

-- Cuts to at most `limit` bytes at a character boundary, adding "..." when it cuts.
function M.shorten(s, limit)
  if #s <= limit then return s end
  local cut = limit - 3
  while cut > 0 and (s:byte(cut + 1) or 0) >= 0x80 and (s:byte(cut + 1) or 0) < 0xC0 do
    cut = cut - 1
  end
  return s:sub(1, cut) .. "..."
end

-- XML 1.0 character data (element content): & < > " ' escaped as &amp; &lt; &gt; &quot; &apos;,
-- and CR kept as the reference &#13; so parsers do not fold it into LF.
M.xml = native.xml

-- An XML attribute value (inside double quotes): as `xml`, plus LF and tab as &#10; and &#9;,
-- which attribute-value normalisation would otherwise turn into spaces.
M.xml_attr = native.xml_attr

-- HTML text or a double-quoted attribute value: & < > " ' as &amp; &lt; &gt; &quot; &#39;.
M.html = native.html

-- A double-quoted JSON string, which is also a valid YAML 1.2 double-quoted scalar: " \ LF CR
-- tab as \" \\ \n \r \t, and U+2028, U+2029 and U+FEFF as \u escapes, so only printable
-- characters stay literal.
M.quote = native.quote

-- GitHub Actions workflow commands (`::error file=F,line=L,title=T::message`). The runner
-- unescapes %25, %0D and %0A in the message (`gh_data`: % CR LF), and also %3A and %2C in
-- property values (`gh_property`: : and , as well).
M.gh_data = native.gh_data
M.gh_property = native.gh_property

-- Markdown inline text (GitHub-flavoured, also inside table cells): `line`, and every ASCII
-- punctuation character that could start markup (\ ` * _ [ ] < > | ~ & # $: emphasis, links,
-- code, HTML, entities, math, table pipes, heading markers) is backslash-escaped, so it renders
-- as written.
M.md = native.md

-- Numbers as people read them: 8, 2.7, 97.25. `tonumber(x) or 0`, then a whole number under 1e15
-- as an integer, any other as string.format("%.2f") without its trailing zeros and dot.
M.num = native.num

return M
