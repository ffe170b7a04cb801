// Concept coverage: each group of alternative concepts earns the credit of its best use in the
// answer (reasoned > used in a sentence > bare list item > heading); negated mentions earn nothing.

#include <fmt/format.h>

#include <algorithm>

#include "grade/check_context.hpp"

namespace sdi::grade {

namespace {

struct GroupOutcome {
  double credit = 0;
  int hit = -1;       // index into Analysis::hits
  int negated = -1;   // a negated mention when nothing better exists
  std::string label;  // the group's display name
};

GroupOutcome assess_group(const std::vector<std::string>& group, const CheckContext& ctx,
                          std::vector<std::string>& unknown) {
  GroupOutcome g;
  for (const auto& id : group) {
    int c = ctx.index.find(id);
    if (c < 0) {
      unknown.push_back(id);
      continue;
    }
    if (g.label.empty()) g.label = concept_label(ctx.index, c);
    int h = ctx.analysis.best_hit[c];
    if (h >= 0) {
      double credit = credit_for(ctx.analysis.hits[h].use);
      if (credit > g.credit || g.hit < 0) {
        g.credit = credit;
        g.hit = h;
      }
    } else if (ctx.analysis.negated_hit[c] >= 0 && g.negated < 0) {
      g.negated = ctx.analysis.negated_hit[c];
    }
  }
  if (group.size() > 1 && g.hit < 0) {
    std::vector<std::string> names;
    for (const auto& id : group) {
      int c = ctx.index.find(id);
      if (c >= 0) names.push_back(concept_label(ctx.index, c));
    }
    if (names.size() > 1)
      g.label =
          fmt::format("{} (or {})", names.front(), fmt::join(names.begin() + 1, names.end(), ", "));
  }
  return g;
}

}  // namespace

CheckResult run_concepts_check(const pack::Check& check, const CheckContext& ctx) {
  CheckResult r;
  std::vector<std::string> unknown;
  std::vector<GroupOutcome> groups;
  for (const auto& group : check.concepts) groups.push_back(assess_group(group, ctx, unknown));
  if (!unknown.empty()) {
    r.status = Status::Error;
    r.feedback =
        fmt::format("{}:{}: check '{}' names concepts missing from the glossary: {}",
                    check.where.file, check.where.line, check.id, fmt::join(unknown, ", "));
    return r;
  }
  std::size_t need = check.need > 0 ? static_cast<std::size_t>(check.need) : groups.size();
  std::vector<double> credits;
  for (const auto& g : groups) credits.push_back(g.credit);
  std::sort(credits.begin(), credits.end(), std::greater<>());
  double sum = 0;
  for (std::size_t i = 0; i < need && i < credits.size(); ++i) sum += credits[i];
  set_score(r, sum / static_cast<double>(need));

  std::vector<std::string> strong, listed, missing, ruled_out;
  for (const auto& g : groups) {
    if (g.hit >= 0) {
      const ConceptHit& h = ctx.analysis.hits[g.hit];
      r.evidence.push_back(evidence_for_hit(ctx.analysis, h));
      std::string name = concept_label(ctx.index, h.concept_idx);
      if (h.use == Use::Reasoned || h.use == Use::Used) {
        strong.push_back(fmt::format("{} (line {})", name, h.line));
      } else {
        listed.push_back(fmt::format("{} (line {})", name, h.line));
      }
    } else if (g.negated >= 0) {
      const ConceptHit& h = ctx.analysis.hits[g.negated];
      ruled_out.push_back(
          fmt::format("{} (line {})", concept_label(ctx.index, h.concept_idx), h.line));
    } else {
      missing.push_back(g.label);
    }
  }
  std::sort(r.evidence.begin(), r.evidence.end(),
            [](const Evidence& a, const Evidence& b) { return a.line < b.line; });
  std::vector<std::string> parts;
  if (!strong.empty()) parts.push_back(fmt::format("Covered: {}.", fmt::join(strong, ", ")));
  if (!listed.empty())
    parts.push_back(fmt::format("Only named, not argued: {}; say what it does here and why.",
                                fmt::join(listed, ", ")));
  if (!ruled_out.empty())
    parts.push_back(fmt::format("Ruled out: {}; no credit for a component you decline.",
                                fmt::join(ruled_out, ", ")));
  if (!missing.empty() && r.status != Status::Pass)
    parts.push_back(fmt::format("Missing: {}.", fmt::join(missing, ", ")));
  if (r.status == Status::Pass && !check.praise.empty()) parts.push_back(check.praise);
  r.feedback = fmt::format("{}", fmt::join(parts, " "));
  if (r.status != Status::Pass) r.suggestion = check.feedback;
  return r;
}

}  // namespace sdi::grade
