// Concept coverage: each group of alternative concepts earns the credit of its best use in the
// answer (reasoned > used in a sentence > bare list item > heading); negated mentions earn nothing.

#include <fmt/format.h>

#include <algorithm>

#include "grade/check_context.hpp"

namespace sdi::grade {

namespace {

struct GroupOutcome {
  double credit = 0;
  int hit = -1;      // index into Analysis::hits
  int negated = -1;  // a negated mention when nothing better exists
};

GroupOutcome assess_group(const std::vector<std::string>& group, const CheckContext& ctx,
                          std::vector<std::string>& unknown) {
  GroupOutcome g;
  for (const auto& id : group) {
    const int c = ctx.index.find(id);
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
  return g;
}

// A list of the feedback: its items with ", " between them.
struct ItemList {
  std::string text;
  bool any = false;
  // The text, ready for the next item to be appended.
  std::string& next() {
    if (any) text += ", ";
    any = true;
    return text;
  }
};

// Appends "Name (line N)", as the feedback lists a mention.
void add_mention(ItemList& list, const std::string& name, int line) {
  std::string& text = list.next();
  text += name;
  text += " (line ";
  text += std::to_string(line);
  text += ')';
}

// Appends the display name of a group: its first concept, "A (or B, C)" for alternatives. Only
// shown for a group the answer misses, so told only then.
void add_group_label(ItemList& list, const std::vector<std::string>& group,
                     const ConceptIndex& index) {
  std::string& text = list.next();
  int named = 0;
  for (const auto& id : group) {
    const int c = index.find(id);
    if (c < 0) continue;
    if (named == 1) text += " (or ";
    if (named > 1) text += ", ";
    text += concept_label(index, c);
    ++named;
  }
  if (named > 1) text += ')';
}

}  // namespace

CheckResult run_concepts_check(const pack::Check& check, const CheckContext& ctx) {
  CheckResult r;
  std::vector<std::string> unknown;
  std::vector<GroupOutcome> groups;
  groups.reserve(check.concepts.size());
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

  ItemList strong, listed, missing, ruled_out;
  for (std::size_t gi = 0; gi < groups.size(); ++gi) {
    const GroupOutcome& g = groups[gi];
    if (g.hit >= 0) {
      const ConceptHit& h = ctx.analysis.hits[g.hit];
      r.evidence.push_back(evidence_for_hit(ctx.analysis, h));
      add_mention(h.use == Use::Reasoned || h.use == Use::Used ? strong : listed,
                  concept_label(ctx.index, h.concept_idx), h.line);
    } else if (g.negated >= 0) {
      const ConceptHit& h = ctx.analysis.hits[g.negated];
      add_mention(ruled_out, concept_label(ctx.index, h.concept_idx), h.line);
    } else if (r.status != Status::Pass) {
      add_group_label(missing, check.concepts[gi], ctx.index);
    }
  }
  std::sort(r.evidence.begin(), r.evidence.end(),
            [](const Evidence& a, const Evidence& b) { return a.line < b.line; });
  // The parts of the feedback, a space between each two.
  std::string& feedback = r.feedback;
  auto part = [&feedback](std::string_view lead, const ItemList& list, std::string_view tail) {
    if (!list.any) return;
    if (!feedback.empty()) feedback += ' ';
    feedback += lead;
    feedback += list.text;
    feedback += tail;
  };
  part("Covered: ", strong, ".");
  part("Only named, not argued: ", listed, "; say what it does here and why.");
  part("Ruled out: ", ruled_out, "; no credit for a component you decline.");
  part("Missing: ", missing, ".");
  if (r.status == Status::Pass && !check.praise.empty()) {
    if (!feedback.empty()) feedback += ' ';
    feedback += check.praise;
  }
  if (r.status != Status::Pass) r.suggestion = check.feedback;
  return r;
}

}  // namespace sdi::grade
