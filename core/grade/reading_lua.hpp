#pragma once
// The host's half of `sdi.helpers`: the reading rules and the searches every custom check runs,
// in C++ so hundreds of them per answer stay cheap. The check plugins receive the table as their
// chunk's argument (`local native = ...`); helpers.lua publishes it under the documented names.

#include <lua.h>

namespace sdi::grade {

// A lua_CFunction returning the table of native helpers.
int push_reading_library(lua_State* L);

}  // namespace sdi::grade
