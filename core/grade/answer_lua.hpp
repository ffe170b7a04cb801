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
// Pushes the box that always holds what current_answer finds (one per Lua state, made on first
// use): natives given it as an upvalue read the answer from it without a registry lookup.
void push_answer_box(lua_State* L);
// current_answer, read from the box at `idx` (a native's upvalue).
const CheckContext& boxed_answer(lua_State* L, int idx);
// Pushes a found block as checks see it: `{ line, text, kind, prose }`, `line` where the search
// found its text.
void push_block_hit(lua_State* L, const CheckContext& ctx, int block, int line);
// asked(answer, ids) -> the first of the candidate's questions (in answer order) asking one of
// the pack questions `ids`, as an `answer.questions` entry, or nil. Reads the findings directly,
// so the checks that only ask this never build `answer.questions`. Like asked_each, a native
// whose first upvalue is the answer box.
int answer_asked(lua_State* L);
// asked_each(answer, ids) -> how many of the pack questions `ids` the candidate asked, and
// `{ line, text }` of the first question asking each, in answer order.
int answer_asked_each(lua_State* L);

// Pushes blocks first..last (a table's rows, or first == last) as one `answer.blocks` entry:
// `{ kind, text, line, end_line, section, info }` of the first block, the texts joined by
// newlines, `end_line` the last block's.
void push_answer_block(lua_State* L, const CheckContext& ctx, int first, int last);

}  // namespace sdi::grade
