#include "grade/check_context.hpp"

namespace sdi::grade {

void set_score(CheckResult& r, double score) {
  if (score < 0) score = 0;
  if (score > 1) score = 1;
  r.max = 1;  // the grader scales by the check's weight
  r.points = score;
  r.status = score >= 0.75 ? Status::Pass : score > 0 ? Status::Partial : Status::Fail;
}

Evidence evidence_for_hit(const Analysis& a, const ConceptHit& h) {
  return Evidence{a.sentence_line(h.sentence), a.sentence_text(h.sentence)};
}

std::string concept_label(const ConceptIndex& index, int concept_idx) {
  return index.concept_at(concept_idx).name;
}

}  // namespace sdi::grade
