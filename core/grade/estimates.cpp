#include "grade/estimates.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "grade/check_context.hpp"
#include "grade/match_tokens.hpp"

namespace sdi::grade {

namespace q = sdi::quantity;

namespace {

struct NamePhrase {
  int owner;  // assumption or estimate index
  std::vector<std::string> stems;
};

// One way a stated value could be attached to a name: used to assign greedily, most specific first.
struct Candidate {
  int owner;
  int specificity;  // stems in the name that matched
  int block;
  std::size_t mention;  // index into the block's mentions
  int distance;         // bytes between the name and the figure
};

std::vector<NamePhrase> compile_names(const std::vector<std::vector<std::string>>& names) {
  std::vector<NamePhrase> out;
  for (std::size_t i = 0; i < names.size(); ++i)
    for (const auto& n : names[i]) {
      auto stems = phrase_stems(n);
      if (!stems.empty()) out.push_back({static_cast<int>(i), std::move(stems)});
    }
  return out;
}

// A bare number may stand for a count or a rate ("write QPS: 4.6K"), never for bytes: storage
// written without a unit is not a storage figure.
bool compatible(const q::Unit& stated, const q::Unit& expected) {
  if (stated.dimensionless()) return expected.bytes == 0;
  return q::same_dimension(stated, expected);
}

// The stated value adopts the expected dimension when the candidate wrote a bare number
// ("write QPS: 4.6K").
q::Quantity adopt(q::Quantity v, const q::Unit& expected) {
  if (v.unit.dimensionless() && !expected.dimensionless()) {
    q::Tag noun = v.unit.noun;
    v.unit = expected;
    if (!noun.empty()) v.unit.noun = noun;
  }
  return v;
}

std::string lower_first(std::string s) {
  // Keep acronyms ("DAU", "QPS") as they are.
  if (s.size() > 1 && std::isupper(static_cast<unsigned char>(s[0])) &&
      !std::isupper(static_cast<unsigned char>(s[1])))
    s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

std::optional<q::Quantity> parse_value(const std::string& text) {
  if (text.empty()) return std::nullopt;
  q::Result r = q::parse(text);
  if (!r.ok()) return std::nullopt;
  return r.value;
}

std::string show(const q::Quantity& v, const std::string& unit) {
  if (!unit.empty()) {
    q::Result c = q::convert(v, unit);
    if (c.ok()) return q::format(c.value, {false, false});
  }
  return q::format(v, {false, false});
}

// Finds, for each owner, the figure the candidate attached to one of its names.
std::vector<std::optional<StatedValue>> find_stated(
    const Analysis& a, const std::vector<std::vector<q::Mention>>& mentions,
    const std::vector<NamePhrase>& names, std::size_t owners,
    const std::vector<std::optional<q::Unit>>& expected_units, bool prefer_results) {
  std::vector<Candidate> candidates;
  for (std::size_t bi = 0; bi < a.tokens.size(); ++bi) {
    const auto& toks = a.tokens[bi];
    const auto& ms = mentions[bi];
    if (ms.empty()) continue;
    for (std::size_t ti = 0; ti < toks.size(); ++ti) {
      for (const auto& name : names) {
        if (ti + name.stems.size() > toks.size()) continue;
        bool ok = true;
        for (std::size_t k = 0; k < name.stems.size() && ok; ++k) ok = toks[ti + k].stem == name.stems[k];
        if (!ok) continue;
        std::size_t name_begin = toks[ti].offset;
        const MatchToken& last = toks[ti + name.stems.size() - 1];
        std::size_t name_end = last.offset + last.original.size();
        // The figure may sit anywhere in the block (a list item often chains several clauses),
        // but one in the name's own sentence is preferred.
        std::size_t s_begin = 0, s_end = a.doc->blocks[bi].text.size();
        std::size_t own_begin = 0, own_end = s_end;
        for (const auto& s : a.sentences)
          if (s.block == static_cast<int>(bi) && s.begin <= name_begin && name_begin < s.end) {
            own_begin = s.begin;
            own_end = s.end;
          }
        const auto& expected = expected_units[name.owner];
        for (std::size_t mi = 0; mi < ms.size(); ++mi) {
          const q::Mention& m = ms[mi];
          if (m.offset < s_begin || m.offset >= s_end) continue;
          // A figure starting inside the name is part of it ("80/20"); one that runs into the
          // name is attached to it ("500 bytes per record").
          if (m.offset >= name_begin && m.offset < name_end) continue;
          if (expected && !compatible(m.quantity.unit, *expected)) continue;
          if (!prefer_results && m.is_expression) continue;  // an assumption is a plain figure
          std::size_t m_end = m.offset + m.length;
          // A figure running into the name ("40 writes per second") belongs to it most surely;
          // one after it ("write QPS = 40/s") next; one before it, a little less.
          int distance = m.offset >= name_end ? static_cast<int>(m.offset - name_end)
                         : m_end > name_begin ? 0
                                              : static_cast<int>(name_begin - m_end) * 2 + 10;
          if (m.offset < own_begin || m.offset >= own_end) distance += 400;
          if (prefer_results) {
            // The figure after "=" is the answer; intermediate factors are not.
            bool later_result = false;
            for (std::size_t mj = mi + 1; mj < ms.size(); ++mj)
              if (ms[mj].offset < own_end && ms[mj].offset >= name_end && ms[mj].is_result &&
                  (!expected || compatible(ms[mj].quantity.unit, *expected)))
                later_result = true;
            if (later_result) continue;
            if (m.is_expression) distance += 200;
          }
          candidates.push_back({name.owner, static_cast<int>(name.stems.size()), static_cast<int>(bi), mi, distance});
        }
      }
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
    if (x.specificity != y.specificity) return x.specificity > y.specificity;
    if (x.block != y.block) return x.block < y.block;
    return x.distance < y.distance;
  });
  std::vector<std::optional<StatedValue>> out(owners);
  std::map<std::pair<int, std::size_t>, bool> used;
  for (const auto& c : candidates) {
    if (out[c.owner] || used[{c.block, c.mention}]) continue;
    const q::Mention& m = mentions[c.block][c.mention];
    StatedValue v;
    v.value = expected_units[c.owner] ? adopt(m.quantity, *expected_units[c.owner]) : m.quantity;
    v.raw = m.raw;
    v.line = a.doc->blocks[c.block].line_at(m.offset);
    v.sentence = a.doc->blocks[c.block].text;
    out[c.owner] = v;
    used[{c.block, c.mention}] = true;
  }
  return out;
}

}  // namespace

double credit_for_ratio(double ratio) {
  if (!(ratio >= 1) || !std::isfinite(ratio)) return 0;
  if (ratio <= 1.25) return 1.0;
  if (ratio <= 2.0) return 0.75;
  if (ratio <= 10.0) return 0.35;
  return 0;
}

EstimateFindings find_estimates(const Analysis& a, const pack::LoadedPack& pack) {
  EstimateFindings f;
  const auto& assumptions = pack.content().assumptions;
  const auto& estimates = pack.content().estimates;
  if (estimates.empty() && assumptions.empty()) return f;

  std::vector<std::vector<q::Mention>> mentions(a.doc->blocks.size());
  for (std::size_t bi = 0; bi < a.doc->blocks.size(); ++bi) {
    const text::Block& b = a.doc->blocks[bi];
    if (a.placeholder[bi] || b.kind == text::BlockKind::Heading || b.info == "mermaid") continue;
    mentions[bi] = q::scan(b.text);
  }

  std::vector<std::optional<q::Quantity>> defaults(assumptions.size());
  std::vector<std::optional<q::Unit>> assumption_units(assumptions.size());
  std::vector<std::vector<std::string>> assumption_names;
  for (std::size_t i = 0; i < assumptions.size(); ++i) {
    defaults[i] = parse_value(assumptions[i].default_value);
    if (defaults[i]) assumption_units[i] = defaults[i]->unit;
    assumption_names.push_back(assumptions[i].names);
  }
  f.assumptions = find_stated(a, mentions, compile_names(assumption_names), assumptions.size(),
                              assumption_units, false);

  // Plausibility of what the candidate assumed.
  std::vector<bool> plausible(assumptions.size(), true);
  for (std::size_t i = 0; i < assumptions.size(); ++i) {
    if (!f.assumptions[i]) continue;
    auto lo = parse_value(assumptions[i].low);
    auto hi = parse_value(assumptions[i].high);
    const q::Quantity& v = f.assumptions[i]->value;
    bool below = lo && q::compare(v, *lo).value_or(0) < 0;
    bool above = hi && q::compare(v, *hi).value_or(0) > 0;
    if (below || above) {
      plausible[i] = false;
      f.flags.push_back({assumptions[i].id, f.assumptions[i]->raw,
                         fmt::format("{} to {}", assumptions[i].low, assumptions[i].high),
                         f.assumptions[i]->line});
    }
  }

  auto resolver = [&](bool own) {
    return [&, own](std::string_view id) -> std::optional<q::Quantity> {
      for (std::size_t i = 0; i < assumptions.size(); ++i) {
        if (assumptions[i].id != id) continue;
        if (own && f.assumptions[i] && plausible[i]) return f.assumptions[i]->value;
        return defaults[i];
      }
      return std::nullopt;
    };
  };

  std::vector<std::optional<q::Quantity>> expected_default(estimates.size());
  std::vector<std::optional<q::Unit>> estimate_units(estimates.size());
  std::vector<std::vector<std::string>> estimate_names;
  for (std::size_t i = 0; i < estimates.size(); ++i) {
    q::Result r = q::evaluate(estimates[i].formula, resolver(false));
    if (r.ok()) {
      expected_default[i] = r.value;
      estimate_units[i] = r.value.unit;
    }
    estimate_names.push_back(estimates[i].names);
  }
  f.figures = find_stated(a, mentions, compile_names(estimate_names), estimates.size(), estimate_units, true);

  for (std::size_t i = 0; i < estimates.size(); ++i) {
    const pack::Estimate& e = estimates[i];
    EstimateResult r;
    r.id = e.id;
    r.title = e.title;
    if (!expected_default[i]) {
      r.derivation = fmt::format("{}: the pack's formula '{}' cannot be evaluated", e.title, e.formula);
      f.results.push_back(r);
      continue;
    }
    // Which of the candidate's own assumptions feed this formula.
    std::vector<std::string> own, assumed;
    for (std::size_t ai = 0; ai < assumptions.size(); ++ai) {
      if (e.formula.find(assumptions[ai].id) == std::string::npos) continue;
      std::string what = lower_first(assumptions[ai].title);
      if (f.assumptions[ai] && plausible[ai]) own.push_back(fmt::format("{} ({})", show(f.assumptions[ai]->value, ""), what));
      else assumed.push_back(fmt::format("{} ({})", assumptions[ai].default_value, what));
    }
    q::Result mine = q::evaluate(e.formula, resolver(true));
    q::Quantity expected = mine.ok() ? mine.value : *expected_default[i];
    r.expected = show(expected, e.unit);
    std::string basis;
    if (!own.empty()) basis = fmt::format("from your {}", fmt::join(own, " and "));
    if (!assumed.empty())
      basis += fmt::format("{}{} {}", basis.empty() ? "from" : ",", own.empty() ? " the usual" : " assuming",
                           fmt::join(assumed, " and "));
    if (!f.figures[i]) {
      r.derivation = fmt::format("{}: not found; {} it is {}", e.title, basis, r.expected);
      f.results.push_back(r);
      continue;
    }
    const StatedValue& s = *f.figures[i];
    r.stated = show(s.value, e.unit);
    r.line = s.line;
    r.ratio = q::ratio(s.value, expected);
    double credit = credit_for_ratio(r.ratio);
    double vs_default = credit_for_ratio(q::ratio(s.value, *expected_default[i]));
    r.credit = std::max(credit, vs_default);
    std::string verdict = !std::isfinite(r.ratio) ? "in different units"
                          : r.ratio <= 1.25       ? "right"
                                                  : fmt::format("off by {:.1f}x", r.ratio);
    r.derivation = fmt::format("{}: you wrote {} (line {}); {} that is {} ({})", e.title, r.stated, s.line,
                               basis, r.expected, verdict);
    f.results.push_back(r);
  }
  return f;
}

CheckResult run_estimate_check(const pack::Check& check, const CheckContext& ctx) {
  CheckResult r;
  const auto& estimates = ctx.pack.content().estimates;
  for (std::size_t i = 0; i < estimates.size(); ++i) {
    if (estimates[i].id != check.estimate) continue;
    const EstimateResult& e = ctx.estimates.results[i];
    set_score(r, e.credit);
    r.feedback = e.derivation;
    if (e.line > 0) r.evidence.push_back({e.line, ctx.estimates.figures[i]->sentence});
    if (r.status != Status::Pass) r.suggestion = check.feedback;
    return r;
  }
  r.status = Status::Error;
  r.feedback = fmt::format("{}:{}: check '{}' names estimate '{}', which the pack does not declare",
                           check.where.file, check.where.line, check.id, check.estimate);
  return r;
}

}  // namespace sdi::grade
