#pragma once
// The answer as custom Lua checks see it: a read-only snapshot table plus query functions that
// are valid only while that answer is being graded.

#include <lua.h>

#include "grade/check_context.hpp"

namespace sdi::grade {

// A lua_CFunction: takes a light userdata pointing at the CheckContext and returns the `answer`
// table, making the query functions point at that answer. Run it through Sandbox::call so an
// allocation failure is an ordinary Lua error.
int build_answer(lua_State* L);
// Detaches the query functions from the answer (called when grading of it ends).
void release_answer(lua_State* L);

}  // namespace sdi::grade
