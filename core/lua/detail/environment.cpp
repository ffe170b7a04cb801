#include "lua/detail/environment.hpp"

#include <lauxlib.h>
#include <lualib.h>

#include <array>
#include <string_view>

#include "lua/detail/libraries.hpp"

namespace sdi::lua::detail {
namespace {

constexpr std::array<const char*, 14> kBaseFunctions = {
    "assert", "error",    "ipairs", "next",   "select", "tonumber",     "tostring",
    "type",   "rawequal", "rawget", "rawset", "rawlen", "getmetatable", "_VERSION",
};
constexpr std::array<const char*, 3> kOsFunctions = {"time", "clock", "date"};

// Opens a standard library without publishing it anywhere Lua code can see; it lands in the
// registry's loaded table, which also lets error messages name its functions ("string.rep").
void open_library(lua_State* L, const char* name, lua_CFunction open) {
  luaL_requiref(L, name, open, 0);
  lua_pop(L, 1);
}

// Pushes a shallow copy of the library `name` from the loaded table.
void push_library_copy(lua_State* L, int loaded, const char* name) {
  lua_getfield(L, loaded, name);
  const int original = lua_gettop(L);
  // Sized up front: growing the copy field by field rehashes it at every power of two.
  int fields = 0;
  lua_pushnil(L);
  while (lua_next(L, original) != 0) {
    lua_pop(L, 1);
    ++fields;
  }
  lua_createtable(L, 0, fields);
  lua_pushnil(L);
  while (lua_next(L, original) != 0) {
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_rawset(L, -4);
  }
  lua_remove(L, original);
}

void copy_fields(lua_State* L, int from, int to, const char* const* names, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    lua_getfield(L, from, names[i]);
    lua_setfield(L, to, names[i]);
  }
}

// math.randomseed() without arguments would seed from the clock; reseed deterministically.
int deterministic_randomseed(lua_State* L) {
  if (lua_gettop(L) == 0) {
    lua_pushinteger(L, static_cast<lua_Integer>(runtime(L).limits.random_seed));
  }
  const int arguments = lua_gettop(L);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, arguments, LUA_MULTRET);
  return lua_gettop(L);
}

void build_math(lua_State* L, int loaded, int env) {
  push_library_copy(L, loaded, LUA_MATHLIBNAME);
  lua_getfield(L, -1, "randomseed");
  lua_pushcclosure(L, deterministic_randomseed, 1);
  lua_pushvalue(L, -1);
  lua_setfield(L, -3, "randomseed");
  lua_call(L, 0, 0);  // seed now
  lua_setfield(L, env, LUA_MATHLIBNAME);
}

// Strings index the sandbox's string table (no dump, guarded patterns); getmetatable("") returns
// a stand-in so Lua code never touches the real metatable.
void restrict_string_metatable(lua_State* L, int env) {
  lua_pushliteral(L, "");
  lua_getmetatable(L, -1);
  lua_getfield(L, env, LUA_STRLIBNAME);
  lua_setfield(L, -2, "__index");
  lua_createtable(L, 0, 1);
  lua_getfield(L, env, LUA_STRLIBNAME);
  lua_setfield(L, -2, "__index");
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 2);
}

}  // namespace

int build_environment(lua_State* L) {
  open_library(L, LUA_GNAME, luaopen_base);
  open_library(L, LUA_STRLIBNAME, luaopen_string);
  open_library(L, LUA_TABLIBNAME, luaopen_table);
  open_library(L, LUA_MATHLIBNAME, luaopen_math);
  open_library(L, LUA_UTF8LIBNAME, luaopen_utf8);
  open_library(L, LUA_OSLIBNAME, luaopen_os);
  open_library(L, LUA_COLIBNAME, luaopen_coroutine);
  lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  const int loaded = lua_gettop(L);

  lua_newtable(L);
  const int env = lua_gettop(L);

  lua_getfield(L, loaded, LUA_GNAME);
  copy_fields(L, lua_gettop(L), env, kBaseFunctions.data(), kBaseFunctions.size());
  lua_pop(L, 1);
  install_safe_base(L, env);
  lua_pushvalue(L, env);
  lua_setfield(L, env, LUA_GNAME);

  push_library_copy(L, loaded, LUA_STRLIBNAME);
  install_safe_string(L, lua_gettop(L));
  lua_setfield(L, env, LUA_STRLIBNAME);

  push_library_copy(L, loaded, LUA_TABLIBNAME);
  install_safe_table(L, lua_gettop(L));
  lua_setfield(L, env, LUA_TABLIBNAME);

  push_library_copy(L, loaded, LUA_COLIBNAME);
  install_safe_coroutine(L, lua_gettop(L));
  lua_setfield(L, env, LUA_COLIBNAME);

  build_math(L, loaded, env);

  lua_getfield(L, env, LUA_STRLIBNAME);
  push_library_copy(L, loaded, LUA_UTF8LIBNAME);
  install_safe_scans(L, lua_gettop(L) - 1, lua_gettop(L));
  lua_setfield(L, env, LUA_UTF8LIBNAME);
  lua_pop(L, 1);

  lua_getfield(L, loaded, LUA_OSLIBNAME);
  lua_createtable(L, 0, static_cast<int>(kOsFunctions.size()));
  copy_fields(L, lua_gettop(L) - 1, lua_gettop(L), kOsFunctions.data(), kOsFunctions.size());
  lua_setfield(L, env, LUA_OSLIBNAME);
  lua_pop(L, 1);

  restrict_string_metatable(L, env);

  // The environment becomes the global table: chunks loaded by any host code get it as _ENV,
  // and the table the base library filled (with dofile, loadfile...) is left unreachable.
  lua_pushvalue(L, env);
  lua_rawseti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  lua_settop(L, 0);
  return 0;
}

}  // namespace sdi::lua::detail
