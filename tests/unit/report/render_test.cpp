// Reporters that render on the grading workers: the same bytes as rendering on the main thread,
// what may cross from a worker's sandbox, and sdi.json's line prefix.

#include <doctest/doctest.h>
#include <lauxlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "lua/sandbox.hpp"
#include "report/lua_values.hpp"
#include "report/reporter.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using sdi::grade::GradeResult;
using sdi::report::Rendered;
using sdi::report::Renderer;
using sdi::report::Reporter;
using sdi::report::RunInfo;

namespace {

// A reporter file in a fresh temporary folder.
fs::path write_plugin(const std::string& name, const std::string& code) {
  fs::path dir = fs::temp_directory_path() / ("sdi-report-test-" + name);
  fs::create_directories(dir);
  fs::path file = dir / (name + ".lua");
  std::ofstream(file) << code;
  return file;
}

struct Run {
  std::string out;
  Reporter reporter;
  explicit Run(const fs::path& plugin, RunInfo info = {})
      : reporter(plugin, std::move(info), [this](std::string_view s) { out += s; }) {}
};

const char* kCounting = R"lua(
local first = true
return {
  start = function() first = true end,
  render = function(r, run)
    return { text = r.file .. " " .. sdi.json(r.score) .. (run.color and " c" or ""), n = #r.errors,
             ok = r.graded, half = r.score / 2 }
  end,
  result = function(x)
    local sep = first and "" or ","
    first = false
    return sep .. x.text .. ":" .. x.n .. ":" .. tostring(x.ok) .. ":" .. x.half
  end,
  finish = function() return "\n" end,
}
)lua";

}  // namespace

TEST_CASE("a result rendered on a worker reports the same as one rendered by the reporter") {
  fs::path plugin = write_plugin("counting", kCounting);
  RunInfo info;
  info.color = true;
  Run direct(plugin, info), relayed(plugin, info);
  Renderer worker(plugin, info);
  REQUIRE(direct.reporter.renders());
  direct.reporter.start();
  relayed.reporter.start();
  for (double score : {80.0, 41.0}) {
    GradeResult r = sdi::test::sample_result("a.md", score);
    direct.reporter.add(r);
    relayed.reporter.add(worker.render(r));
  }
  direct.reporter.finish({});
  relayed.reporter.finish({});
  CHECK(direct.out == "a.md 80 c:1:true:40.0,a.md 41 c:1:true:20.5\n");
  CHECK(relayed.out == direct.out);
}

TEST_CASE("a rendered string is written as is when the reporter has no result hook") {
  fs::path plugin = write_plugin("plain", R"lua(
return { render = function(r) return r.file .. "\n" end, finish = function() return "end\n" end }
)lua");
  Run run(plugin);
  Renderer worker(plugin, {});
  run.reporter.start();
  run.reporter.add(worker.render(sdi::test::sample_result("x.md", 1)));
  run.reporter.add(sdi::test::sample_result("y.md", 2));
  run.reporter.finish({});
  CHECK(run.out == "x.md\ny.md\nend\n");
}

TEST_CASE("before writes its text ahead of each rendered string, from a worker or not") {
  fs::path plugin = write_plugin("before", R"lua(
local n = 0
return {
  render = sdi.json_render(),
  before = function(run) n = n + 1; return (run.color and "c" or "") .. n .. ":" end,
  finish = function() return "\n" end,
}
)lua");
  RunInfo info;
  info.color = true;
  Run direct(plugin, info), relayed(plugin, info);
  Renderer worker(plugin, info);
  const GradeResult a = sdi::test::sample_result("a.md", 1),
                    b = sdi::test::sample_result("b.md", 2);
  direct.reporter.add(a);
  direct.reporter.add(b);
  relayed.reporter.add(worker.render(a));
  relayed.reporter.add(worker.render(b));
  direct.reporter.finish({});
  relayed.reporter.finish({});
  const std::string a_json(worker.render(a).text_view()), b_json(worker.render(b).text_view());
  CHECK(a_json.find("\"file\":\"a.md\"") != std::string::npos);
  CHECK(direct.out == "c1:" + a_json + "c2:" + b_json + "\n");
  CHECK(relayed.out == direct.out);
}

TEST_CASE("before writes nothing for a result whose render returned nil") {
  fs::path plugin = write_plugin("before_nil", R"lua(
return {
  render = function(r) if r.score > 1 then return r.file end end,
  before = function() return "|" end,
}
)lua");
  Run run(plugin);
  Renderer worker(plugin, {});
  run.reporter.add(sdi::test::sample_result("a.md", 1));
  run.reporter.add(worker.render(sdi::test::sample_result("b.md", 2)));
  run.reporter.add(worker.render(sdi::test::sample_result("c.md", 0)));
  run.reporter.add(sdi::test::sample_result("d.md", 3));
  CHECK(run.out == "|b.md|d.md");
}

TEST_CASE("render may return nil, a string or a flat table of plain values only") {
  fs::path plugin = write_plugin("kinds", R"lua(
return {
  render = function(r)
    if r.score == 0 then return nil end
    if r.score == 1 then return "one" end
    if r.score == 2 then return { "a", 7, 1.5, false } end
    if r.score == 3 then return { nested = {} } end
    return print
  end,
}
)lua");
  Renderer worker(plugin, {});
  CHECK(worker.render(sdi::test::sample_result("f", 0)).kind == Rendered::Kind::Nil);
  Rendered one = worker.render(sdi::test::sample_result("f", 1));
  CHECK(one.kind == Rendered::Kind::Text);
  CHECK(one.text == "one");
  Rendered list = worker.render(sdi::test::sample_result("f", 2));
  CHECK(list.kind == Rendered::Kind::Table);
  CHECK(list.fields.size() == 4);
  CHECK_THROWS_WITH_AS(worker.render(sdi::test::sample_result("f", 3)),
                       doctest::Contains("render returned a table holding a table"),
                       std::runtime_error);
  CHECK_THROWS_WITH_AS(worker.render(sdi::test::sample_result("f", 4)),
                       doctest::Contains("render returned a function"), std::runtime_error);
}

TEST_CASE("a result rendered into what an earlier one left holds only its own rendering") {
  fs::path json_plugin = write_plugin("reused_json", "return { render = sdi.json_render() }");
  Renderer json_worker(json_plugin, {});
  const GradeResult a = sdi::test::sample_result("a-much-longer-name.md", 1),
                    b = sdi::test::sample_result("b.md", 2);
  Rendered out;
  json_worker.render(a, out);
  json_worker.render(b, out);
  CHECK(out.kind == Rendered::Kind::Text);
  CHECK(out.text_view() == json_worker.render(b).text_view());

  fs::path lua_plugin = write_plugin("reused_lua", R"lua(
return { render = function(r) if r.score == 1 then return { "a", 7 } end return r.file end }
)lua");
  Renderer lua_worker(lua_plugin, {});
  lua_worker.render(a, out);
  CHECK(out.kind == Rendered::Kind::Table);
  CHECK(out.fields.size() == 2);
  lua_worker.render(b, out);
  CHECK(out.kind == Rendered::Kind::Text);
  CHECK(out.fields.empty());
  CHECK(out.text_view() == "b.md");
}

TEST_CASE("a reporter without render still gets the whole result in result") {
  fs::path plugin = write_plugin("classic", R"lua(
return { result = function(r) return r.problem .. "/" .. r.template .. "\n", "appendix\n" end }
)lua");
  Run run(plugin);
  CHECK_FALSE(run.reporter.renders());
  run.reporter.start();
  run.reporter.add(sdi::test::sample_result("a.md", 3));
  run.reporter.finish({});
  CHECK(run.out == "twitter/classic\nappendix\n");
}

TEST_CASE("sdi.json puts the prefix after every line break, as a gsub over its output would") {
  sdi::lua::Sandbox sandbox;
  lua_State* L = sandbox.state();
  lua_pushcfunction(L, sdi::report::lua_json);
  lua_setglobal(L, "json");
  // The Lua asserts are the checks: a failing one makes run() throw.
  CHECK_NOTHROW(sandbox.run(R"lua(
local v = { b = { 1, 2, { c = "x\ny" } }, a = {}, d = "q" }
local plain = json(v, 2):gsub("\n", "\n    ")
assert(json(v, 2, "    ") == plain, json(v, 2, "    "))
assert(json(v, 0, "    ") == json(v))
assert(json({}, 2, "  ") == "{}")
)lua",
                            "json_prefix"));
}

TEST_CASE("sdi.json writes object keys sorted at every depth, number keys spelled out") {
  sdi::lua::Sandbox sandbox;
  lua_State* L = sandbox.state();
  lua_pushcfunction(L, sdi::report::lua_json);
  lua_setglobal(L, "json");
  sandbox.load(R"lua(
return json({ zeta = { y = 1, x = { b = true, a = "s" } }, alpha = 2.5, [3] = "three", mid = {} })
)lua",
               "json_keys");
  sandbox.call(0, 1);
  CHECK(std::string(lua_tostring(L, -1)) ==
        R"({"3":"three","alpha":2.5,"mid":{},"zeta":{"x":{"a":"s","b":true},"y":1}})");
  lua_pop(L, 1);
  sandbox.load("return json({ a = { b = { c = 1 } } }, 1, '>')", "json_nested");
  sandbox.call(0, 1);
  CHECK(std::string(lua_tostring(L, -1)) ==
        "{\n> \"a\": {\n>  \"b\": {\n>   \"c\": 1\n>  }\n> }\n>}");
  lua_pop(L, 1);
}
