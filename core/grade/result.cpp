#include "grade/result.hpp"

namespace sdi::grade {

const char* status_name(Status s) {
  switch (s) {
    case Status::Pass: return "pass";
    case Status::Partial: return "partial";
    case Status::Fail: return "fail";
    case Status::Error: return "error";
  }
  return "error";
}

std::string level_for(double score) {
  if (score >= 80) return "strong";
  if (score >= 60) return "pass";
  if (score >= 40) return "borderline";
  return "fail";
}

}  // namespace sdi::grade
