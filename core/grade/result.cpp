#include "grade/result.hpp"

namespace sdi::grade {

std::string_view status_name(Status s) {
  switch (s) {
    case Status::Pass:
      return "pass";
    case Status::Partial:
      return "partial";
    case Status::Fail:
      return "fail";
    case Status::Error:
      return "error";
  }
  return "error";
}

std::string level_for(double score) {
  if (score >= 80) return "strong";
  if (score >= 60) return "pass";
  if (score >= 40) return "borderline";
  return "fail";
}

std::string verdict_for(double points, double max, bool written) {
  if (max <= 0) return "not graded";
  double pct = 100.0 * points / max;
  if (pct >= 80) return "strong";
  if (pct >= 60) return "solid";
  if (pct >= 35) return "thin";
  if (pct > 0) return "weak";
  return written ? "no credit" : "missing";
}

}  // namespace sdi::grade
