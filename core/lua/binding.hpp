#pragma once

#include <lauxlib.h>
#include <lua.h>

#include <cstddef>
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

// Bytes of text a binding reads or writes per unit: the rate the sandbox's own string searches
// are charged at.
inline constexpr std::size_t kBytesPerUnit = 64;

// Charges work over `bytes` of text at that rate. A text under 4 KiB is not charged: its work
// costs less than the clock read a charge makes, and the call that passed it is an instruction.
void charge_bytes(lua_State* L, std::size_t bytes);

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
