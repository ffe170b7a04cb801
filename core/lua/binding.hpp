#pragma once

#include <lauxlib.h>
#include <lua.h>

#include <cstdint>
#include <exception>
#include <new>
#include <string>

#include "lua/error.hpp"

namespace sdi::lua {

// Helpers for C functions the host registers into a Sandbox. They find the sandbox through the
// lua_State, so they work from any coroutine.

// True once the budget (or time limit) of the current call is spent: a long-running binding
// should stop and return.
bool budget_exhausted(lua_State* L) noexcept;

// Charges work a binding does on behalf of Lua code (for instance one unit per element scanned);
// raises the budget error once the budget is spent.
void charge(lua_State* L, std::uint64_t units);

// Runs a binding body and turns C++ exceptions into Lua errors: C++ exceptions must never unwind
// through Lua frames. Use as `return sdi::lua::guarded(L, [&] { ...; return 1; });`.
template <class Body>
int guarded(lua_State* L, Body&& body) {
  std::string message;
  bool positioned = false;
  try {
    return body();
  } catch (const Error& e) {
    message = e.what();  // already "file:line: message"
    positioned = true;
  } catch (const std::bad_alloc&) {
    message = "out of memory in a host function";
  } catch (const std::exception& e) {
    message = e.what();
  }
  if (positioned) {
    lua_pushstring(L, message.c_str());
    return lua_error(L);
  }
  return luaL_error(L, "%s", message.c_str());
}

}  // namespace sdi::lua
