#pragma once
// The answer as custom Lua checks see it: a table plus query functions that are valid only while
// that answer is being graded. Its bulky fields (text, sections, blocks, questions) are made on
// a check's first read of them and kept in the table.

#include <lua.h>

#include "grade/check_context.hpp"

namespace sdi::grade {

// A lua_CFunction: takes a light userdata pointing at the CheckContext and returns the `answer`
// table, making the query functions point at that answer. Run it through Sandbox::call so an
// allocation failure is an ordinary Lua error.
int build_answer(lua_State* L);
// Detaches the query functions from the answer (called when grading of it ends).
void release_answer(lua_State* L);

// The context of the answer being graded; a Lua error outside a check's run().
const CheckContext& current_answer(lua_State* L);
// Pushes a found block as checks see it: `{ line, text, kind, prose }`, `line` where the search
// found its text.
void push_block_hit(lua_State* L, const CheckContext& ctx, int block, int line);
// Pushes blocks first..last (a table's rows, or first == last) as one `answer.blocks` entry:
// `{ kind, text, line, end_line, section, info }` of the first block, the texts joined by
// newlines, `end_line` the last block's.
void push_answer_block(lua_State* L, const CheckContext& ctx, int first, int last);

}  // namespace sdi::grade
