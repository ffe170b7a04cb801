// Error messages read "file:line: message" and their kinds tell what went wrong.

#include <doctest/doctest.h>
#include <lauxlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "../scratch_dir.hpp"
#include "lua/binding.hpp"
#include "support.hpp"

using sdi::lua::Error;
using sdi::lua::Sandbox;
using sdi::lua::testing::check_still_usable;
using sdi::lua::testing::contains;
using sdi::lua::testing::eval;
using sdi::lua::testing::run_failing;
using sdi::lua::testing::small_limits;

TEST_CASE("a runtime error names the chunk and line") {
  Sandbox sandbox(small_limits());
  const Error error = run_failing(sandbox, "local x = 1\nlocal y = 2\nerror('boom')", "name.lua");
  CHECK(error.kind() == Error::Kind::Runtime);
  CHECK(std::string(error.what()) == "name.lua:3: boom");
  const Error nested =
      run_failing(sandbox, "local function f()\n  return nil + 1\nend\nf()", "problems/x/pack.lua");
  CHECK(std::string(nested.what()) ==
        "problems/x/pack.lua:2: attempt to perform arithmetic on a nil value");
  const Error level_two = run_failing(sandbox,
                                      "local function check(v)\n"
                                      "  if not v then error('value expected', 2) end\n"
                                      "end\n"
                                      "check(false)",
                                      "pack.lua");
  CHECK(std::string(level_two.what()) == "pack.lua:4: value expected");
  check_still_usable(sandbox);
}

TEST_CASE("error values that are not strings become readable") {
  Sandbox sandbox(small_limits());
  CHECK(std::string(run_failing(sandbox, "error({code = 1})", "t.lua").what()) ==
        "t.lua:1: (error object is a table value)");
  CHECK(std::string(run_failing(sandbox, "\nerror(42)", "t.lua").what()) == "t.lua:2: 42");
  CHECK(std::string(run_failing(sandbox, "error()", "t.lua").what()) ==
        "t.lua:1: (error object is a nil value)");
  CHECK(std::string(run_failing(sandbox,
                                "error(setmetatable({}, {__tostring = function() "
                                "return 'custom failure' end}))",
                                "t.lua")
                        .what()) == "t.lua:1: custom failure");
  // A __tostring that fails or loops does not hide the error.
  CHECK(std::string(run_failing(sandbox,
                                "error(setmetatable({}, {__tostring = function() "
                                "error('inner') end}))",
                                "t.lua")
                        .what()) == "t.lua:1: (error object is a table value)");
  // error with level 0 has no position of its own; the sandbox adds it.
  CHECK(std::string(run_failing(sandbox, "error('bare', 0)", "t.lua").what()) == "t.lua:1: bare");
  check_still_usable(sandbox);
}

TEST_CASE("errors from library functions called from C still get a position") {
  Sandbox sandbox(small_limits());
  const Error error = run_failing(sandbox, "\n\ncoroutine.wrap(string.rep)()", "lib.lua");
  CHECK(std::string(error.what()) ==
        "lib.lua:3: bad argument #1 to '?' (string expected, got no value)");
  const Error sort = run_failing(sandbox, "table.sort({3, 'a', 1})", "lib.lua");
  CHECK(std::string(sort.what()) == "lib.lua:1: attempt to compare string with number");
  check_still_usable(sandbox);
}

TEST_CASE("syntax errors are their own kind") {
  Sandbox sandbox(small_limits());
  try {
    sandbox.load("local x = \nif then", "broken.lua");
    FAIL("no syntax error");
  } catch (const Error& error) {
    CHECK(error.kind() == Error::Kind::Syntax);
    CHECK(std::string(error.what()) == "broken.lua:2: unexpected symbol near 'if'");
  }
  CHECK(lua_gettop(sandbox.state()) == 0);
  check_still_usable(sandbox);
}

TEST_CASE("long chunk names are kept whole in host messages") {
  Sandbox sandbox(small_limits());
  const std::string name =
      "problems/design-a-distributed-rate-limiter-for-an-api-gateway/checks/estimates.lua";
  const Error error = run_failing(sandbox, "\nerror('too slow')", name);
  CHECK(std::string(error.what()) == name + ":2: too slow");
  const Error budget = run_failing(sandbox, "while true do end", name);
  CHECK(std::string(budget.what()) ==
        name + ":1: instruction budget exceeded (limit: 5000000 instructions per call)");
  check_still_usable(sandbox);
}

namespace {

int failing_binding(lua_State* L) {
  const char* input = luaL_checkstring(L, 1);
  return luaL_error(L, "cannot parse '%s'", input);
}

int throwing_binding(lua_State* L) {
  return sdi::lua::guarded(L,
                           []() -> int { throw std::runtime_error("unit 'parsec' is unknown"); });
}

}  // namespace

TEST_CASE("host bindings raise errors at the caller's line") {
  Sandbox sandbox(small_limits());
  lua_State* L = sandbox.state();
  sandbox.push_env();
  lua_newtable(L);
  lua_pushcfunction(L, failing_binding);
  lua_setfield(L, -2, "parse");
  lua_pushcfunction(L, throwing_binding);
  lua_setfield(L, -2, "convert");
  lua_setfield(L, -2, "sdi");
  lua_pop(L, 1);

  CHECK(
      std::string(run_failing(sandbox, "local a = 1\nsdi.parse('3 parsecs')", "bind.lua").what()) ==
      "bind.lua:2: cannot parse '3 parsecs'");
  CHECK(std::string(run_failing(sandbox, "sdi.parse()", "bind.lua").what()) ==
        "bind.lua:1: bad argument #1 to 'parse' (string expected, got no value)");
  CHECK(std::string(run_failing(sandbox, "\n\nsdi.convert()", "bind.lua").what()) ==
        "bind.lua:3: unit 'parsec' is unknown");
  check_still_usable(sandbox);
}

TEST_CASE("call keeps the stack balanced and passes arguments and results") {
  Sandbox sandbox(small_limits());
  lua_State* L = sandbox.state();
  sandbox.load("local a, b = ... return a + b, a * b", "math.lua");
  lua_pushinteger(L, 6);
  lua_pushinteger(L, 7);
  sandbox.call(2, LUA_MULTRET);
  REQUIRE(lua_gettop(L) == 2);
  CHECK(lua_tointeger(L, 1) == 13);
  CHECK(lua_tointeger(L, 2) == 42);
  lua_settop(L, 0);

  lua_pushliteral(L, "below");
  sandbox.load("error('x')", "e.lua");
  CHECK_THROWS_AS(sandbox.call(0, 1), Error);
  REQUIRE(lua_gettop(L) == 1);
  CHECK(std::string(lua_tostring(L, 1)) == "below");
  lua_settop(L, 0);
}

TEST_CASE("load_file reads a file and names it by its display name") {
  Sandbox sandbox(small_limits());
  const sdi::test::ScratchDir scratch;
  const auto folder = scratch.path();
  {
    std::ofstream out(folder / "pack.lua");
    out << "#!/usr/bin/env lua\nlocal answer = 41\nanswer = answer + 1\nerror('at ' .. answer)\n";
  }
  sandbox.load_file(folder / "pack.lua", "problems/demo/pack.lua");
  try {
    sandbox.call(0, 0);
    FAIL("expected an error");
  } catch (const Error& error) {
    CHECK(std::string(error.what()) == "problems/demo/pack.lua:4: at 42");
  }
  try {
    sandbox.load_file(folder / "missing.lua", "problems/demo/missing.lua");
    FAIL("expected an error");
  } catch (const Error& error) {
    CHECK(error.kind() == Error::Kind::Io);
    CHECK(std::string(error.what()) == "problems/demo/missing.lua: cannot read file");
  }
  check_still_usable(sandbox);
}

TEST_CASE("an unprotected error in host code throws instead of aborting") {
  Sandbox sandbox(small_limits());
  lua_State* L = sandbox.state();
  try {
    luaL_checkinteger(L, 3);  // no protected call around it: Lua calls its panic function
    FAIL("expected an error");
  } catch (const Error& error) {
    CHECK(error.kind() == Error::Kind::Runtime);
    CHECK(std::string(error.what()) ==
          "unprotected Lua error: bad argument #3 (number expected, got no value)");
  }
  check_still_usable(sandbox);
}

TEST_CASE("error kinds have names") {
  CHECK(sdi::lua::to_string(Error::Kind::Budget) == "budget");
  CHECK(sdi::lua::to_string(Error::Kind::Forbidden) == "forbidden");
  CHECK(sdi::lua::to_string(Error::Kind::Memory) == "memory");
  CHECK(sdi::lua::to_string(Error::Kind::Syntax) == "syntax");
}
