#pragma once

#include <lua.h>

namespace sdi::lua::detail {

// Each function replaces or adds entries in the library table at stack index `table` (an absolute
// index), so the sandbox environment only ever holds bounded, budget-charging functions.

// string.find/match/gmatch/gsub (budget-charged matcher with size caps) and string.rep.
void install_safe_string(lua_State* L, int table);
// table.insert/remove/move/concat/unpack/sort, charged per element moved or compared.
void install_safe_table(lua_State* L, int table);
// coroutine.create/wrap/resume/close: new threads get the budget hook, resumers re-check it.
void install_safe_coroutine(lua_State* L, int table);
// string.byte, utf8.len, utf8.codepoint and utf8.offset, charged for the range they scan.
void install_safe_scans(lua_State* L, int string_table, int utf8_table);
// print, load, pairs, setmetatable, collectgarbage and require in the environment table.
void install_safe_base(lua_State* L, int env);

// require(name), limited to the module root of the Runtime (require.cpp).
int safe_require(lua_State* L);
// Drops every cached module, for when the module root changes.
void forget_modules(lua_State* L);

}  // namespace sdi::lua::detail
