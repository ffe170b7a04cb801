// sdi.json and json_quote, byte for byte: escapes, control characters, UTF-8, numbers, nesting,
// indentation and prefix, empty tables, key order, and the result table push_result builds.

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <lauxlib.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <string>

#include "lua/error.hpp"
#include "lua/sandbox.hpp"
#include "report/json_text.hpp"
#include "report/lua_values.hpp"
#include "report/result_strings.hpp"

using sdi::report::json_quote;

namespace {

// Evaluates `expr` (Lua, with `json` bound to sdi.json) and returns the string it gives.
std::string eval(sdi::lua::Sandbox& sandbox, const std::string& expr) {
  lua_State* L = sandbox.state();
  sandbox.load("return " + expr, "json_encode_test");
  sandbox.call(0, 1);
  std::size_t len = 0;
  const char* s = lua_tolstring(L, -1, &len);
  std::string out = s != nullptr ? std::string(s, len) : std::string("(not a string)");
  lua_pop(L, 1);
  return out;
}

struct Json {
  sdi::lua::Sandbox sandbox;
  Json() {
    lua_State* L = sandbox.state();
    lua_pushcfunction(L, sdi::report::lua_json);
    lua_setglobal(L, "json");
  }
  std::string operator()(const std::string& expr) { return eval(sandbox, expr); }
};

}  // namespace

TEST_CASE("json_quote escapes quotes, backslashes and control characters") {
  CHECK(json_quote("") == "\"\"");
  CHECK(json_quote("plain text, 100% ASCII!") == "\"plain text, 100% ASCII!\"");
  CHECK(json_quote("say \"hi\"") == "\"say \\\"hi\\\"\"");
  CHECK(json_quote("a\\b") == "\"a\\\\b\"");
  CHECK(json_quote("l1\nl2\r\tx\b\f") == "\"l1\\nl2\\r\\tx\\b\\f\"");
  CHECK(json_quote(std::string("\0\x01\x1f\x7f", 4)) == "\"\\u0000\\u0001\\u001f\\u007f\"");
  CHECK(json_quote("/ and ~ stay") == "\"/ and ~ stay\"");
}

TEST_CASE("json_quote keeps valid UTF-8 and replaces invalid bytes with U+FFFD") {
  CHECK(json_quote("caf\xC3\xA9") == "\"caf\xC3\xA9\"");
  CHECK(json_quote("\xE2\x86\x92 \xF0\x9F\x9A\x80") == "\"\xE2\x86\x92 \xF0\x9F\x9A\x80\"");
  CHECK(json_quote("a\xFFz") == "\"a\xEF\xBF\xBDz\"");
  CHECK(json_quote("\xC0\xAF") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");  // overlong: two bad bytes
  CHECK(json_quote("cut \xE2\x86") == "\"cut \xEF\xBF\xBD\xEF\xBF\xBD\"");  // truncated at the end
  CHECK(json_quote("\xE2x\x86") == "\"\xEF\xBF\xBDx\xEF\xBF\xBD\"");
  CHECK(json_quote("\x80") == "\"\xEF\xBF\xBD\"");
}

TEST_CASE("json_quote gives the same text whatever the length and position of the escapes") {
  // Runs of plain bytes of every length up to a few words, with an escape before and after.
  for (std::size_t n = 0; n < 40; ++n) {
    std::string plain(n, 'x');
    for (std::size_t at = 0; at <= n; at += 3) {
      std::string s = plain;
      s.insert(at, "\"\n\xC3\xA9\x01");
      std::string expected =
          "\"" + plain.substr(0, at) + "\\\"\\n\xC3\xA9\\u0001" + plain.substr(at) + "\"";
      CHECK(json_quote(s) == expected);
    }
  }
}

TEST_CASE("json_quote finds a byte that needs care at any place in text of any length") {
  // Plain text is copied in overlapping blocks; each place must still be looked at.
  const char specials[] = {'"', '\\', '\n', '\x1f', '\x7f', '\xFF'};
  int differing = 0;
  for (std::size_t n = 1; n < 48; ++n)
    for (std::size_t at = 0; at < n; ++at)
      for (char special : specials) {
        std::string s(n, 'x');
        s[at] = special;
        sdi::report::JsonText portable;
        sdi::report::detail::append_quoted_portable(portable, s.data(), s.size());
        if (json_quote(s) != portable.view() || json_quote(s) == "\"" + s + "\"") ++differing;
      }
  CHECK(differing == 0);
}

TEST_CASE("sdi.json writes scalars") {
  Json json;
  CHECK(json("json(nil)") == "null");
  CHECK(json("json(true)") == "true");
  CHECK(json("json(false)") == "false");
  CHECK(json("json(0)") == "0");
  CHECK(json("json(-42)") == "-42");
  CHECK(json("json(math.maxinteger)") == "9223372036854775807");
  CHECK(json("json(math.mininteger)") == "-9223372036854775808");
  CHECK(json("json(3.0)") == "3");
  CHECK(json("json(-0.0)") == "0");
  CHECK(json("json(2.5)") == "2.5");
  CHECK(json("json(0.1)") == "0.1");
  CHECK(json("json(1/3)") == "0.3333333333333333");
  CHECK(json("json(1e15)") == "1000000000000000");
  CHECK(json("json(1e16)") == "1e+16");
  CHECK(json("json(-2.5e-3)") == "-0.0025");
  CHECK(json("json(123456789012345.0)") == "123456789012345");
  CHECK(json("json(1e300)") == "1e+300");
  CHECK(json("json(1e-7)") == "1e-07");
  CHECK(json("json(1/0)") == "null");
  CHECK(json("json(-1/0)") == "null");
  CHECK(json("json(0/0)") == "null");
  CHECK(json("json('a\\tb')") == "\"a\\tb\"");
}

TEST_CASE("sdi.json writes empty tables as {} and marked or 1..n tables as arrays") {
  Json json;
  CHECK(json("json({})") == "{}");
  CHECK(json("json({}, 2)") == "{}");
  CHECK(json("json({1, 'two', true})") == "[1,\"two\",true]");
  CHECK(json("json({[1] = 'a', [2] = 'b'})") == "[\"a\",\"b\"]");
  CHECK(json("json({[1] = 'a', [3] = 'c'})") == "{\"1\":\"a\",\"3\":\"c\"}");
  CHECK(json("json({'a', x = 1})") == "{\"1\":\"a\",\"x\":1}");
  CHECK(json("json({[2.5] = 'f'})") == "{\"2.5\":\"f\"}");
  CHECK(json("json({{}, {{}}})") == "[{},[{}]]");
}

TEST_CASE("sdi.json sorts object keys bytewise at every depth") {
  Json json;
  CHECK(json("json({b = 1, a = 2, B = 3, ab = 4, [''] = 5})") ==
        "{\"\":5,\"B\":3,\"a\":2,\"ab\":4,\"b\":1}");
  CHECK(json("json({z = {d = 1, c = {f = 1, e = 2}}, y = {3, 2, 1}})") ==
        "{\"y\":[3,2,1],\"z\":{\"c\":{\"e\":2,\"f\":1},\"d\":1}}");
  CHECK(json("json({['q\"k'] = 1, ['\\n'] = 2})") == "{\"\\n\":2,\"q\\\"k\":1}");
  // A table with many keys (more than fit any small buffer) keeps every one, in order.
  std::string many =
      "(function() local t = {} for i = 1, 300 do t['k' .. string.format('%03d', i)]"
      " = i end return json(t) end)()";
  std::string expected = "{";
  for (int i = 1; i <= 300; ++i) {
    char key[8];
    std::snprintf(key, sizeof key, "k%03d", i);
    expected += std::string(i > 1 ? "," : "") + "\"" + key + "\":" + std::to_string(i);
  }
  expected += "}";
  CHECK(json(many) == expected);
}

TEST_CASE("sdi.json writes keys that recur across objects the same every time") {
  Json json;
  CHECK(json("json({{a = 1, [2] = 'x'}, {a = 2, [2] = 'y'}, {a = 3, ['2'] = 'z'}}, 1)") ==
        "[\n {\n  \"2\": \"x\",\n  \"a\": 1\n },\n {\n  \"2\": \"y\",\n  \"a\": 2\n },"
        "\n {\n  \"2\": \"z\",\n  \"a\": 3\n }\n]");
  CHECK(json("json({{k = {k = {k = 1}}}, {k = 2}})") == "[{\"k\":{\"k\":{\"k\":1}}},{\"k\":2}]");
}

TEST_CASE("sdi.json indents nested values and puts the prefix after every line break") {
  Json json;
  CHECK(json("json({a = {1, {b = 'x'}}, c = {}}, 2)") ==
        "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"x\"\n    }\n  ],\n  \"c\": {}\n}");
  CHECK(json("json({1, 2}, 3, '# ')") == "[\n#    1,\n#    2\n# ]");
  CHECK(json("json({a = 'line\\nbreak'}, 1, '>')") == "{\n> \"a\": \"line\\nbreak\"\n>}");
  CHECK(json("json('s', 2, '>')") == "\"s\"");
  CHECK(json("json({a = 1}, 0, '>')") == "{\"a\":1}");
}

TEST_CASE("sdi.json refuses values JSON cannot hold") {
  sdi::lua::Sandbox sandbox;
  lua_State* L = sandbox.state();
  lua_pushcfunction(L, sdi::report::lua_json);
  lua_setglobal(L, "json");
  // The Lua asserts are the checks: a failing one makes run() throw.
  CHECK_NOTHROW(sandbox.run(R"lua(
local t = {} t.self = t
assert(not pcall(json, t))
assert(not pcall(json, { f = print }))
assert(not pcall(json, { [true] = 1 }))
local ok, err = pcall(json, { [{}] = 1 })
assert(not ok and err:find("keys must be strings or numbers"), err)
)lua",
                            "json_refuses"));
}

TEST_CASE("push_result builds the sdi.grade.v1 table that sdi.json writes") {
  sdi::grade::GradeResult r;
  r.file = "a.md";
  r.problem = "twitter";
  r.template_id = "classic";
  r.matched_by = "front matter";
  r.score = 72.5;
  r.level = "pass";
  r.graded = true;
  sdi::grade::StepResult step;
  step.id = "scope";
  step.title = "Scope";
  step.points = 3;
  step.max = 4;
  step.verdict = "solid";
  step.sections = {3, 9};
  sdi::grade::CheckResult check;
  check.id = "c1";
  check.title = "Says \"who\"";
  check.facet = "high_level";
  check.kind = "concepts";
  check.status = sdi::grade::Status::Partial;
  check.points = 1.5;
  check.max = 2;
  check.feedback = "half";
  check.evidence = {{4, "users\tpost"}};
  step.checks = {check, check};
  r.steps = {step};
  r.facets = {{"high_level", 1.5, 2, "thin"}};
  r.estimates = {{"qps", "Peak QPS", "1k/s", "2k/s", "d", 2.0 / 3, 0.456, 7}};
  r.flags = {{"dau", "1", "2..3", 8}};

  sdi::lua::Sandbox sandbox;
  lua_State* L = sandbox.state();
  for (int round = 0; round < 2; ++round) {  // the second table is built from cached strings
    sdi::report::push_result(L, r);
    std::string out = sdi::report::encode_json(L, -1, 0);
    lua_pop(L, 1);
    CHECK(out ==
          "{\"errors\":[],\"estimates\":[{\"credit\":0.46,\"derivation\":\"d\",\"expected\":"
          "\"2k/s\",\"id\":\"qps\",\"line\":7,\"ratio\":0.67,\"stated\":\"1k/s\",\"title\":"
          "\"Peak QPS\"}],\"facets\":[{\"id\":\"high_level\",\"max\":2,\"points\":1.5,"
          "\"verdict\":\"thin\"}],\"file\":\"a.md\",\"flags\":[{\"id\":\"dau\",\"line\":8,"
          "\"range\":\"2..3\",\"stated\":\"1\"}],\"graded\":true,\"level\":\"pass\","
          "\"matched_by\":\"front matter\",\"problem\":\"twitter\",\"score\":72.5,\"steps\":"
          "[{\"checks\":[{\"evidence\":[{\"line\":4,\"text\":\"users\\tpost\"}],\"facet\":"
          "\"high_level\",\"feedback\":\"half\",\"id\":\"c1\",\"kind\":\"concepts\",\"max\":2,"
          "\"points\":1.5,\"status\":\"partial\",\"suggestion\":\"\",\"title\":\"Says "
          "\\\"who\\\"\"},{\"evidence\":[{\"line\":4,\"text\":\"users\\tpost\"}],\"facet\":"
          "\"high_level\",\"feedback\":\"half\",\"id\":\"c1\",\"kind\":\"concepts\",\"max\":2,"
          "\"points\":1.5,\"status\":\"partial\",\"suggestion\":\"\",\"title\":\"Says "
          "\\\"who\\\"\"}],\"id\":\"scope\",\"max\":4,\"points\":3,\"score\":75,\"sections\":"
          "[3,9],\"title\":\"Scope\",\"verdict\":\"solid\"}],\"template\":\"classic\"}");
  }
  // Reporters may change the table they receive: it is theirs, not shared with the next one.
  sdi::report::push_result(L, r);
  lua_pushstring(L, "changed");
  lua_setfield(L, -2, "level");
  lua_pop(L, 1);
  sdi::report::push_result(L, r);
  lua_getfield(L, -1, "level");
  CHECK(std::string(lua_tostring(L, -1)) == "pass");
  lua_pop(L, 2);
}

TEST_CASE("ResultStrings pushes field names and shared text, and leaves the stack as it was") {
  sdi::lua::Sandbox sandbox;
  lua_State* L = sandbox.state();
  const int top = lua_gettop(L);
  for (int round = 0; round < 2; ++round) {  // the second round finds the state's table made
    const sdi::report::ResultStrings s(L);
    s.push("suggestion");
    CHECK(std::string(lua_tostring(L, -1)) == "suggestion");
    s.push("partial");
    CHECK(std::string(lua_tostring(L, -1)) == "partial");
    lua_pop(L, 2);
    const std::string long_text(2000, 'x');
    for (const std::string& text : {std::string("Peak QPS"), std::string(), long_text}) {
      s.push_shared(text);
      s.push_shared(text);
      std::size_t a = 0, b = 0;
      const char* first = lua_tolstring(L, -2, &a);
      const char* second = lua_tolstring(L, -1, &b);
      CHECK(std::string(first, a) == text);
      CHECK(std::string(second, b) == text);
      lua_pop(L, 2);
    }
    // Many distinct texts: past the cache's bound they are still pushed as they are.
    int wrong = 0;
    for (int i = 0; i < 5000; ++i) {
      const std::string text = "title " + std::to_string(i);
      s.push_shared(text);
      if (std::string(lua_tostring(L, -1)) != text) ++wrong;
      lua_pop(L, 1);
    }
    CHECK(wrong == 0);
    lua_createtable(L, 0, 0);
    s.mark_array();
    CHECK(sdi::report::encode_json(L, -1, 0) == "[]");
    lua_pop(L, 1);
    s.close();
    CHECK(lua_gettop(L) == top);
  }
}

TEST_CASE("json_quote and the portable escaper agree on text of every kind") {
  // Fragments that exercise every path: plain runs, escapes, control bytes, valid and broken
  // UTF-8; strung together at random (a fixed seed) into texts of many lengths.
  const std::string fragments[] = {"a",
                                   "plain words ",
                                   "\"",
                                   "\\",
                                   "\n",
                                   "\x01",
                                   "\x7f",
                                   "\xC3\xA9",
                                   "\xE2\x86\x92",
                                   "\xF0\x9F\x9A\x80",
                                   "\xFF",
                                   "\xE2\x86",
                                   "\xC0",
                                   "0123456789abcdef"};
  std::uint32_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  int differing = 0;
  for (int n = 0; n < 2000; ++n) {
    std::string text;
    const std::uint32_t parts = next() % 24;
    for (std::uint32_t k = 0; k < parts; ++k) text += fragments[next() % std::size(fragments)];
    sdi::report::JsonText portable;
    sdi::report::detail::append_quoted_portable(portable, text.data(), text.size());
    if (json_quote(text) != portable.view()) ++differing;
  }
  CHECK(differing == 0);
}

TEST_CASE("numbers of one or two decimals are spelled as fmt spells any double") {
  // The short path must agree with the general one wherever it is taken, and near where it stops.
  int differing = 0;
  auto check = [&differing](double v) {
    sdi::report::JsonText text;
    sdi::report::append_number(text, v);
    const std::string general = std::floor(v) == v && std::fabs(v) < 1e15
                                    ? std::to_string(static_cast<long long>(v))
                                    : fmt::format("{}", v);
    if (text.view() != general) ++differing;
  };
  for (long long k = -200000; k <= 200000; ++k) {
    check(static_cast<double>(k) / 10);
    check(static_cast<double>(k) / 100);
    check(static_cast<double>(k) / 1000);
  }
  for (double big : {999999999.9, 999999999.99, 1e9 + 0.5, 123456789.12, -987654321.05}) check(big);
  std::uint64_t seed = 99;
  for (int n = 0; n < 200000; ++n) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    const double v = static_cast<double>(seed >> 11) / static_cast<double>(1ULL << 53);
    check(v);
    check(v * 1000);
    check(std::round(v * 1e6) / 100);
    check(-std::round(v * 1e5) / 10);
  }
  CHECK(differing == 0);
}

TEST_CASE("encoding a large table is charged to the sandbox budget") {
  // Each call is a handful of VM instructions but writes about a megabyte: the string it returns
  // is charged as an allocation, or this loop would run for minutes inside a million units.
  sdi::lua::Limits limits;
  limits.instructions = 1'000'000;
  limits.wall_time = std::chrono::milliseconds{0};
  sdi::lua::Sandbox sandbox(limits);
  lua_State* L = sandbox.state();
  lua_pushcfunction(L, sdi::report::lua_json);
  lua_setglobal(L, "json");
  sandbox.load("local t = { string.rep('a', 1 << 20) } for _ = 1, 100000 do json(t) end", "loop");
  try {
    sandbox.call(0, 0);
    FAIL("the loop finished within the budget");
  } catch (const sdi::lua::Error& e) {
    CHECK(e.kind() == sdi::lua::Error::Kind::Budget);
  }
}
