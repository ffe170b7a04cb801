// The JSON written straight from a result is sdi.json's text for the table push_result builds,
// whatever the values and the layout; and sdi.json_render, run by Lua or by the engine, gives it.

#include "report/result_json.hpp"

#include <doctest/doctest.h>
#include <lauxlib.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "lua/sandbox.hpp"
#include "report/json_text.hpp"
#include "report/lua_values.hpp"
#include "report/reporter.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using sdi::grade::GradeResult;

namespace {

// A result with every kind of field, values of every spelling, and text that needs escaping.
GradeResult full_result() {
  GradeResult r = sdi::test::sample_result("dir/a \"b\".md", 72.5);
  r.matched_by = "best fit (runner-up: x)";
  sdi::grade::StepResult step;
  step.id = "scope";
  step.title = "Scope \xE2\x86\x92 caf\xC3\xA9";
  step.points = 3.25;
  step.max = 7;
  step.verdict = "solid";
  step.sections = {3, 9, 0};
  sdi::grade::CheckResult check;
  check.id = "c1";
  check.title = "Says \"who\"";
  check.facet = "high_level";
  check.kind = "concepts";
  check.status = sdi::grade::Status::Partial;
  check.points = 1.0 / 3;
  check.max = 2;
  check.feedback = "bad \xFF byte\tand\x01control";
  check.suggestion = std::string(300, 's');
  check.evidence = {{4, "users\tpost"}, {0, ""}};
  sdi::grade::CheckResult failed = check;
  failed.status = sdi::grade::Status::Fail;
  failed.evidence.clear();
  sdi::grade::CheckResult passed = check;
  passed.status = sdi::grade::Status::Pass;
  sdi::grade::CheckResult errored = check;
  errored.status = sdi::grade::Status::Error;
  errored.points = -0.0;
  step.checks = {check, failed, passed, errored};
  sdi::grade::StepResult empty;
  empty.id = "empty";
  empty.verdict = "missing";
  r.steps = {step, empty};
  r.facets = {{"high_level", 1.5, 2, "thin"}, {"data", 1e16, 1e15, "strong"}};
  r.estimates = {{"qps", "Peak QPS", "1k/s", "2k/s", "d", 2.0 / 3, 0.456, 7},
                 {"storage", "Storage", "", "5 TB", "x\ny", 0, 1, 0}};
  r.flags = {{"dau", "1", "2..3", 8}};
  r.errors = {"a \"quoted\"\nerror", "second"};
  return r;
}

GradeResult odd_numbers_result() {
  GradeResult r = sdi::test::sample_result("n.md", std::numeric_limits<double>::quiet_NaN());
  r.graded = false;
  r.level = "error";
  sdi::grade::StepResult step;
  step.points = std::numeric_limits<double>::infinity();
  step.max = -1e300;
  r.steps = {step};
  r.facets = {{"f", -2.5e-3, 123456789012345.0, ""}};
  r.estimates = {{"e", "", "", "", "", 1e20, -0.004, -1}};
  return r;
}

std::string through_table(const GradeResult& r, int indent, const std::string& prefix) {
  sdi::lua::Sandbox sandbox;
  lua_State* L = sandbox.state();
  sdi::report::push_result(L, r);
  std::string out = sdi::report::encode_json(L, -1, indent, prefix);
  lua_pop(L, 1);
  return out;
}

std::string direct(const GradeResult& r, int indent, const std::string& prefix) {
  sdi::report::JsonText out;
  sdi::report::JsonLayout layout(indent, prefix);
  sdi::report::append_result_json(out, layout, r);
  return std::string(out.view());
}

fs::path write_plugin(const std::string& name, const std::string& code) {
  fs::path dir = fs::temp_directory_path() / ("sdi-result-json-test-" + name);
  fs::create_directories(dir);
  fs::path file = dir / (name + ".lua");
  std::ofstream(file) << code;
  return file;
}

// Every result through a reporter, with its output as one string.
std::string report(const fs::path& plugin, const std::vector<GradeResult>& results) {
  std::string out;
  sdi::report::Reporter reporter(plugin, {}, [&out](std::string_view s) { out += s; });
  sdi::report::Renderer worker(plugin, {});
  reporter.start();
  for (const GradeResult& r : results) {
    reporter.add(r);
    reporter.add(worker.render(r));
  }
  reporter.finish({});
  return out;
}

}  // namespace

TEST_CASE("a result written straight is the text sdi.json gives for its table") {
  struct Layout {
    int indent;
    std::string prefix;
  };
  const std::vector<Layout> layouts = {{0, ""}, {2, "    "}, {1, "# "}, {-3, ">"}, {0, ">"}};
  const std::vector<GradeResult> results = {full_result(), odd_numbers_result(),
                                            sdi::test::sample_result("plain.md", 0), GradeResult{}};
  for (const GradeResult& r : results)
    for (const Layout& l : layouts) {
      CAPTURE(r.file);
      CAPTURE(l.indent);
      CHECK(direct(r, l.indent, l.prefix) == through_table(r, l.indent, l.prefix));
    }
}

TEST_CASE("a json_render hook reports what sdi.json of the result does") {
  const std::vector<GradeResult> results = {full_result(), odd_numbers_result(),
                                            sdi::test::sample_result("plain.md", 0)};
  const std::string rest = R"lua(
  result = function(body) return body .. "\n" end,
  finish = function() return "end\n" end,
}
)lua";
  const std::string by_lua = report(
      write_plugin("by-lua",
                   "return {\n  render = function(r) return sdi.json(r, 2, '  ') end," + rest),
      results);
  const std::string by_engine = report(
      write_plugin("by-engine", "return {\n  render = sdi.json_render(2, '  ')," + rest), results);
  CHECK(by_engine == by_lua);
  CHECK(by_engine.find("\n    \"errors\": [") != std::string::npos);
}

TEST_CASE("a json_render hook is a function like any other to Lua") {
  sdi::lua::Sandbox sandbox;
  lua_State* L = sandbox.state();
  lua_pushcfunction(L, sdi::report::lua_json);
  lua_setglobal(L, "json");
  lua_pushcfunction(L, sdi::report::lua_json_render);
  lua_setglobal(L, "json_render");
  sandbox.run(R"lua(
local v = { b = { 1, 2, { c = "x\ny" } }, a = {}, d = "q" }
assert(json_render(2, "    ")(v, { color = false }) == json(v, 2, "    "))
assert(json_render()(v) == json(v))
assert(json_render(1)(v) == json(v, 1))
assert(not pcall(json_render(), print))
assert(not pcall(json_render, "x"))
)lua",
              "json_render_test");
  lua_getglobal(L, "json_render");
  lua_call(L, 0, 1);
  const auto made = sdi::report::json_render_of(L, -1);
  REQUIRE(made.has_value());
  CHECK(made->indent == 0);
  CHECK(made->prefix.empty());
  lua_pop(L, 1);
  lua_getglobal(L, "json");
  CHECK_FALSE(sdi::report::json_render_of(L, -1).has_value());
  lua_pop(L, 1);
}

TEST_CASE("a reporter that swaps its json_render hook is rendered by the one it has now") {
  const fs::path plugin = write_plugin("swapping", R"lua(
local M = {}
M.render = sdi.json_render()
M.start = function() M.render = function(r) return r.file end end
M.finish = function() return "\n" end
return M
)lua");
  std::string out;
  sdi::report::Reporter reporter(plugin, {}, [&out](std::string_view s) { out += s; });
  reporter.add(sdi::test::sample_result("before.md", 1));
  reporter.start();
  reporter.add(sdi::test::sample_result("after.md", 1));
  reporter.finish({});
  CHECK(out == direct(sdi::test::sample_result("before.md", 1), 0, "") + "after.md\n");
}
