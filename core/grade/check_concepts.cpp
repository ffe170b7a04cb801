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

// `names` appended to `out`, `separator` between them.
void append_joined(std::string& out, const std::vector<std::string>& names,
                   std::string_view separator) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += separator;
    out += names[i];
  }
}

// "Name (line N)", as the feedback lists a mention.
std::string name_at_line(const std::string& name, int line) {
  std::string out = name;
  out += " (line ";
  out += std::to_string(line);
  out += ')';
  return out;
}

GroupOutcome assess_group(const std::vector<std::string>& group, const CheckContext& ctx,
                          std::vector<std::string>& unknown) {
  GroupOutcome g;
  // The concepts of the group's ids, -1 for an unknown id: looked up once for both passes.
  std::vector<int> found;
  found.reserve(group.size());
  for (const auto& id : group) {
    const int c = ctx.index.find(id);
    found.push_back(c);
    if (c < 0) {
      unknown.push_back(id);
      continue;
    }
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
  // The label is only shown for a group with no hit: named then, not for every group.
  if (g.hit >= 0) return g;
  std::vector<std::string> names;
  for (const int c : found)
    if (c >= 0) names.push_back(concept_label(ctx.index, c));
  if (names.size() > 1) {
    g.label = names.front() + " (or ";
    append_joined(g.label, {names.begin() + 1, names.end()}, ", ");
    g.label += ')';
  } else if (!names.empty()) {
    g.label = std::move(names.front());
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
      std::string named = name_at_line(concept_label(ctx.index, h.concept_idx), h.line);
      (h.use == Use::Reasoned || h.use == Use::Used ? strong : listed).push_back(std::move(named));
    } else if (g.negated >= 0) {
      const ConceptHit& h = ctx.analysis.hits[g.negated];
      ruled_out.push_back(name_at_line(concept_label(ctx.index, h.concept_idx), h.line));
    } else {
      missing.push_back(g.label);
    }
  }
  std::sort(r.evidence.begin(), r.evidence.end(),
            [](const Evidence& a, const Evidence& b) { return a.line < b.line; });
  // The parts of the feedback, a space between each two.
  std::string& feedback = r.feedback;
  auto part = [&feedback](std::string_view lead, const std::vector<std::string>& names,
                          std::string_view tail) {
    if (!feedback.empty()) feedback += ' ';
    feedback += lead;
    append_joined(feedback, names, ", ");
    feedback += tail;
  };
  if (!strong.empty()) part("Covered: ", strong, ".");
  if (!listed.empty()) part("Only named, not argued: ", listed, "; say what it does here and why.");
  if (!ruled_out.empty())
    part("Ruled out: ", ruled_out, "; no credit for a component you decline.");
  if (!missing.empty() && r.status != Status::Pass) part("Missing: ", missing, ".");
  if (r.status == Status::Pass && !check.praise.empty()) {
    if (!feedback.empty()) feedback += ' ';
    feedback += check.praise;
  }
  if (r.status != Status::Pass) r.suggestion = check.feedback;
  return r;
}

}  // namespace sdi::grade
