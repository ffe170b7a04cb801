#pragma once

#include <lua.h>

#include <string>
#include <string_view>

#include "lua/detail/runtime.hpp"
#include "lua/error.hpp"

namespace sdi::lua::detail {

// True when the first line of a message starts with "chunk:line:".
bool has_position(std::string_view message) noexcept;

// The message handler of every protected call: turns any error value into a string that starts
// with the position of the innermost Lua function ("file:line: "), without a traceback.
int message_handler(lua_State* L);

// Builds the Error for a failed protected call from the error value on top of the stack (which it
// pops). `chunk` names the called function for errors that carry no position.
Error make_error(lua_State* L, const Runtime& rt, int status, std::string_view chunk);

// The Lua chunk name that displays as `display` (see Sandbox::load).
std::string chunkname_for(std::string_view display);
// Records the truncated short source Lua will print for a long display name.
void remember_chunkname(lua_State* L, Runtime& rt, std::string_view display);

}  // namespace sdi::lua::detail
