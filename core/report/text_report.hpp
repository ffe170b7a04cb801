#pragma once
// The terminal report of one result (plugins/reporters/text.lua's `render`), written by the engine
// straight from the grade: it is the report a cold `sdi grade` prints, and building the result
// table and running the layout in the sandbox cost as much as grading a short answer.

#include <lua.h>

#include <string>

#include "grade/result.hpp"

namespace sdi::report {

// Appends the answer's report: the score and level, the strongest and weakest steps, the facets,
// then every step with its checks, their feedback, the line that earned the credit and what to
// add, the estimates, flagged assumptions and errors. `color` adds ANSI colours.
void append_text_report(std::string& out, const grade::GradeResult& r, bool color);

// A lua_CFunction: sdi.text_render() returns a render hook for a reporter's table whose text is
// append_text_report's, in colour when the run's `color` is set. The engine does not run the
// hook: it writes the report from the grade, without making the result table.
int lua_text_render(lua_State* L);

// True when the value at `index` is a hook sdi.text_render made.
bool is_text_render(lua_State* L, int index);

}  // namespace sdi::report
