// Coroutines run under the same budget as their creator. Lua 5.4 copies the hook into new threads,
// but the sandbox sets it explicitly as well, and every resume re-checks the budget afterwards:
// a resumer whose own tick has not come yet must not keep spawning busy coroutines once the
// budget is spent.
//
// A coroutine killed by the budget error is also special: Lua raises that error from inside the
// count hook, where hooks are switched off until a protected call unwinds, and a dead coroutine
// never unwinds one. Its pending to-be-closed variables would then run unhooked when the
// coroutine is closed, so such coroutines are marked and never closed.

#include <lauxlib.h>

#include "lua/detail/libraries.hpp"
#include "lua/detail/runtime.hpp"

namespace sdi::lua::detail {
namespace {

const char kStoppedThreadsKey = 0;  // registry key of the weak set of marked coroutines

constexpr const char* kStoppedMessage =
    "cannot close a coroutine stopped by the instruction budget (its pending to-be-closed "
    "variables are not run)";

void push_stopped_threads(lua_State* L) {
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kStoppedThreadsKey) == LUA_TTABLE) return;
  lua_pop(L, 1);
  lua_newtable(L);
  lua_createtable(L, 0, 1);
  lua_pushliteral(L, "k");
  lua_setfield(L, -2, "__mode");
  lua_setmetatable(L, -2);
  lua_pushvalue(L, -1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kStoppedThreadsKey);
}

bool is_stopped(lua_State* L, int thread) {
  thread = lua_absindex(L, thread);
  push_stopped_threads(L);
  lua_pushvalue(L, thread);
  const bool stopped = lua_rawget(L, -2) != LUA_TNIL;
  lua_pop(L, 2);
  return stopped;
}

void mark_stopped(lua_State* L, int thread) {
  thread = lua_absindex(L, thread);
  push_stopped_threads(L);
  lua_pushvalue(L, thread);
  lua_pushboolean(L, 1);
  lua_rawset(L, -3);
  lua_pop(L, 1);
}

bool died_with_error(lua_State* thread) {
  const int status = lua_status(thread);
  return status != LUA_OK && status != LUA_YIELD;
}

// Calls the stock function in upvalue 1 on a coroutine given as argument 1 (resume, close).
void call_stock_on_thread(lua_State* L, lua_State* thread) {
  const int arguments = lua_gettop(L);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  RunningThread running(runtime(L), thread != nullptr ? thread : L);
  lua_call(L, arguments, LUA_MULTRET);
}

int safe_resume(lua_State* L) {
  check_budget(L);
  lua_State* thread = lua_tothread(L, 1);
  lua_pushvalue(L, 1);
  lua_insert(L, 1);  // a copy of the coroutine stays below, to mark it afterwards
  const int arguments = lua_gettop(L) - 1;
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 2);
  {
    RunningThread running(runtime(L), thread != nullptr ? thread : L);
    lua_call(L, arguments, LUA_MULTRET);
  }
  if (thread != nullptr && thread != L) {
    if (died_with_error(thread) && runtime(L).exhausted) mark_stopped(L, 1);
    if (lua_status(thread) == LUA_YIELD) charge(L, kYieldCost);
  }
  lua_remove(L, 1);
  if (lua_isboolean(L, 1) && !lua_toboolean(L, 1)) charge(L, kCaughtErrorCost);
  check_budget(L);
  return lua_gettop(L);
}

int safe_close(lua_State* L) {
  check_budget(L);
  lua_State* thread = lua_tothread(L, 1);
  if (thread != nullptr && is_stopped(L, 1)) {
    lua_pushboolean(L, 0);
    lua_pushstring(L, kStoppedMessage);
    return 2;
  }
  call_stock_on_thread(L, thread);
  if (lua_isboolean(L, 1) && !lua_toboolean(L, 1)) charge(L, kCaughtErrorCost);
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

// The function returned by coroutine.wrap; upvalue 1 is its coroutine.
int resume_wrapped(lua_State* L) {
  check_budget(L);
  lua_State* thread = lua_tothread(L, lua_upvalueindex(1));
  const int arguments = lua_gettop(L);
  if (lua_status(thread) == LUA_OK && lua_gettop(thread) == 0) {
    return luaL_error(L, "cannot resume dead coroutine");
  }
  if (!lua_checkstack(thread, arguments)) return luaL_error(L, "too many arguments to resume");
  lua_xmove(L, thread, arguments);
  int results = 0;
  int status = LUA_OK;
  {
    RunningThread running(runtime(L), thread);
    status = lua_resume(thread, L, arguments, &results);
  }
  if (status == LUA_OK || status == LUA_YIELD) {
    if (!lua_checkstack(L, results + 1)) {
      lua_pop(thread, results);
      return luaL_error(L, "too many results to resume");
    }
    lua_xmove(thread, L, results);
    if (status == LUA_YIELD) charge(L, kYieldCost);
    check_budget(L);
    return results;
  }
  if (died_with_error(thread)) {
    if (runtime(L).exhausted) {
      lua_pushvalue(L, lua_upvalueindex(1));
      mark_stopped(L, -1);
      check_budget(L);
    }
    lua_resetthread(thread);  // run its pending to-be-closed variables; keeps the error on top
  }
  lua_xmove(thread, L, 1);
  charge(L, kCaughtErrorCost);
  return lua_error(L);
}

int safe_wrap(lua_State* L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  check_budget(L);
  lua_State* thread = lua_newthread(L);
  set_hook(thread, tick_for_new_thread(L));
  lua_pushvalue(L, 1);
  lua_xmove(L, thread, 1);
  lua_pushcclosure(L, resume_wrapped, 1);
  return 1;
}

}  // namespace

void install_safe_coroutine(lua_State* L, int table) {
  lua_getfield(L, table, "resume");
  lua_pushcclosure(L, safe_resume, 1);
  lua_setfield(L, table, "resume");
  lua_getfield(L, table, "close");
  lua_pushcclosure(L, safe_close, 1);
  lua_setfield(L, table, "close");
  lua_pushcfunction(L, safe_wrap);
  lua_setfield(L, table, "wrap");
  lua_pushcfunction(L, safe_create);
  lua_setfield(L, table, "create");
}

}  // namespace sdi::lua::detail
