#pragma once
// The one result model: every reporter, the REPL and `pack test` read it.

#include <string>
#include <string_view>
#include <vector>

namespace sdi::grade {

enum class Status { Pass, Partial, Fail, Error };
// Its length known without a scan: reports write it once per check.
std::string_view status_name(Status s);

struct Evidence {
  int line = 0;
  std::string text;
};

struct CheckResult {
  std::string id;
  std::string title;
  std::string facet;
  std::string kind;
  Status status = Status::Fail;
  double points = 0;
  double max = 0;
  std::string feedback;    // what the grader concluded, in the candidate's terms
  std::string suggestion;  // what to add (empty when passed)
  std::vector<Evidence> evidence;
};

struct StepResult {
  std::string id;
  std::string title;
  double points = 0;
  double max = 0;
  std::string verdict;        // short: "strong", "thin", "missing" ...
  std::vector<int> sections;  // heading lines that mapped to this step
  std::vector<CheckResult> checks;
  double score() const { return max > 0 ? 100.0 * points / max : 0; }
};

// Points per facet, whatever step the template files it under.
struct FacetResult {
  std::string id;
  double points = 0;
  double max = 0;
  std::string verdict;
};

struct EstimateResult {
  std::string id;
  std::string title;
  std::string stated;    // the candidate's figure, formatted; empty when not found
  std::string expected;  // recomputed from the candidate's own assumptions (defaults otherwise)
  std::string derivation;
  double ratio = 0;   // >= 1; 0 when not stated
  double credit = 0;  // 0..1
  int line = 0;
};

struct AssumptionFlag {
  std::string id;
  std::string stated;
  std::string range;
  int line = 0;
};

struct GradeResult {
  std::string file;
  std::string problem;
  std::string template_id;
  std::string matched_by;  // "front matter", "--problem", "best fit (runner-up: x)"
  double score = 0;        // 0..100
  std::string level;       // strong | pass | borderline | fail
  std::vector<StepResult> steps;
  std::vector<FacetResult> facets;  // in the canonical facet order, only facets with checks
  std::vector<EstimateResult> estimates;
  std::vector<AssumptionFlag> flags;
  std::vector<std::string> errors;  // "file:line: message"
  bool graded = false;              // false when the file could not be graded at all
};

std::string level_for(double score);
// A short verdict for a share of points: strong, solid, thin, weak, or missing/no credit.
std::string verdict_for(double points, double max, bool written);

}  // namespace sdi::grade
