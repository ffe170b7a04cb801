#pragma once
// A result written as JSON straight from the result model: the text sdi.json gives for the table
// push_result builds (keys sorted, lists as arrays, the same numbers), without building it.

#include "grade/result.hpp"
#include "report/json_text.hpp"

namespace sdi::report {

void append_result_json(JsonText& out, JsonLayout& layout, const grade::GradeResult& r);

}  // namespace sdi::report
