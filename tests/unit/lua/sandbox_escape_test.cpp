// Each hostile snippet must end with a clear error, after which the same sandbox still works.

#include <doctest/doctest.h>
#include <lauxlib.h>

#include "support.hpp"

using sdi::lua::Error;
using sdi::lua::Sandbox;
using sdi::lua::testing::check_still_usable;
using sdi::lua::testing::contains;
using sdi::lua::testing::eval;
using sdi::lua::testing::run_failing;
using sdi::lua::testing::small_limits;

TEST_CASE("os.execute does not exist") {
  Sandbox sandbox(small_limits());
  const Error error = run_failing(sandbox, "os.execute('ls')");
  CHECK(error.kind() == Error::Kind::Runtime);
  CHECK(std::string(error.what()) ==
        "hostile.lua:1: attempt to call a nil value (field 'execute')");
  CHECK(eval(sandbox, "return os.getenv == nil and os.remove == nil and os.exit == nil") == "true");
  check_still_usable(sandbox);
}

TEST_CASE("io does not exist") {
  Sandbox sandbox(small_limits());
  const Error error = run_failing(sandbox, "local f = io.open('/etc/passwd')");
  CHECK(std::string(error.what()) == "hostile.lua:1: attempt to index a nil value (global 'io')");
  check_still_usable(sandbox);
}

TEST_CASE("require of host libraries is refused") {
  Sandbox sandbox(small_limits());
  for (const char* name : {"os", "io", "debug", "package"}) {
    CAPTURE(name);
    const Error error = run_failing(sandbox, std::string("local m = require '") + name + "'");
    CHECK(error.kind() == Error::Kind::Forbidden);
    CHECK(contains(error.what(), "hostile.lua:1: require: module '"));
    CHECK(contains(error.what(), "not available in the sandbox"));
  }
  check_still_usable(sandbox);
}

TEST_CASE("string.dump is absent, also through the string metatable") {
  Sandbox sandbox(small_limits());
  CHECK(eval(sandbox, "return string.dump == nil") == "true");
  CHECK(eval(sandbox, "return ('').dump == nil") == "true");
  CHECK(eval(sandbox, "return getmetatable('').__index.dump == nil") == "true");
  const Error error = run_failing(sandbox, "local f = function() end\nreturn load(string.dump(f))");
  CHECK(std::string(error.what()) == "hostile.lua:2: attempt to call a nil value (field 'dump')");
  const Error via_method = run_failing(sandbox, "return (''):dump()");
  CHECK(contains(via_method.what(), "attempt to call a nil value (method 'dump')"));
  check_still_usable(sandbox);
}

TEST_CASE("getmetatable of a string is a stand-in, not the real metatable") {
  Sandbox sandbox(small_limits());
  CHECK(eval(sandbox, "return getmetatable('').__index == string") == "true");
  // Changing the stand-in changes nothing for strings.
  sandbox.run("getmetatable('').__index = {upper = function() return 'hacked' end}", "a.lua");
  CHECK(eval(sandbox, "return ('abc'):upper()") == "ABC");
  // The real metatable is protected from the host side too: it points at the sandbox's string.
  lua_State* L = sandbox.state();
  lua_pushliteral(L, "");
  REQUIRE(lua_getmetatable(L, -1) != 0);
  lua_getfield(L, -1, "__index");
  lua_getfield(L, -1, "dump");
  CHECK(lua_isnil(L, -1));
  lua_settop(L, 0);
  check_still_usable(sandbox);
}

TEST_CASE("setmetatable refuses __gc and a __gc added later never runs") {
  Sandbox sandbox(small_limits());
  const Error error = run_failing(sandbox, "setmetatable({}, {__gc = function() end})");
  CHECK(error.kind() == Error::Kind::Forbidden);
  CHECK(std::string(error.what()) ==
        "hostile.lua:1: setmetatable: __gc metamethods are not allowed in the sandbox");

  sandbox.run(
      "local mt = {}\n"
      "do local t = setmetatable({}, mt) end\n"
      "mt.__gc = function() finalized = true end\n",
      "late_gc.lua");
  lua_gc(sandbox.state(), LUA_GCCOLLECT);
  lua_gc(sandbox.state(), LUA_GCCOLLECT);
  CHECK(eval(sandbox, "return finalized") == "nil");
  check_still_usable(sandbox);
}

TEST_CASE("load refuses binary chunks") {
  Sandbox sandbox(small_limits());
  CHECK(eval(sandbox,
             "local f, message = load('\\27Lua\\x54\\0'); return tostring(f) .. ' ' .. "
             "message") == "nil binary chunks are not allowed in the sandbox");
  // Asking for binary mode changes nothing.
  CHECK(eval(sandbox, "return select(2, load('\\27Lua', 'x', 'b'))") ==
        "binary chunks are not allowed in the sandbox");
  const Error error = run_failing(sandbox, "assert(load('\\27LuaT'))");
  CHECK(error.kind() == Error::Kind::Forbidden);
  CHECK(std::string(error.what()) == "hostile.lua:1: binary chunks are not allowed in the sandbox");

  const Error host_side = [&] {
    try {
      sandbox.load("\x1bLuaT\x00", "packs/evil.luac");
    } catch (const Error& e) {
      return e;
    }
    FAIL("binary chunk accepted");
    return Error(Error::Kind::Runtime, "");
  }();
  CHECK(host_side.kind() == Error::Kind::Forbidden);
  CHECK(contains(host_side.what(), "packs/evil.luac: binary chunks are not allowed"));
  check_still_usable(sandbox);
}

TEST_CASE("_G is the sandbox environment and the real global table") {
  Sandbox sandbox(small_limits());
  CHECK(eval(sandbox, "return _G == _ENV and _G._G == _G") == "true");
  CHECK(eval(sandbox,
             "return rawget(_G, 'io') == nil and rawget(_G, 'debug') == nil and "
             "rawget(_G, 'package') == nil and rawget(_G, 'dofile') == nil and "
             "rawget(_G, 'loadfile') == nil and rawget(_G, 'require') ~= nil") == "true");
  sandbox.run("rawset(_G, 'planted', 42)", "plant.lua");
  CHECK(eval(sandbox, "return planted") == "42");
  // What the host sees as globals is that same table.
  lua_State* L = sandbox.state();
  sandbox.push_env();
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  CHECK(lua_rawequal(L, -1, -2));
  lua_getglobal(L, "planted");
  CHECK(lua_tointeger(L, -1) == 42);
  lua_settop(L, 0);
  // A chunk loaded by other host code with the plain C API gets the sandbox too.
  REQUIRE(luaL_loadstring(L, "return io == nil and os.execute == nil") == LUA_OK);
  sandbox.call(0, 1);
  CHECK(lua_toboolean(L, -1));
  lua_settop(L, 0);
  check_still_usable(sandbox);
}

TEST_CASE("debug and package are absent") {
  Sandbox sandbox(small_limits());
  const Error debug = run_failing(sandbox, "return debug.getinfo(1)");
  CHECK(std::string(debug.what()) ==
        "hostile.lua:1: attempt to index a nil value (global 'debug')");
  const Error package = run_failing(sandbox, "return package.loadlib('x', 'y')");
  CHECK(std::string(package.what()) ==
        "hostile.lua:1: attempt to index a nil value (global 'package')");
  check_still_usable(sandbox);
}

TEST_CASE("collectgarbage only reports memory") {
  Sandbox sandbox(small_limits());
  for (const char* option : {"stop", "collect", "step", "incremental", "generational"}) {
    CAPTURE(option);
    const Error error = run_failing(sandbox, std::string("collectgarbage('") + option + "')");
    CHECK(error.kind() == Error::Kind::Forbidden);
    CHECK(contains(error.what(), "is not allowed in the sandbox"));
  }
  CHECK(eval(sandbox,
             "local kb = collectgarbage('count') return math.type(kb) == 'float' and "
             "kb > 1") == "true");
  check_still_usable(sandbox);
}

TEST_CASE("load gives chunks the sandbox environment or the table passed") {
  Sandbox sandbox(small_limits());
  CHECK(eval(sandbox, "return load('return io')() == nil and load('return string')() == string") ==
        "true");
  CHECK(eval(sandbox, "return load('return x', 'c', 't', {x = 5})()") == "5");
  CHECK(eval(sandbox, "local f = load('return os') return f() == os") == "true");
  CHECK(eval(sandbox,
             "local parts = {'return ', '1 + ', '2'} local i = 0\n"
             "return load(function() i = i + 1 return parts[i] end)()") == "3");
  CHECK(eval(sandbox, "local f, m = load('return +') return m") ==
        "[string \"return +\"]:1: unexpected symbol near '+'");
  const Error env_type = run_failing(sandbox, "load('return 1', 'c', 't', 'not a table')");
  CHECK(contains(env_type.what(), "bad argument #4 to 'load' (table expected, got string)"));
  check_still_usable(sandbox);
}
