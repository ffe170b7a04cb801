#pragma once
// What every check kind receives, and the helpers they share for wording results.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grade/analysis.hpp"
#include "grade/concept_index.hpp"
#include "grade/result.hpp"
#include "pack/content.hpp"
#include "pack/loaded_pack.hpp"
#include "pack/template.hpp"

namespace sdi::grade {

struct EstimateFindings;  // estimates.hpp
struct QuestionFindings;  // questions.hpp
class AnswerReading;      // answer_reading.hpp

// The answer's concept mentions that can earn credit (not negated, not in a question, not a
// heading), grouped by concept: a search for a few concepts reads only their groups.
struct CountingMentions {
  std::vector<int> concepts;  // in the order of their first mention
  // The mentions of concepts[i] are hits[starts[i] .. starts[i + 1]), in answer order.
  std::vector<std::size_t> starts;
  std::vector<const ConceptHit*> hits;
  // Made by counting_mentions_by_implied: the groups whose concept implies concept c (is it or a
  // narrower one) are implying[implying_starts[c] .. implying_starts[c + 1]), in group order, so
  // a search for a concept reads only them instead of every group's implied concepts.
  std::vector<std::size_t> implying_starts;
  std::vector<std::size_t> implying;
};

struct CheckContext {
  const text::Document& doc;
  const pack::Template& tpl;
  pack::LoadedPack& pack;
  const ConceptIndex& index;
  const Analysis& analysis;
  const EstimateFindings& estimates;
  const QuestionFindings& questions;
  AnswerReading* reading = nullptr;  // what custom checks ask of the answer, built when they run
  int answer_ref = -2;  // the Lua `answer` table in the pack's registry (LUA_NOREF until built)
  // Made on first need by counting_mentions(), once per answer.
  mutable std::optional<CountingMentions> counting = std::nullopt;
};

// The counting mentions of the answer, grouped once per answer.
const CountingMentions& counting_mentions(const CheckContext& ctx);
// The same, with the groups implying each concept (`implying`) laid out too, once per answer.
const CountingMentions& counting_mentions_by_implied(const CheckContext& ctx);

// Fills points and status from a 0..1 score: pass at 0.75 and above, partial above 0.
void set_score(CheckResult& r, double score);
Evidence evidence_for_hit(const Analysis& a, const ConceptHit& h);
std::string concept_label(const ConceptIndex& index, int concept_idx);

CheckResult run_concepts_check(const pack::Check& check, const CheckContext& ctx);
CheckResult run_estimate_check(const pack::Check& check, const CheckContext& ctx);
CheckResult run_diagram_check(const pack::Check& check, const CheckContext& ctx);
CheckResult run_questions_check(const pack::Check& check, const CheckContext& ctx);
CheckResult run_custom_check(const pack::Check& check, const CheckContext& ctx);

}  // namespace sdi::grade
