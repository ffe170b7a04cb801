#include "report/summary.hpp"

#include <cmath>

namespace sdi::report {

void Summary::add(const grade::GradeResult& r) {
  if (levels.empty()) levels = {{"strong", 0}, {"pass", 0}, {"borderline", 0}, {"fail", 0}};
  ++files;
  if (!r.errors.empty() || !r.graded) ++errors;
  if (!r.graded) return;
  ++graded;
  total_ += r.score;
  if (r.score < min_score) ++below;
  for (auto& [level, count] : levels)
    if (level == r.level) ++count;
}

void Summary::finish() {
  if (levels.empty()) levels = {{"strong", 0}, {"pass", 0}, {"borderline", 0}, {"fail", 0}};
  mean = graded > 0 ? std::round(10.0 * total_ / graded) / 10.0 : 0;
}

}  // namespace sdi::report
