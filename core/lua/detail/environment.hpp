#pragma once

#include <lua.h>

#include "lua/detail/runtime.hpp"

namespace sdi::lua::detail {

// Opens the allowed libraries and makes the sandbox environment the state's global table, so
// every chunk (whoever loads it) sees only the allow-list. Must run in protected mode.
int build_environment(lua_State* L);

}  // namespace sdi::lua::detail
