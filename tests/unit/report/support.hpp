#pragma once
// Shared fixtures for the report tests.

#include <string>

#include "grade/result.hpp"

namespace sdi::test {

// A graded result with a file, a score and one error whose text needs escaping.
inline grade::GradeResult sample_result(const std::string& file, double score) {
  grade::GradeResult r;
  r.file = file;
  r.problem = "twitter";
  r.template_id = "classic";
  r.matched_by = "front matter";
  r.score = score;
  r.level = "pass";
  r.graded = true;
  r.errors = {"a \"quoted\"\nerror"};
  return r;
}

}  // namespace sdi::test
