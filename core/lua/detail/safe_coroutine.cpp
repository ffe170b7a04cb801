// Coroutines run under the same budget as their creator. Lua 5.4 copies the hook into new threads,
// but the sandbox sets it explicitly as well, and every resume re-checks the budget afterwards:
// a resumer whose own tick has not come yet must not keep spawning busy coroutines once the
// budget is spent.

#include <lauxlib.h>

#include "lua/detail/libraries.hpp"
#include "lua/detail/runtime.hpp"

namespace sdi::lua::detail {
namespace {

// Calls the stock function in upvalue 1 with all arguments, re-checking the budget around it and
// charging for an error the coroutine raised or a yield. The coroutine is the first argument
// (resume, close) or upvalue 2 (a wrapped function).
int call_checked(lua_State* L) {
  check_budget(L);
  lua_State* thread = lua_tothread(L, lua_upvalueindex(2));
  if (thread == nullptr) thread = lua_tothread(L, 1);
  const int arguments = lua_gettop(L);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  {
    RunningThread running(runtime(L), thread != nullptr ? thread : L);
    lua_call(L, arguments, LUA_MULTRET);
  }
  if (lua_isboolean(L, 1) && !lua_toboolean(L, 1)) charge(L, kCaughtErrorCost);
  if (thread != nullptr && thread != L && lua_status(thread) == LUA_YIELD) charge(L, kYieldCost);
  check_budget(L);
  return lua_gettop(L);
}

int safe_create(lua_State* L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  check_budget(L);
  lua_State* thread = lua_newthread(L);
  set_hook(thread, tick_for_new_thread(L));
  lua_pushvalue(L, 1);
  lua_xmove(L, thread, 1);
  return 1;
}

// coroutine.wrap through the stock one (for its error propagation), hooking the thread it made.
int safe_wrap(lua_State* L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  check_budget(L);
  lua_settop(L, 1);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, 1, 1);
  if (lua_getupvalue(L, -1, 1) == nullptr) lua_pushnil(L);
  if (lua_State* thread = lua_tothread(L, -1)) set_hook(thread, tick_for_new_thread(L));
  lua_pushcclosure(L, call_checked, 2);
  return 1;
}

void wrap_checked(lua_State* L, int table, const char* name) {
  lua_getfield(L, table, name);
  lua_pushcclosure(L, call_checked, 1);
  lua_setfield(L, table, name);
}

}  // namespace

void install_safe_coroutine(lua_State* L, int table) {
  wrap_checked(L, table, "resume");
  wrap_checked(L, table, "close");
  lua_getfield(L, table, "wrap");
  lua_pushcclosure(L, safe_wrap, 1);
  lua_setfield(L, table, "wrap");
  lua_pushcfunction(L, safe_create);
  lua_setfield(L, table, "create");
}

}  // namespace sdi::lua::detail
