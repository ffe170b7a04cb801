#include "grade/check_context.hpp"

#include <vector>

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

const CountingMentions& counting_mentions(const CheckContext& ctx) {
  if (ctx.counting) return *ctx.counting;
  CountingMentions& out = ctx.counting.emplace();
  const Analysis& a = ctx.analysis;
  const auto counts = [&](const ConceptHit& h) {
    return !h.negated && !a.sentences[static_cast<std::size_t>(h.sentence)].question &&
           h.use != Use::Heading;
  };
  // Two passes: count each concept's mentions, then lay them out concept after concept.
  std::vector<int> group(static_cast<std::size_t>(ctx.index.size()), -1);
  std::vector<std::size_t> sizes;
  for (const ConceptHit& h : a.hits) {
    if (!counts(h)) continue;
    int& g = group[static_cast<std::size_t>(h.concept_idx)];
    if (g < 0) {
      g = static_cast<int>(out.concepts.size());
      out.concepts.push_back(h.concept_idx);
      sizes.push_back(0);
    }
    ++sizes[static_cast<std::size_t>(g)];
  }
  out.starts.assign(sizes.size() + 1, 0);
  for (std::size_t g = 0; g < sizes.size(); ++g) out.starts[g + 1] = out.starts[g] + sizes[g];
  out.hits.resize(out.starts.back());
  std::vector<std::size_t> next(out.starts.begin(), out.starts.end() - 1);
  for (const ConceptHit& h : a.hits)
    if (counts(h))
      out.hits[next[static_cast<std::size_t>(group[static_cast<std::size_t>(h.concept_idx)])]++] =
          &h;
  return out;
}

const CountingMentions& counting_mentions_by_implied(const CheckContext& ctx) {
  const CountingMentions& grouped = counting_mentions(ctx);
  if (!grouped.implying_starts.empty()) return grouped;
  CountingMentions& out = *ctx.counting;
  // Two passes again: count the groups implying each concept, then lay them out.
  out.implying_starts.assign(static_cast<std::size_t>(ctx.index.size()) + 1, 0);
  for (const int c : out.concepts)
    for (const int implied : ctx.index.implied(c))
      ++out.implying_starts[static_cast<std::size_t>(implied) + 1];
  for (std::size_t c = 1; c < out.implying_starts.size(); ++c)
    out.implying_starts[c] += out.implying_starts[c - 1];
  out.implying.resize(out.implying_starts.back());
  std::vector<std::size_t> next(out.implying_starts.begin(), out.implying_starts.end() - 1);
  for (std::size_t g = 0; g < out.concepts.size(); ++g)
    for (const int implied : ctx.index.implied(out.concepts[g]))
      out.implying[next[static_cast<std::size_t>(implied)]++] = g;
  return out;
}

std::string concept_label(const ConceptIndex& index, int concept_idx) {
  return index.concept_at(concept_idx).name;
}

}  // namespace sdi::grade
