#pragma once
// Moving the result model into Lua (for reporters and `sdi run`), and Lua values out as JSON.

#include <lua.h>

#include <optional>
#include <string>
#include <string_view>

#include "grade/result.hpp"

namespace sdi::report {

// Pushes a table with the fields of the sdi.grade.v1 result. Lists are marked as arrays so an
// empty one still encodes as [].
void push_result(lua_State* L, const grade::GradeResult& r);
// Pushes an empty table marked as a JSON array.
void push_array(lua_State* L, int size_hint);
// Pushes the metatable that marks a table as a JSON array.
void push_array_metatable(lua_State* L);

// Encodes the value at `index` as JSON: objects with sorted keys, integers without a fraction,
// marked or 1..n tables as arrays. `indent` 0 gives one line. Raises a Lua error on cycles or
// values JSON cannot hold. `prefix` goes after every line break (before the indentation), to
// nest the text in an enclosing document.
std::string encode_json(lua_State* L, int index, int indent, std::string_view prefix = {});

// A JSON string literal for `text` (quotes, escapes; invalid UTF-8 becomes U+FFFD).
std::string json_quote(std::string_view text);

// A lua_CFunction: sdi.json(value [, indent [, prefix]]).
int lua_json(lua_State* L);

// A lua_CFunction: sdi.json_render([indent [, prefix]]) returns a render hook that does what
// `function(r) return sdi.json(r, indent, prefix) end` does. As a reporter's own `render` the
// engine writes that JSON straight from the result instead of building the table for it.
int lua_json_render(lua_State* L);

struct JsonRender {
  int indent = 0;
  std::string prefix;
};
// The layout of the value at `index` when it is a hook sdi.json_render made (its upvalues are out
// of reach of sandboxed code, so they stay what they were made with).
std::optional<JsonRender> json_render_of(lua_State* L, int index);

}  // namespace sdi::report
