#pragma once

#include <doctest/doctest.h>
#include <lauxlib.h>

#include <chrono>
#include <string>
#include <string_view>

#include "lua/error.hpp"
#include "lua/sandbox.hpp"

namespace sdi::lua::testing {

// Small limits keep hostile snippets fast: a few million instructions, 16 MiB.
inline Limits small_limits() {
  Limits limits;
  limits.memory_bytes = 16 * kMiB;
  limits.instructions = 5'000'000;
  limits.wall_time = std::chrono::seconds(60);
  return limits;
}

// Runs a chunk that returns one value and gives that value through tostring.
inline std::string eval(Sandbox& sandbox, std::string_view code,
                        const std::string& chunkname = "eval.lua") {
  sandbox.load(code, chunkname);
  sandbox.call(0, 1);
  lua_State* L = sandbox.state();
  std::string text = luaL_tolstring(L, -1, nullptr);
  lua_pop(L, 2);
  return text;
}

// Runs a chunk that must fail and returns its error.
inline Error run_failing(Sandbox& sandbox, std::string_view code,
                         const std::string& chunkname = "hostile.lua") {
  try {
    sandbox.run(code, chunkname);
  } catch (const Error& error) {
    return error;
  }
  FAIL("the chunk was expected to fail: " << code);
  return Error(Error::Kind::Runtime, "unreachable");
}

// The host goes on: the same sandbox still runs ordinary code correctly, on a clean stack.
inline void check_still_usable(Sandbox& sandbox) {
  CHECK(lua_gettop(sandbox.state()) == 0);
  CHECK(eval(sandbox,
             "local t = {}\n"
             "for i = 1, 100 do t[#t + 1] = i * 2 end\n"
             "local sum = 0\n"
             "for _, v in ipairs(t) do sum = sum + v end\n"
             "return ('%d:%s'):format(sum, table.concat(t, ',', 1, 3))",
             "after.lua") == "10100:2,4,6");
}

// Offers a host function to the sandbox's code as the global `name`.
inline void bind_global(Sandbox& sandbox, const char* name, lua_CFunction function) {
  lua_State* L = sandbox.state();
  sandbox.push_env();
  lua_pushcfunction(L, function);
  lua_setfield(L, -2, name);
  lua_pop(L, 1);
}

inline bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

}  // namespace sdi::lua::testing
