// Memory limit: allocations beyond it are refused, reported clearly, and the state stays usable.

#include <doctest/doctest.h>
#include <lauxlib.h>

#include <stdexcept>
#include <string>

#include "support.hpp"

using sdi::lua::Error;
using sdi::lua::Limits;
using sdi::lua::Sandbox;
using sdi::lua::testing::check_still_usable;
using sdi::lua::testing::contains;
using sdi::lua::testing::eval;
using sdi::lua::testing::run_failing;
using sdi::lua::testing::small_limits;

namespace {

Limits memory_limits() {
  Limits limits = small_limits();
  limits.instructions = 50'000'000;  // memory, not the budget, must be what stops these
  return limits;
}

void check_memory_error(Sandbox& sandbox, const std::string& code) {
  CAPTURE(code);
  const Error error = run_failing(sandbox, code);
  CHECK(error.kind() == Error::Kind::Memory);
  CHECK(contains(error.what(), "hostile.lua"));
  CHECK(contains(error.what(), "16 MiB"));
  CHECK(sandbox.memory_used() <= sandbox.limits().memory_bytes);
  check_still_usable(sandbox);
}

}  // namespace

TEST_CASE("string.rep of ten gigabytes is refused up front") {
  Sandbox sandbox(memory_limits());
  const Error error = run_failing(sandbox, "return string.rep('x', 1e10)");
  CHECK(error.kind() == Error::Kind::Memory);
  CHECK(std::string(error.what()) ==
        "hostile.lua:1: string.rep: the result would exceed the 16 MiB memory limit");
  check_memory_error(sandbox, "return ('x'):rep(1e7, ', ')");
  check_still_usable(sandbox);
}

TEST_CASE("a table of a billion entries hits the memory limit") {
  Sandbox sandbox(memory_limits());
  check_memory_error(sandbox, "local t = {} for i = 1, 1e9 do t[i] = i end");
  check_memory_error(sandbox, "local t = {} for i = 1, 1e9 do t['k' .. i] = true end");
}

TEST_CASE("string building loops hit the memory limit") {
  Sandbox sandbox(memory_limits());
  check_memory_error(sandbox, "local s = 'x' while true do s = s .. s end");
  check_memory_error(sandbox,
                     "local parts = {}\n"
                     "while true do parts[#parts + 1] = string.rep('y', 1000) .. #parts end");
  check_memory_error(sandbox,
                     "local parts = {}\n"
                     "for i = 1, 1e7 do parts[i] = tostring(i) end\n"
                     "return table.concat(parts)");
}

TEST_CASE("a memory error caught by pcall is still reported as memory") {
  Sandbox sandbox(memory_limits());
  CHECK(
      eval(sandbox,
           "local ok, message = pcall(function() local s = 'x' while true do s = s .. s end end)\n"
           "return tostring(ok) .. ' ' .. message") == "false not enough memory");
  const Error error = run_failing(
      sandbox,
      "local ok, message = pcall(function() local s = 'x' while true do s = s .. s end end)\n"
      "error(message)");
  CHECK(error.kind() == Error::Kind::Memory);
  CHECK(std::string(error.what()) == "hostile.lua:2: memory limit of 16 MiB exceeded");
  check_still_usable(sandbox);
}

TEST_CASE("memory_used follows what the state holds") {
  Sandbox sandbox(memory_limits());
  const std::size_t before = sandbox.memory_used();
  CHECK(before > 0);
  sandbox.run("big = string.rep('x', 4 * 1024 * 1024)", "grow.lua");
  const std::size_t grown = sandbox.memory_used();
  CHECK(grown >= before + 4 * 1024 * 1024);
  sandbox.run("big = nil", "shrink.lua");
  lua_gc(sandbox.state(), LUA_GCCOLLECT);
  CHECK(sandbox.memory_used() < grown - 4 * 1024 * 1024 + 64 * 1024);
}

TEST_CASE("a limit too small for the libraries fails construction clearly") {
  Limits limits;
  limits.memory_bytes = 8 * 1024;
  try {
    Sandbox sandbox(limits);
    FAIL("construction should fail");
  } catch (const Error& error) {
    CHECK(error.kind() == Error::Kind::Memory);
    CHECK(contains(error.what(), "8 KiB is too small"));
  }
}

TEST_CASE("protect turns memory errors in host code into exceptions") {
  Sandbox sandbox(memory_limits());
  bool thrown = false;
  try {
    sandbox.protect([](lua_State* L) {
      lua_newtable(L);
      for (lua_Integer i = 1;; ++i) {
        lua_pushfstring(L, "entry %I", static_cast<LUAI_UACINT>(i));
        lua_rawseti(L, -2, i);
      }
    });
  } catch (const Error& error) {
    thrown = true;
    CHECK(error.kind() == Error::Kind::Memory);
  }
  CHECK(thrown);
  lua_gc(sandbox.state(), LUA_GCCOLLECT);
  check_still_usable(sandbox);
  // protect also hands back what the body pushed, and rethrows host exceptions untouched.
  sandbox.protect([](lua_State* L) { lua_pushinteger(L, 7); });
  CHECK(lua_tointeger(sandbox.state(), -1) == 7);
  lua_settop(sandbox.state(), 0);
  CHECK_THROWS_AS(sandbox.protect([](lua_State*) { throw std::logic_error("host bug"); }),
                  std::logic_error);
}
