#pragma once
// Totals over a run, shared by every reporter.

#include <string>
#include <vector>

#include "grade/result.hpp"

namespace sdi::report {

struct Summary {
  int files = 0;
  int graded = 0;
  int errors = 0;        // answers with at least one error
  int below = 0;         // graded answers under the minimum score
  double min_score = 0;  // the bar (0 when none was set)
  double mean = 0;
  std::vector<std::pair<std::string, int>> levels;  // level -> count, in a fixed order

  void add(const grade::GradeResult& r);
  void finish();

 private:
  double total_ = 0;
};

}  // namespace sdi::report
