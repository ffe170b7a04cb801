// The sandbox's own pattern matcher and table functions must behave like stock Lua 5.4: every
// case runs in a sandbox and in a plain state with the standard libraries, and the results (or
// error messages, without their position) must be identical.

#include <doctest/doctest.h>
#include <lauxlib.h>
#include <lualib.h>

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "support.hpp"

using sdi::lua::Sandbox;
using sdi::lua::testing::small_limits;

namespace {

// Serialises every result of the expression, or the error without its position.
const char* const kHarness = R"lua(
local function show(ok, ...)
  local out = {}
  if not ok then return 'error: ' .. tostring((...)) end
  for i = 1, select('#', ...) do
    local v = select(i, ...)
    out[#out + 1] = type(v) .. ':' .. tostring(v)
  end
  return table.concat(out, ' ')
end
return show(pcall(function() %s end))
)lua";

std::string strip_positions(std::string text) {
  static const std::regex position(R"((\[string "[^"]*"\]|[\w./-]+\.lua):\d+: )");
  return std::regex_replace(text, position, "");
}

std::string make_chunk(const std::string& body) {
  std::string chunk = kHarness;
  chunk.replace(chunk.find("%s"), 2, body);
  return chunk;
}

std::string run_stock(const std::string& body) {
  std::unique_ptr<lua_State, decltype(&lua_close)> state(luaL_newstate(), lua_close);
  lua_State* L = state.get();
  luaL_openlibs(L);
  const std::string chunk = make_chunk(body);
  if (luaL_loadstring(L, chunk.c_str()) != LUA_OK || lua_pcall(L, 0, 1, 0) != LUA_OK) {
    return std::string("harness failed: ") + lua_tostring(L, -1);
  }
  return strip_positions(lua_tostring(L, -1));
}

std::string run_sandboxed(Sandbox& sandbox, const std::string& body) {
  return strip_positions(sdi::lua::testing::eval(sandbox, make_chunk(body), "compat.lua"));
}

void check_same(Sandbox& sandbox, const std::vector<std::string>& bodies) {
  for (const auto& body : bodies) {
    CAPTURE(body);
    const std::string expected = run_stock(body);
    CHECK_FALSE(sdi::lua::testing::contains(expected, "harness failed"));
    CHECK(run_sandboxed(sandbox, body) == expected);
  }
}

}  // namespace

TEST_CASE("string.find and string.match match stock Lua") {
  Sandbox sandbox(small_limits());
  std::vector<std::string> bodies;
  const char* const cases[] = {
      R"('hello world', 'o w')",
      R"('hello', 'l+')",
      R"('hello', '^h')",
      R"('hello', '^e')",
      R"('hello', 'o$')",
      R"('a$b', '$b')",
      R"('a$b', 'a$')",
      R"('hello', '')",
      R"('hello', '', 10)",
      R"('hello', '', 6)",
      R"('hello', 'l', -2)",
      R"('hello', 'l', -10)",
      R"('hello', 'l', 0)",
      R"('a.b', '.', 1, true)",
      R"('a+b', '+', 1, true)",
      R"('key = value', '(%w+)%s*=%s*(%w+)')",
      R"('THE (quick) fox', '%((%a+)%)')",
      R"('f(a(b)c)d', '%b()')",
      R"('f(a(b c)d', '%b()')",
      R"('THE (quick) fox', '%f[%a]%a+', 5)",
      R"('hello', '()ll()')",
      R"('abcabc', '(abc)%1')",
      R"('aaa', 'a-b')",
      R"('aaab', 'a-b')",
      R"('x]y', '[]]')",
      R"('x^y', '[%^x]+')",
      R"('a-z', '[a%-z]+')",
      R"('0x1F', '%x+')",
      R"('  trim me  ', '^%s*(.-)%s*$')",
      R"('abc', '[^a]')",
      R"('a-b', '[b-]')",
      R"('hello', 'h?ello')",
      R"('ello', 'h?ello')",
      R"('bbb', 'a*')",
      R"('aaa', 'a+?')",
      R"('x=1, y=22', '(%a)=(%d+)', 4)",
      R"('\0a\0b', '%z')",
      R"('\0a\0b', 'a%z?')",
      R"('caf\u{e9}', '[\128-\255]+')",
      R"('A1 b2', '%u%d')",
      R"('A1 b2', '%L%d')",
      R"('tab\there', '%c')",
      R"('x,y;z', '%p')",
      R"('abc', '%g+')",
      R"('aXb', '%W')",
      R"('hello', '(h)(e)(l)(l)(o)')",
      R"('hello', '((l)(l))')",
      R"('word', '%f[%w]%w+%f[%W]')",
      R"('', '%f[%a]')",
      R"('abc', '.-$')",
      R"('xx 50 ms and 7ms', '%d%s*ms', 8)",
      R"('the keys, a key', 'keys?%f[%A]')",
      R"('monkeys, a key', '%f[%a]keys?%f[%A]')",
      R"('akey key', '%f[%a]%f[%l]key')",
      R"('x tables', '%f[%a]tables?%f[%A]', 3)",
      R"('x table', '%f[%a]')",
      R"('ab', '%f[%a]b')",
      R"('a b', '%f[%a]b')",
      R"('...', '%f[%p]%.')",
      R"('xy', '%f[%a]')",
      R"('x y', '%f[%a](%a)')",
      R"('a5', '%f[%d]%d*')",
      R"('abc', 'c', 3)",
      R"('abc', 'c', 4)",
      R"('abc', '[bc]+$')",
      R"('[[x]]', '%[(%b[])%]')",
      R"('2024-01-15', '(%d+)-(%d+)-(%d+)')",
      R"(12345, '3')",
      R"('hello', 'l', 2.0)",
      R"('a', '%')",
      R"('a', '[a')",
      R"('a', '[a%')",
      R"('a', '(a')",
      R"('a', 'a)')",
      R"('a', '%1')",
      R"('aa', '(a)%2')",
      R"('a', '%b')",
      R"('a', '%ba')",
      R"('a', '%f')",
      R"('a', '%fa')",
      R"('a', '(()')",
      R"('a', 'a', 1.5)",
      R"(nil, 'a')",
      R"('a', {})",
      R"('ab', '(a)%0')",
      R"(string.rep('a', 40), string.rep('(a)', 33))",
      R"(string.rep('a', 300), string.rep('a?', 300) .. string.rep('a', 300))",
  };
  for (const char* args : cases) {
    bodies.push_back(std::string("return string.find(") + args + ")");
    bodies.push_back(std::string("return string.match(") + args + ")");
  }
  check_same(sandbox, bodies);
}

TEST_CASE("string.gmatch matches stock Lua") {
  Sandbox sandbox(small_limits());
  std::vector<std::string> bodies;
  const char* const cases[] = {
      R"('one two  three', '%a+')",
      R"('a,b,,c', '([^,]*)')",
      R"('abc', '')",
      R"('k=v, x=y', '(%w+)=(%w+)')",
      R"('^a^a', '^a')",
      R"('hello', '()l')",
      R"('hello world from lua', '%a+', 7)",
      R"('hello', '%a+', -3)",
      R"('hello', 'x*')",
      R"('aaa', 'a-')",
      R"('abc', '.', 10)",
      R"('a1b22c333', '%d+')",
      R"('a', '(')",
  };
  for (const char* args : cases) {
    bodies.push_back(std::string("local out = {}\n"
                                 "for a, b in string.gmatch(") +
                     args +
                     ") do out[#out + 1] = tostring(a) .. '|' .. tostring(b) end\n"
                     "return table.concat(out, ';')");
  }
  check_same(sandbox, bodies);
}

TEST_CASE("string.gsub matches stock Lua") {
  Sandbox sandbox(small_limits());
  std::vector<std::string> bodies;
  const char* const cases[] = {
      R"('hello world', 'o', '0')",
      R"('hello world', '(o)', '[%1]')",
      R"('hello', '', '-')",
      R"('abc', '%w', '%0%0')",
      R"('abc', 'b', '%%')",
      R"('abc', 'b', '%1')",
      R"('hello world', '%w+', {hello = 'HI', world = false})",
      R"('hello world', '%w+', function(w) return w:upper() end)",
      R"('hello world', '%w+', function() return nil end)",
      R"('hello world', '(%w)(%w*)', function(a, b) return b .. a end)",
      R"('abc', '()', function(p) return p end)",
      R"('abc', 'b', '%2')",
      R"('abc', 'b', '%x')",
      R"('abc', 'b', '%')",
      R"('abc', 'a', 1)",
      R"('abc', 'a', 1.5)",
      R"('hello', 'l', 'L', 1)",
      R"('hello', 'l', 'L', 0)",
      R"('hello', 'l', 'L', -1)",
      R"('hello', '^h', 'H')",
      R"('hello', '^l', 'L')",
      R"('a b c', ' ', '')",
      R"('x', 'x', {x = true})",
      R"('x', 'x', function() return {} end)",
      R"('x', 'x')",
      R"('x', 'x', true)",
      R"('abc', '.-', '-')",
      R"('abc', 'x*', '-')",
      R"('hello world', 'o', '0', 1.0)",
      R"('one two', '(%w+) (%w+)', '%2 %1')",
      R"('$1.50', '%$(%d+)%.(%d+)', '%1 dollars %2 cents')",
      R"('a key, keys, monkey', '%f[%a]keys?%f[%A]', 'K')",
      R"('x', '%f[%a]', '^')",
      R"('ab ba', '%f[%a]a', '_')",
      // Plain patterns take a search-and-replace path; it must agree too.
      R"('aaaa', 'aa', 'b')",
      R"('a\nb\nc\n', '\n', '\n  ')",
      R"('abcabc', 'bc', 7)",
      R"('abcabc', 'bc', 'X', 1)",
      R"('abc', 'abcd', 'X')",
      R"('abc', 'abc', '')",
      R"('a]b]', ']', '}')",
      // So do patterns of one byte class.
      R"('a<b>&c', '[&<>]', {['<'] = '&lt;', ['>'] = '&gt;', ['&'] = '&amp;'})",
      R"('hello', '[lo]', '%0%0')",
      R"('hello', '[lo]', '%1')",
      R"('hello', '%a', function(c) return c:upper() end)",
      R"('hello', '.', 'x', 2)",
      R"('a.b', '%.', '!')",
      R"('abc', '[^b]', '-')",
      R"('hello', 'l', {l = false})",
      R"('x\0y', '[%z\0]', '0')",
      R"('', '[a]', 'b')",
      R"('abc', '[a', 'b')",
      R"('abc', '%', 'b')",
      // And patterns that start with a literal byte.
      R"('x\194\130y\194z', '\194[\128-\159]', '?')",
      R"('abab', 'ab*', '-')",
      R"('abab', 'a?b', '-')",
      R"('aaa', 'a-', '-')",
      R"('banana', 'an(a)', '<%1>')",
      R"('banana', 'a$', '!')",
      R"('banana', 'n', 'N', 1)",
  };
  for (const char* args : cases) bodies.push_back(std::string("return string.gsub(") + args + ")");
  check_same(sandbox, bodies);
}

TEST_CASE("a pattern's first item matches the same bytes as in stock Lua") {
  // find and gsub skip to the bytes a pattern's first item matches, from a set of them made once
  // per call: every byte value against classes, sets, ranges and escapes.
  Sandbox sandbox(small_limits());
  const char* const items[] = {"%a",
                               "%A",
                               "%c",
                               "%C",
                               "%d",
                               "%D",
                               "%g",
                               "%G",
                               "%l",
                               "%L",
                               "%p",
                               "%P",
                               "%s",
                               "%S",
                               "%u",
                               "%U",
                               "%w",
                               "%W",
                               "%x",
                               "%X",
                               "%z",
                               "%Z",
                               "%.",
                               "%%",
                               "%]",
                               "%q",
                               "%Q",
                               ".",
                               "a",
                               "\\200",
                               "[%a_]",
                               "[^%s]",
                               "[%]]",
                               "[]]",
                               "[^]]",
                               "[a-]",
                               "[-a]",
                               "[z-a]",
                               "[a-z%d]",
                               "[\\0-\\31]",
                               "[^\\9\\10\\13\\32-\\126]",
                               "[\\128-\\255]",
                               "[%w%-]",
                               "[%W%d]",
                               "[^%A]",
                               "[%Q%z]",
                               "[\\194\\239]",
                               "[&<>\"\\']",
                               "%f[%a]%a",
                               "[%a]+",
                               "%s+"};
  std::vector<std::string> bodies;
  for (const char* item : items) {
    const std::string all_bytes =
        "local t = {} for i = 0, 255 do t[#t + 1] = string.char(i) end local s = table.concat(t) ";
    const std::string pattern = std::string("'") + item + "'";
    bodies.push_back(all_bytes + "return (s:gsub(" + pattern + ", '<%0>')), s:find(" + pattern +
                     ", 70)");
    bodies.push_back(all_bytes + "return s:reverse():find(" + pattern + ")");
  }
  check_same(sandbox, bodies);
}

TEST_CASE("string.format matches stock Lua") {
  Sandbox sandbox(small_limits());
  check_same(sandbox, {
                          "return string.format('a%sb%dc%%', 'x\\0y', math.mininteger)",
                          "return string.format('%d', 3.0)",
                          "return string.format('%s', 12)",
                          "return string.format('%s', nil)",
                          "return string.format('%s %s', {} == nil, 1.5)",
                          "return string.format('%5s|%-3d|%.1f', 'ab', 7, 2.25)",
                          "return string.format('plain')",
                          "return string.format('%s%s', 'a', 'b', 'extra')",
                          "return string.format('%d%%', math.maxinteger)",
                          "return string.format(12)",
                          "return string.format('%d', 3.5)",
                          "return string.format('%s')",
                          "return string.format('%d', 'x')",
                          "return string.format('%d', '12')",
                          "return string.format('abc%')",
                          "return string.format('%y', 1)",
                          "return string.format()",
                          "return pcall(string.format, '%d', 1.5)",
                          "return ('%s=%d'):format('k', 2)",
                      });
}

TEST_CASE("string.byte and the utf8 functions match stock Lua") {
  Sandbox sandbox(small_limits());
  check_same(sandbox, {
                          "return ('abc'):byte()",
                          "return ('abc'):byte(-10, 10)",
                          "return ('abc'):byte(2, -1)",
                          "return ('abc'):byte(3, 2)",
                          "return string.byte('')",
                          "return utf8.len('h\\u{e9}llo')",
                          "return utf8.len('h\\u{e9}llo', 3)",
                          "return utf8.len('\\xff')",
                          "return utf8.len('abc', -1)",
                          "return utf8.codepoint('h\\u{e9}llo', 1, -1)",
                          "return utf8.codepoint('abc')",
                          "return utf8.offset('abc', 5)",
                          "return utf8.offset('h\\u{e9}llo', 3)",
                          "return utf8.offset('h\\u{e9}llo', -2)",
                          "return utf8.offset('h\\u{e9}llo', 0, 3)",
                      });
}

TEST_CASE("table functions match stock Lua") {
  Sandbox sandbox(small_limits());
  const std::string show = " return table.concat(t, ',') .. '#' .. #t";
  check_same(sandbox,
             {
                 "local t = {1, 2, 3} table.insert(t, 4)" + show,
                 "local t = {1, 2, 3} table.insert(t, 1, 0)" + show,
                 "local t = {1, 2, 3} table.insert(t, 4, 9)" + show,
                 "local t = {1, 2, 3} table.insert(t, 5, 9)" + show,
                 "local t = {1, 2, 3} table.insert(t, 0, 9)" + show,
                 "local t = {1, 2, 3} table.insert(t, 1, 2, 3)" + show,
                 "local t = {1, 2, 3} table.insert(t)" + show,
                 "local t = {1, 2, 3} table.insert(t, 'x', 1)" + show,
                 "local t = {1, 2, 3} local r = table.remove(t) return r .. '/' .. #t",
                 "local t = {1, 2, 3} local r = table.remove(t, 1)" + show,
                 "local t = {} local r = table.remove(t) return tostring(r) .. #t",
                 "local t = {} local r = table.remove(t, 0) return tostring(r) .. #t",
                 "local t = {1, 2, 3} table.remove(t, 4)" + show,
                 "local t = {1, 2, 3, 4, 5} table.move(t, 2, 4, 1)" + show,
                 "local t = {1, 2, 3, 4, 5} table.move(t, 1, 3, 3)" + show,
                 "local t = {1, 2, 3} local u = table.move(t, 1, 3, 2, {}) "
                 "return table.concat(u, ',', 2, 4)",
                 "local t = {1, 2, 3} table.move(t, 3, 1, 1)" + show,
                 "table.move({}, 1, math.maxinteger, 2)",
                 "table.move({}, -1, math.maxinteger, 1)",
                 "return table.concat({1, 2, 3}, ', ', 2, 3)",
                 "return table.concat({1, 2, 3}, ', ', 3, 2)",
                 "return table.concat({1, {}, 3})",
                 "return table.concat({'a', 'b'}, nil)",
                 "return table.concat({}, 'x', 1, 0)",
                 "return table.unpack({1, 2, 3})",
                 "return table.unpack({1, 2, 3}, 2)",
                 "return table.unpack({1, 2, 3}, -1, 1)",
                 "return table.unpack({1, 2, 3}, 3, 2)",
                 "return table.unpack({}, 1, 1e8)",
                 "return table.unpack({}, math.mininteger, math.maxinteger)",
                 "local t = {5, 3, 8, 1, 9, 2, 7} table.sort(t)" + show,
                 "local t = {'pear', 'apple', 'fig'} table.sort(t)" + show,
                 "local t = {5, 3, 8, 1} table.sort(t, function(a, b) return a > b end)" + show,
                 "local t = {3, 1, 2} table.sort(t, 'x')" + show,
                 "table.sort(5)",
                 "table.insert(nil, 1)",
                 "return table.concat('abc')",
             });
}

TEST_CASE("where the sandbox's table functions differ from stock Lua") {
  Sandbox sandbox(small_limits());
  // Stock Lua 5.4.4 blames argument #1 for a bad position; the position is argument #2.
  CHECK(run_sandboxed(sandbox, "local t = {1, 2, 3} table.remove(t, 5)") ==
        "error: bad argument #2 to 'remove' (position out of bounds)");
  // A heap sort compares in a different order, so the operands of a failed comparison may be
  // named the other way round.
  const std::string nil_hole = run_sandboxed(sandbox, "local t = {3, 1, nil, 2} table.sort(t)");
  CHECK((nil_hole == "error: attempt to compare number with nil" ||
         nil_hole == "error: attempt to compare nil with number"));
}

TEST_CASE("table.sort sorts large and adversarial inputs") {
  Sandbox sandbox(small_limits());
  CHECK(sdi::lua::testing::eval(sandbox,
                                "local t = {} for i = 1, 5000 do t[i] = (i * 7919) % 5003 end\n"
                                "table.sort(t)\n"
                                "for i = 2, #t do if t[i - 1] > t[i] then return 'unsorted' end "
                                "end\n"
                                "return 'sorted'") == "sorted");
  // An inconsistent order function cannot make the sort misbehave, only produce some order.
  CHECK(sdi::lua::testing::eval(sandbox,
                                "local t = {} for i = 1, 200 do t[i] = i end\n"
                                "table.sort(t, function() return math.random() < 0.5 end)\n"
                                "local sum = 0 for _, v in ipairs(t) do sum = sum + v end\n"
                                "return #t .. ' ' .. sum") == "200 20100");
}
