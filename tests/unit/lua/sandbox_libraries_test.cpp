// The allowed libraries work as in plain Lua, with deterministic randomness and pairs order.

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "support.hpp"

using sdi::lua::Error;
using sdi::lua::Limits;
using sdi::lua::Sandbox;
using sdi::lua::testing::eval;
using sdi::lua::testing::small_limits;

TEST_CASE("base functions") {
  Sandbox sandbox(small_limits());
  CHECK(eval(sandbox, "return select('#', 1, nil, 3) .. select(2, 'a', 'b')") == "3b");
  CHECK(eval(sandbox, "return tonumber('0x10') + tonumber('z', 36) + tonumber(' 5 ')") == "56");
  CHECK(eval(sandbox, "return type(print) .. type(nil) .. tostring(1.5)") == "functionnil1.5");
  CHECK(eval(sandbox, "local ok, m = pcall(error, 'x', 0) return tostring(ok) .. m") == "falsex");
  CHECK(eval(sandbox,
             "return select(2, xpcall(error, function(m) return 'handled ' .. m end, "
             "'e', 0))") == "handled e");
  CHECK(eval(sandbox,
             "local t = setmetatable({}, {__index = function(_, k) return k * 2 end})\n"
             "return t[21] + rawlen({1, 2}) + (rawget(t, 21) or 0)") == "44");
  CHECK(eval(sandbox, "local t = {} rawset(t, 'a', 1) return rawequal(t, t) and t.a") == "1");
  CHECK(eval(sandbox, "local n = 0 for i, v in ipairs({5, 6, 7}) do n = n + i * v end return n") ==
        "38");
  CHECK(eval(sandbox, "return next({}) == nil and _VERSION") == "Lua 5.4");
  CHECK(eval(sandbox,
             "local mt = {__metatable = 'locked'}\n"
             "local t = setmetatable({}, mt)\n"
             "return getmetatable(t) .. ' ' .. tostring(pcall(setmetatable, t, {}))") ==
        "locked false");
}

TEST_CASE("string library, methods and patterns") {
  Sandbox sandbox(small_limits());
  CHECK(eval(sandbox, "return ('x'):rep(3, '-') .. ('%05.1f'):format(3.14159)") == "x-x-x003.1");
  CHECK(eval(sandbox,
             "return ('Hello'):upper() .. ('Hello'):lower() .. ('abc'):reverse() .. "
             "('abc'):sub(2) .. ('abc'):byte(1) .. string.char(72)") == "HELLOhellocbabc97H");
  CHECK(eval(sandbox,
             "return select('#', string.find('a.b', '.', 1, true)) .. "
             "string.find('a.b', '.', 2, true)") == "22");
  CHECK(eval(sandbox, "local k, v = ('key = value'):match('(%w+)%s*=%s*(%w+)') return k .. v") ==
        "keyvalue");
  CHECK(eval(sandbox,
             "local out = {} for w in ('one two three'):gmatch('%a+') do "
             "out[#out + 1] = w:upper() end return table.concat(out, ',')") == "ONE,TWO,THREE");
  CHECK(eval(sandbox,
             "return (('hello world'):gsub('o', {o = '0'})) .. "
             "select(2, ('aaa'):gsub('a', 'b', 2))") == "hell0 w0rld2");
  CHECK(eval(sandbox,
             "return (('f(a(b)c) d'):gsub('%b()', function(s) return '<' .. #s .. '>' "
             "end))") == "f<7> d");
  CHECK(eval(sandbox,
             "return ('%d items'):format(3) .. string.len('abc') .. #string.pack('i4', "
             "7)") == "3 items34");
}

TEST_CASE("table, math, utf8, os and coroutine libraries") {
  Sandbox sandbox(small_limits());
  CHECK(eval(sandbox,
             "local t = {5, 2, 9, 1} table.sort(t) table.insert(t, 1, 0) "
             "table.remove(t) return table.concat(t, ' ')") == "0 1 2 5");
  CHECK(eval(sandbox,
             "local t = {'b', 'c', 'a'} table.sort(t, function(a, b) return a > b end) "
             "return table.concat(t)") == "cba");
  CHECK(eval(sandbox, "return table.concat(table.move({1, 2, 3}, 1, 3, 2), ',')") == "1,1,2,3");
  CHECK(eval(sandbox,
             "local p = table.pack(1, nil, 3) return p.n + select('#', "
             "table.unpack({1, 2, 3}))") == "6");
  CHECK(eval(sandbox,
             "return math.floor(3.7) + math.max(1, 5) + math.abs(-2) + "
             "(math.pi > 3 and 1 or 0) + math.tointeger(4.0)") == "15");
  CHECK(eval(sandbox,
             "return utf8.char(72, 233) .. utf8.len('h\\u{e9}llo') .. "
             "#utf8.charpattern") ==
        "H\xC3\xA9"
        "514");
  CHECK(eval(sandbox, "return type(os.time()) .. type(os.clock()) .. os.date('!%Y-%m-%d', 0)") ==
        "numbernumber1970-01-01");
  CHECK(eval(sandbox,
             "local gen = coroutine.wrap(function() for i = 1, 3 do "
             "coroutine.yield(i) end end)\n"
             "return gen() + gen() + gen()") == "6");
  CHECK(eval(sandbox,
             "local co = coroutine.create(function(a) local b = coroutine.yield(a + 1) "
             "return b * 2 end)\n"
             "local _, first = coroutine.resume(co, 1)\n"
             "local _, second = coroutine.resume(co, 10)\n"
             "return first .. ' ' .. second .. ' ' .. coroutine.status(co)") == "2 20 dead");
  CHECK(eval(sandbox,
             "return coroutine.isyieldable() == false and "
             "type(coroutine.running()) == 'thread' and "
             "coroutine.close(coroutine.create(print))") == "true");
}

TEST_CASE("print goes to the host's sink") {
  Sandbox sandbox(small_limits());
  sandbox.run("print('discarded by default')", "p.lua");
  std::vector<std::string> lines;
  sandbox.set_print([&](std::string_view line) { lines.emplace_back(line); });
  sandbox.run(
      "print(1, 'a', nil, true)\nprint()\n"
      "print(setmetatable({}, {__tostring = function() return 'obj' end}))",
      "p.lua");
  CHECK(lines == std::vector<std::string>{"1\ta\tnil\ttrue", "", "obj"});
  sandbox.set_print([](std::string_view) { throw std::runtime_error("disk full"); });
  try {
    sandbox.run("print('x')", "p.lua");
    FAIL("expected an error");
  } catch (const Error& error) {
    CHECK(std::string(error.what()) == "p.lua:1: print: the host could not write the output");
  }
}

TEST_CASE("math.random is deterministic per state") {
  const std::string draw =
      "local out = {} for i = 1, 5 do out[i] = math.random(1, 1000) end "
      "return table.concat(out, ',')";
  Sandbox first(small_limits());
  Sandbox second(small_limits());
  const std::string sequence = eval(first, draw);
  CHECK(eval(second, draw) == sequence);
  // randomseed() without arguments goes back to the fixed seed instead of the clock.
  CHECK(eval(first, "math.randomseed() " + draw) == sequence);
  CHECK(eval(first, "math.randomseed(7) " + draw) != sequence);
  Limits other_seed = small_limits();
  other_seed.random_seed = 12345;
  Sandbox third(other_seed);
  CHECK(eval(third, draw) != sequence);
}

TEST_CASE("pairs visits keys in a fixed order") {
  Sandbox sandbox(small_limits());
  CHECK(eval(sandbox,
             "local t = {zeta = 1, alpha = 2, [10] = 3, [2] = 4, [1.5] = 5, [true] = 6, "
             "[false] = 7, beta = 8, Beta = 9, [-3] = 10}\n"
             "local keys = {}\n"
             "for k, v in pairs(t) do keys[#keys + 1] = tostring(k) .. '=' .. v end\n"
             "return table.concat(keys, ' ')") ==
        "-3=10 1.5=5 2=4 10=3 Beta=9 alpha=2 beta=8 zeta=1 false=7 true=6");
  // Clearing fields during the traversal is allowed and skips them.
  CHECK(eval(sandbox,
             "local t = {a = 1, b = 2, c = 3}\n"
             "local seen = {}\n"
             "for k in pairs(t) do seen[#seen + 1] = k t.b = nil end\n"
             "return table.concat(seen)") == "ac");
  CHECK(eval(sandbox, "local n = 0 for _ in pairs({}) do n = n + 1 end return n") == "0");
  CHECK(eval(sandbox,
             "local t = setmetatable({}, {__pairs = function(t) return function(_, k) "
             "if not k then return 1, 'one' end end, t, nil end})\n"
             "for k, v in pairs(t) do return k .. v end") == "1one");
}

TEST_CASE("a moved sandbox keeps working") {
  Sandbox original(small_limits());
  original.run("kept = 'yes'", "a.lua");
  Sandbox moved(std::move(original));
  CHECK(eval(moved, "return kept") == "yes");
  Sandbox assigned(small_limits());
  assigned = std::move(moved);
  CHECK(eval(assigned, "return kept") == "yes");
  CHECK(sdi::lua::testing::run_failing(assigned, "while true do end").kind() ==
        Error::Kind::Budget);
}
