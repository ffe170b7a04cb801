// Instruction budget and time limit: every busy snippet ends with a budget error in bounded time.

#include <doctest/doctest.h>
#include <lauxlib.h>

#include <chrono>
#include <string>
#include <thread>

#include "lua/binding.hpp"
#include "support.hpp"

using sdi::lua::Error;
using sdi::lua::Limits;
using sdi::lua::Sandbox;
using sdi::lua::testing::bind_global;
using sdi::lua::testing::check_still_usable;
using sdi::lua::testing::contains;
using sdi::lua::testing::eval;
using sdi::lua::testing::run_failing;
using sdi::lua::testing::small_limits;

namespace {

void check_budget_error(Sandbox& sandbox, const std::string& code,
                        const std::string& chunk = "hostile.lua") {
  CAPTURE(code);
  const Error error = run_failing(sandbox, code);
  CHECK(error.kind() == Error::Kind::Budget);
  CHECK(contains(error.what(), chunk + ":"));
  CHECK(
      contains(error.what(), "instruction budget exceeded (limit: 5000000 instructions per call)"));
  CHECK_FALSE(sandbox.budget_exhausted());
  check_still_usable(sandbox);
}

}  // namespace

TEST_CASE("an endless loop spends the budget") {
  Sandbox sandbox(small_limits());
  const Error error = run_failing(sandbox, "local x = 0\nwhile true do x = x + 1 end");
  CHECK(error.kind() == Error::Kind::Budget);
  CHECK(std::string(error.what()) ==
        "hostile.lua:2: instruction budget exceeded (limit: 5000000 instructions per call)");
  check_still_usable(sandbox);
}

TEST_CASE("pcall cannot swallow the budget error") {
  Sandbox sandbox(small_limits());
  check_budget_error(sandbox, "pcall(function() while true do end end)\nreached = true");
  CHECK(eval(sandbox, "return reached") == "nil");
  check_budget_error(sandbox, "for i = 1, 10 do pcall(function() while true do end end) end");
  check_budget_error(sandbox, "while true do pcall(function() while true do end end) end");
  check_budget_error(sandbox,
                     "while true do pcall(pcall, pcall, function() while true do end end) end");
  check_budget_error(sandbox,
                     "while true do xpcall(function() while true do end end, "
                     "function(m) while true do end end) end");
  check_budget_error(sandbox, "while true do pcall(error, 'x') end");
}

TEST_CASE("busy coroutines spend the budget of their creator") {
  Sandbox sandbox(small_limits());
  check_budget_error(sandbox, "coroutine.wrap(function() while true do end end)()");
  check_budget_error(sandbox,
                     "pcall(coroutine.resume, coroutine.create(function() while true do end end))"
                     "\nreached = true");
  CHECK(eval(sandbox, "return reached") == "nil");
  check_budget_error(
      sandbox,
      "while true do\n"
      "  pcall(coroutine.resume, coroutine.create(function() while true do end end))\n"
      "end");
  check_budget_error(sandbox,
                     "while true do pcall(coroutine.wrap(function() while true do end end)) end");
  check_budget_error(sandbox,
                     "local co = coroutine.wrap(function()\n"
                     "  while true do pcall(function() while true do end end) end\n"
                     "end)\n"
                     "while true do pcall(co) end");
  // A coroutine resumed again after the error is dead, and the caller's loop is stopped.
  check_budget_error(sandbox,
                     "local inner = coroutine.create(function()\n"
                     "  while true do coroutine.yield() end\n"
                     "end)\n"
                     "while true do coroutine.resume(inner) end");
}

TEST_CASE("library loops are charged to the budget") {
  Sandbox sandbox(small_limits());
  check_budget_error(sandbox, "table.move({}, 1, 1e15, 1)");
  check_budget_error(sandbox,
                     "local t = setmetatable({}, {__index = table.concat})\n"
                     "return table.concat(t, '', 1, 1e15)");
  check_budget_error(sandbox,
                     "local t = setmetatable({}, {__len = function() return 1e15 end})\n"
                     "table.insert(t, 1, 'x')");
  check_budget_error(sandbox,
                     "local t = setmetatable({}, {__len = function() return 2^30 end,"
                     " __index = function() return 1 end})\n"
                     "table.sort(t)");
  check_budget_error(sandbox,
                     "local words = string.rep('a', 200000)\n"
                     "while true do local _ = words:find('b', 1, true) end");
  // Scanning functions pay for the range they scan, and load for the text it parses.
  check_budget_error(sandbox,
                     "local s = string.rep('a', 1e6)\n"
                     "while true do local _ = utf8.len(s) end");
  check_budget_error(sandbox,
                     "local s = string.rep('a', 1e5)\n"
                     "while true do local _ = select('#', s:byte(1, -1)) end");
  check_budget_error(sandbox,
                     "local s = string.rep('x = 1 ', 1e5)\n"
                     "while true do local _ = load(s) end");
  // The stock string.rep loops n times even for an empty result.
  CHECK(eval(sandbox, "return #string.rep('', 1e15) + #string.rep('', 1e15, '')") == "0");
}

TEST_CASE("pattern matching is charged step by step") {
  Sandbox sandbox(small_limits());
  // Quadratic and worse patterns stay under the subject cap yet cannot run for long.
  check_budget_error(sandbox, "return string.find(string.rep('a', 500000), '.-.-b')");
  check_budget_error(sandbox, "return string.match(string.rep('a', 300000), '(.-)%1b')");
  check_budget_error(sandbox, "for w in string.gmatch(string.rep('a', 300000), 'a*b') do end");
  check_budget_error(sandbox, "return string.gsub(string.rep('(', 100000), '%b()', '')");
}

TEST_CASE("the pattern caps refuse oversized subjects and patterns") {
  Sandbox sandbox(small_limits());
  const Error subject = run_failing(sandbox, "return string.find(string.rep('a', 2e6), '.-.-.-b')");
  CHECK(subject.kind() == Error::Kind::Forbidden);
  CHECK(std::string(subject.what()) ==
        "hostile.lua:1: string.find: subject of 2000000 bytes exceeds the sandbox limit of 1 MiB "
        "for pattern matching");
  const Error pattern = run_failing(sandbox, "return ('abc'):match(string.rep('a?', 3000))");
  CHECK(pattern.kind() == Error::Kind::Forbidden);
  CHECK(contains(pattern.what(), "string.match: pattern of 6000 bytes exceeds the sandbox limit"));
  for (const char* call : {"string.gmatch(s, 'a')", "string.gsub(s, 'a', 'b')"}) {
    CAPTURE(call);
    const Error error =
        run_failing(sandbox, std::string("local s = string.rep('a', 2e6) return ") + call);
    CHECK(error.kind() == Error::Kind::Forbidden);
  }
  check_still_usable(sandbox);
}

TEST_CASE("the budget is fresh for every call") {
  Sandbox sandbox(small_limits());
  // Two instructions per iteration, so about 60% of the budget each time: twice in one call
  // fails, once per call passes every time.
  const std::string loop = "local n = 0 for i = 1, 1500000 do n = n + 1 end return n";
  CHECK(eval(sandbox, loop) == "1500000");
  CHECK(eval(sandbox, loop) == "1500000");
  CHECK(eval(sandbox, loop) == "1500000");
  const Error twice =
      run_failing(sandbox, "local n = 0 for i = 1, 3000000 do n = n + 1 end return n");
  CHECK(twice.kind() == Error::Kind::Budget);
  CHECK(eval(sandbox, loop) == "1500000");
}

TEST_CASE("a suspended coroutine kept across calls runs under the next call's budget") {
  Sandbox sandbox(small_limits());
  sandbox.run(
      "worker = coroutine.wrap(function()\n"
      "  local n = 0\n"
      "  while true do\n"
      "    for i = 1, 100000 do n = n + 1 end\n"
      "    coroutine.yield(n)\n"
      "  end\n"
      "end)",
      "worker.lua");
  CHECK(eval(sandbox, "return worker()") == "100000");
  CHECK(eval(sandbox, "return worker()") == "200000");
  // The budget runs out inside the coroutine, so that is where the error points.
  check_budget_error(sandbox, "while true do worker() end", "worker.lua");
}

TEST_CASE("the time limit stops code when the budget is unlimited") {
  Limits limits = small_limits();
  limits.instructions = 0;
  limits.wall_time = std::chrono::milliseconds(200);
  Sandbox sandbox(limits);
  const Error error = run_failing(sandbox, "while true do end");
  CHECK(error.kind() == Error::Kind::Timeout);
  CHECK(std::string(error.what()) == "hostile.lua:1: time limit exceeded (limit: 200 ms per call)");
  const Error swallowed =
      run_failing(sandbox, "while true do pcall(function() while true do end end) end");
  CHECK(swallowed.kind() == Error::Kind::Timeout);
  check_still_usable(sandbox);
}

namespace {

// A binding that does its own long loop, charging the budget as it goes.
int busy_binding(lua_State* L) {
  lua_Integer rounds = 0;
  while (!sdi::lua::budget_exhausted(L) && rounds < 1'000'000'000) {
    ++rounds;
    sdi::lua::charge(L, 1000);
  }
  lua_pushinteger(L, rounds);
  return 1;
}

}  // namespace

TEST_CASE("host bindings charge the budget and see it exhausted") {
  Sandbox sandbox(small_limits());
  bind_global(sandbox, "busy", busy_binding);
  const Error error = run_failing(sandbox, "local ok = pcall(busy)\nreturn busy()");
  CHECK(error.kind() == Error::Kind::Budget);
  CHECK(contains(error.what(), "hostile.lua:1: instruction budget exceeded"));
  check_still_usable(sandbox);
}

namespace {

// Stands for a tick that took long: an expensive instruction, or the thread waiting for a core.
int stall_binding(lua_State*) {
  std::this_thread::sleep_for(std::chrono::milliseconds(60));
  return 0;
}

int hook_count_binding(lua_State* L) {
  lua_pushinteger(L, lua_gethookcount(L));
  return 1;
}

}  // namespace

TEST_CASE("after one slow tick the budget is checked per instruction only while they stay slow") {
  Sandbox sandbox(small_limits());
  bind_global(sandbox, "stall", stall_binding);
  bind_global(sandbox, "hook_count", hook_count_binding);
  // A stall inside the first tick, then a few thousand cheap instructions: the checks go back to
  // one per tick, so the rest of the call runs at full speed and ends on the budget, not the clock.
  CHECK(eval(sandbox,
             "stall()\nfor i = 1, 5000 do end\nlocal per_tick = hook_count()\n"
             "return per_tick > 1") == "true");
  // Without a stall the same holds, and a stall before an endless loop still ends on the budget.
  CHECK(eval(sandbox, "for i = 1, 5000 do end\nreturn hook_count() > 1") == "true");
  check_budget_error(sandbox, "stall()\nwhile true do end");
}

TEST_CASE("allocation counts toward the budget") {
  Limits limits = small_limits();
  limits.memory_bytes = 64 * sdi::lua::kMiB;
  Sandbox sandbox(limits);
  // Few instructions, but each one copies megabytes: 5M units are ~160 MB of allocation.
  const Error error = run_failing(sandbox,
                                  "local s = string.rep('x', 4e6)\n"
                                  "for i = 1, 200 do local t = s .. i end");
  CHECK(error.kind() == Error::Kind::Budget);
  check_still_usable(sandbox);
}

TEST_CASE("to-be-closed variables cannot run past the budget") {
  Sandbox sandbox(small_limits());
  const std::string busy_close = "setmetatable({}, {__close = function() while true do end end})";
  check_budget_error(sandbox, "local x <close> = " + busy_close + "\nwhile true do end");
  check_budget_error(sandbox, "coroutine.wrap(function()\n  local x <close> = " + busy_close +
                                  "\n  while true do end\nend)()");
  check_budget_error(sandbox,
                     "stopped = coroutine.create(function()\n  local x <close> = " + busy_close +
                         "\n  while true do end\nend)\n"
                         "coroutine.resume(stopped)");
  // The coroutine the budget killed is never closed: its __close would run unchecked.
  CHECK(eval(sandbox,
             "local ok, message = coroutine.close(stopped)\n"
             "return tostring(ok) .. ': ' .. message") ==
        "false: cannot close a coroutine stopped by the instruction budget (its pending "
        "to-be-closed variables are not run)");
  // Ordinary coroutines still close their variables, on close and on error.
  CHECK(eval(sandbox,
             "local closed = 0\n"
             "local guard = setmetatable({}, {__close = function() closed = closed + 1 end})\n"
             "local co = coroutine.create(function() local g <close> = guard "
             "coroutine.yield() end)\n"
             "coroutine.resume(co)\n"
             "coroutine.close(co)\n"
             "pcall(coroutine.wrap(function() local g <close> = guard error('x') end))\n"
             "return closed") == "2");
}

TEST_CASE("runaway recursion ends with a clear error") {
  Sandbox sandbox(small_limits());
  const Error lua_stack = run_failing(sandbox, "local function f() return 1 + f() end\nf()");
  CHECK((lua_stack.kind() == Error::Kind::Memory || contains(lua_stack.what(), "stack overflow")));
  check_budget_error(sandbox, "local function f() return f() end\nf()");
  const Error c_stack = run_failing(sandbox, "local function f() coroutine.wrap(f)() end\nf()");
  CHECK(contains(c_stack.what(), "stack overflow"));
  const Error metamethods = run_failing(
      sandbox, "return setmetatable({}, {__index = function(t, k) return t[k] end})[1]");
  CHECK(contains(metamethods.what(), "stack overflow"));
  check_still_usable(sandbox);
}
