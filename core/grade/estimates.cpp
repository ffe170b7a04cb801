#include "grade/estimates.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <span>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "grade/check_context.hpp"
#include "grade/estimate_cues.hpp"
#include "grade/id_index.hpp"
#include "grade/match_tokens.hpp"
#include "grade/phrase_stems_cache.hpp"
#include "grade/vocabulary.hpp"
#include "quantity/formula.hpp"
#include "text/string_hash.hpp"

namespace sdi::grade {

namespace q = sdi::quantity;
using namespace std::string_view_literals;

namespace {

struct NamePhrase {
  bool estimate;  // whether the owner is an estimate or an assumption
  int owner;      // its index
  std::vector<std::string> stems;
  std::vector<vocabulary::Id> ids;  // of the stems, interned
};

// Seconds in the time unit of a display unit such as "GB/day" (0 when it has none).
double period_of(const std::string& unit) {
  std::size_t slash = unit.find('/');
  if (slash == std::string::npos) return 0;
  q::Result r = q::parse("1 " + unit.substr(slash + 1));
  if (!r.ok() || r.value.unit.time != 1) return 0;
  return r.value.value;
}

std::string lower_first(std::string s) {
  // Keep acronyms ("DAU", "QPS") as they are.
  if (s.size() > 1 && std::isupper(static_cast<unsigned char>(s[0])) &&
      !std::isupper(static_cast<unsigned char>(s[1])))
    s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

std::optional<q::Quantity> parse_value(const std::string& text, q::Expect expect = q::Expect::Any) {
  if (text.empty()) return std::nullopt;
  q::Result r = q::parse(text, expect);
  if (!r.ok()) return std::nullopt;
  return r.value;
}

// `v` in the display unit when it has one and converts to it.
std::string show(const q::Quantity& v, const std::optional<q::UnitSpec>& unit = std::nullopt) {
  if (unit) {
    if (std::optional<q::Quantity> c = q::convert(v, *unit)) return q::format(*c, {false, false});
  }
  return q::format(v, {false, false});
}

// Appends the texts `text_of` gives for `items` (skipping those it gives none for), joined by
// " and ": a derivation's list of assumptions, built without a list of copies.
template <typename TextOf>
void append_joined(std::string& out, const std::vector<std::size_t>& items, TextOf text_of) {
  bool first = true;
  for (std::size_t item : items) {
    const std::string* text = text_of(item);
    if (!text) continue;
    if (!first) out += std::string_view(" and ");
    out += *text;
    first = false;
  }
}

// What an owner (an assumption or an estimate) accepts as its figure.
struct Expectation {
  std::optional<q::Unit> unit;  // the dimension of the default or of the formula's result
  bool fraction = false;        // a share written as a percentage ("70%")
  double period = 0;            // seconds of the display unit's time ("GB/day"): a total of
                                // bytes stated under a "per day" name is read per that period
};

// One way a stated value could be attached to a name; assigned greedily, best first.
struct Candidate {
  int owner;
  int outside;      // 1 when the figure is outside the answer's estimation step
  int specificity;  // stems in the name that matched
  int block;
  std::size_t mention;  // index into the block's mentions
  int distance;         // bytes between the name and the figure
};

// A name as listed under its first stem: its length and second stem turn most candidates away
// without reading the name itself.
struct NameStart {
  std::uint32_t name;     // index into NameIndex::names
  std::uint32_t length;   // stems
  vocabulary::Id second;  // the second stem's id, when there is one
};

// The names starting with one stem, in the pack's order.
struct NamesFrom {
  std::vector<NameStart> all;
  // A common first stem ("peak", "storage") starts many names, and the next word's stem turns
  // most away: the names of one stem among them, and for each second stem of the others, those
  // with it and the names of one stem, in the pack's order.
  std::vector<NameStart> single;
  std::vector<std::pair<vocabulary::Id, std::vector<NameStart>>> by_second;

  // The names that may match where the next word's stem is `next` (kNone when not known).
  const std::vector<NameStart>& for_next(vocabulary::Id next) const {
    if (next == vocabulary::kNone) return all;
    for (const auto& [second, names] : by_second)
      if (second == next) return names;
    return single;
  }
};

// Every owner's names, looked up by their first stem.
struct NameIndex {
  std::vector<NamePhrase> names;
  std::vector<NamesFrom> first_lists;  // one per first stem
  // The lists by the id of their first stem: the stems are interned, so a token whose stem is one
  // of them carries its id. Tokens made before the model was may carry none: those are looked up
  // by their stem.
  IdIndex by_first_id;
  std::unordered_map<std::string, std::uint32_t, text::StringHash, std::equal_to<>> by_first;
  // A bit per vocabulary id up to the largest first stem's: set for the ids that start a name.
  // Most words of an answer start none, and this tells so without a probe.
  std::vector<std::uint64_t> first_id_bits;

  bool may_start_id(vocabulary::Id id) const {
    std::size_t word = id / 64;
    return word < first_id_bits.size() && (first_id_bits[word] >> (id % 64) & 1) != 0;
  }

  const NamesFrom* starting_with(const MatchToken& t) const {
    if (t.stem_id != vocabulary::kNone) {
      if (!may_start_id(t.stem_id)) return nullptr;
      const std::uint32_t* at = by_first_id.find(t.stem_id);
      return at ? &first_lists[*at] : nullptr;
    }
    if (!may_start(t.stem)) return nullptr;
    auto first = by_first.find(t.stem);
    return first == by_first.end() ? nullptr : &first_lists[first->second];
  }
  // Whether a token is the name's stem `k`.
  static bool same_stem(const MatchToken& t, const NamePhrase& name, std::size_t k) {
    return t.stem_id != vocabulary::kNone ? t.stem_id == name.ids[k] : t.stem == name.stems[k];
  }
  // For each length of a first stem (the last slot for any longer), a bit per low five bits of
  // its first byte: most words of an answer start no name, and this tells so without hashing.
  std::array<std::uint32_t, 16> first_bytes{};

  static std::pair<std::size_t, std::uint32_t> slot(std::string_view stem) {
    return {std::min<std::size_t>(stem.size(), 15),
            std::uint32_t{1} << (static_cast<unsigned char>(stem[0]) & 31)};
  }
  void add_first(std::string_view stem) {
    auto [len, bit] = slot(stem);
    first_bytes[len] |= bit;
  }
  bool may_start(std::string_view stem) const {
    if (stem.empty()) return by_first.count(std::string()) > 0;
    auto [len, bit] = slot(stem);
    return (first_bytes[len] & bit) != 0;
  }
};

// The names of the assumptions and of the estimates in one index: an answer's words are looked
// up once for both. Their stems come through the start-up cache under `kind` (one per pack): a
// pack's names are the same at every start.
NameIndex compile_names(const std::vector<pack::Assumption>& assumptions,
                        const std::vector<pack::Estimate>& estimates, const std::string& kind) {
  std::vector<std::string_view> phrases;
  for (const auto& a : assumptions) phrases.insert(phrases.end(), a.names.begin(), a.names.end());
  for (const auto& e : estimates) phrases.insert(phrases.end(), e.names.begin(), e.names.end());
  std::vector<std::vector<std::string>> all_stems = cached_phrase_stems(kind, phrases);
  std::size_t next_phrase = 0;
  NameIndex out;
  std::size_t stem_count = 0;
  for (const auto& stems : all_stems) stem_count += stems.size();
  {
    // Every stem interned under one hold of the vocabulary, rather than one per name.
    vocabulary::Batch batch(stem_count);
    auto add = [&](bool estimate, int owner, const std::vector<std::string>& names) {
      for (std::size_t k = 0; k < names.size(); ++k) {
        std::vector<std::string> stems = std::move(all_stems[next_phrase++]);
        if (stems.empty()) continue;
        if (!stems.front().empty()) out.add_first(stems.front());
        std::vector<vocabulary::Id> ids;
        ids.reserve(stems.size());
        for (const std::string& stem : stems) ids.push_back(batch.intern(stem));
        auto [first, added] = out.by_first.try_emplace(
            stems.front(), static_cast<std::uint32_t>(out.first_lists.size()));
        if (added) out.first_lists.emplace_back();
        out.first_lists[first->second].all.push_back({static_cast<std::uint32_t>(out.names.size()),
                                                      static_cast<std::uint32_t>(stems.size()),
                                                      ids.size() > 1 ? ids[1] : vocabulary::kNone});
        out.names.push_back({estimate, owner, std::move(stems), std::move(ids)});
      }
    };
    for (std::size_t i = 0; i < assumptions.size(); ++i)
      add(false, static_cast<int>(i), assumptions[i].names);
    for (std::size_t i = 0; i < estimates.size(); ++i)
      add(true, static_cast<int>(i), estimates[i].names);
  }
  for (NamesFrom& list : out.first_lists) {
    for (const NameStart& start : list.all) {
      if (start.length == 1) {
        list.single.push_back(start);
        continue;
      }
      auto known = [&](const auto& group) { return group.first == start.second; };
      if (std::find_if(list.by_second.begin(), list.by_second.end(), known) != list.by_second.end())
        continue;
      std::vector<NameStart> names;
      for (const NameStart& other : list.all)
        if (other.length == 1 || other.second == start.second) names.push_back(other);
      list.by_second.emplace_back(start.second, std::move(names));
    }
  }
  std::vector<std::pair<vocabulary::Id, std::uint32_t>> entries;
  for (std::size_t i = 0; i < out.first_lists.size(); ++i)
    entries.emplace_back(out.names[out.first_lists[i].all.front().name].ids.front(),
                         static_cast<std::uint32_t>(i));
  for (const auto& [id, list] : entries) {
    if (id / 64 >= out.first_id_bits.size()) out.first_id_bits.resize(id / 64 + 1);
    out.first_id_bits[id / 64] |= std::uint64_t{1} << (id % 64);
  }
  out.by_first_id = IdIndex(entries);
  return out;
}

bool is_multiplier(const q::Mention& m) {
  std::string_view raw = m.raw;
  while (!raw.empty() && raw.back() == ' ') raw.remove_suffix(1);
  return !raw.empty() && (raw.back() == 'x' || raw.back() == 'X' || raw.ends_with("\xC3\x97"));
}

bool is_percent(const q::Mention& m) {
  return m.raw.find('%') != std::string::npos || m.raw.find("percent") != std::string::npos;
}

// What the owners ask of a mention again and again, read from its text once.
struct MentionTraits {
  bool factor = false;      // inside an arithmetic chain: an assumption only
  bool percent = false;     // written as a percentage
  bool multiplier = false;  // written as a factor ("peak 2x")
};

// How a mention can stand for an owner's figure.
enum class Fit {
  None,       // it cannot
  AsStated,   // with its own value
  TakesUnit,  // a bare number, in the owner's unit
  PerPeriod,  // a computed total, per the period of the owner's name
};

Fit fit(const q::Mention& m, const MentionTraits& t, const Expectation& e) {
  const q::Quantity& v = m.quantity;
  if (!e.unit) return Fit::AsStated;
  const q::Unit& want = *e.unit;
  if (e.fraction) {
    if (!t.percent && !(v.unit.dimensionless() && v.value > 0 && v.value <= 1)) return Fit::None;
    return Fit::AsStated;
  }
  if (t.percent && want.dimensionless()) return Fit::None;
  if (v.unit.dimensionless()) {
    // A bare number may be a count or a rate ("write QPS: 4.6K"), never bytes or a duration,
    // and never a multiplier ("peak 2x").
    if (want.bytes != 0 || want.time > 0 || t.multiplier || t.percent) return Fit::None;
    return Fit::TakesUnit;
  }
  if (q::same_dimension(v.unit, want)) return Fit::AsStated;
  // "Storage per day = 2B x 100 bytes = 200 GB": a computed total under a per-period name.
  if (e.period > 0 && m.is_result && v.unit.bytes == want.bytes && v.unit.time == 0 &&
      want.time == -1)
    return Fit::PerPeriod;
  return Fit::None;
}

// The value a mention stands for as an owner's figure, when it can be one.
std::optional<q::Quantity> accept(const q::Mention& m, const MentionTraits& t,
                                  const Expectation& e) {
  switch (fit(m, t, e)) {
    case Fit::None:
      return std::nullopt;
    case Fit::AsStated:
      return m.quantity;
    case Fit::TakesUnit: {
      q::Quantity v = m.quantity;
      q::Tag noun = v.unit.noun;
      v.unit = *e.unit;
      if (!noun.empty()) v.unit.noun = noun;
      return v;
    }
    case Fit::PerPeriod:
      return q::divide(m.quantity, q::Quantity::seconds(e.period));
  }
  return std::nullopt;
}

// The mentions of one block: everything the scanner saw, plus the factors inside each arithmetic
// chain ("250M x 100 bytes per entry = 25 GB" states 100 bytes per entry too), flagged in
// `traits` so they serve as assumptions only. A block naming no assumption has no use for them
// (`with_factors` false): estimates never take a factor, and a factor changes none of their
// tests, lying inside its chain (words inside a figure) and never being a result (a later
// result in the clause).
// Only the lines overlapping `near` need to be read.
std::vector<q::Mention> mentions_of(const std::string& text, std::span<const q::TextRange> near,
                                    bool with_factors, std::vector<MentionTraits>& traits) {
  q::ScanOptions options;
  options.readings = false;  // figures are matched by value, never shown as read
  options.labels = false;    // and by the names the pack gives, not by the answer's labels
  options.near = near;
  options.known_to_hold = true;  // find_estimates reads only blocks that may hold a figure
  std::vector<q::Mention> out = q::scan(text, options);
  options.near = {};
  options.known_to_hold = false;
  std::size_t n = out.size();
  for (std::size_t i = 0; i < n && with_factors; ++i) {
    if (!out[i].is_expression) continue;
    std::string inner = out[i].raw;
    for (std::size_t k = 0; k < inner.size(); ++k) {
      char c = inner[k];
      if (c == '*' || c == '/' || c == '(' || c == ')' || c == '+' || c == '=') inner[k] = ',';
      if ((c == 'x' || c == 'X') && (k == 0 || inner[k - 1] == ' ') &&
          (k + 1 == inner.size() || inner[k + 1] == ' '))
        inner[k] = ',';
      if (static_cast<unsigned char>(c) == 0xC3 && k + 1 < inner.size() &&
          static_cast<unsigned char>(inner[k + 1]) == 0x97) {
        inner[k] = ',';
        inner[k + 1] = ' ';
      }
    }
    std::size_t base =
        out[i].offset + std::string_view(text).substr(out[i].offset).find(out[i].raw);
    if (base < out[i].offset) base = out[i].offset;
    std::vector<q::Mention> parts = q::scan(inner, options);
    for (q::Mention& part : parts) {
      if (part.is_expression) continue;
      part.offset += base;
      part.is_result = false;
      out.push_back(std::move(part));
    }
  }
  // The scanner reports in order of offset: only the factors need sorting in.
  auto by_offset = [](const q::Mention& x, const q::Mention& y) { return x.offset < y.offset; };
  auto read_traits = [&](const std::vector<q::Mention>& ms) {
    for (std::size_t i = 0; i < ms.size(); ++i) {
      traits[i].percent = is_percent(ms[i]);
      traits[i].multiplier = is_multiplier(ms[i]);
    }
  };
  if (out.size() == n && std::is_sorted(out.begin(), out.end(), by_offset)) {
    traits.assign(n, {});
    read_traits(out);
    return out;
  }
  std::vector<std::size_t> order(out.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return out[a].offset < out[b].offset; });
  std::vector<q::Mention> sorted;
  sorted.reserve(out.size());
  traits.clear();
  for (std::size_t i : order) {
    sorted.push_back(std::move(out[i]));
    traits.push_back({.factor = i >= n});
  }
  read_traits(sorted);
  return sorted;
}

// Which figures the candidate sets aside, worked out for a figure when first asked: most figures
// stand by no name, and no one asks.
class SetAside {
 public:
  SetAside(const text::Document& doc, const std::vector<std::vector<q::Mention>>& mentions)
      : doc_(doc), mentions_(mentions), first_(mentions.size() + 1, 0) {
    for (std::size_t bi = 0; bi < mentions.size(); ++bi)
      first_[bi + 1] = first_[bi] + mentions[bi].size();
    known_.assign(first_.back(), -1);
  }
  bool operator()(std::size_t bi, std::size_t mi) {
    std::int8_t& k = known_[first_[bi] + mi];
    if (k < 0) k = set_aside_by_cue(doc_.blocks[bi].text, mentions_[bi][mi].offset) ? 1 : 0;
    return k == 1;
  }

 private:
  const text::Document& doc_;
  const std::vector<std::vector<q::Mention>>& mentions_;
  std::vector<std::size_t> first_;  // per block: where its mentions start in `known_`
  std::vector<std::int8_t> known_;  // per mention of every block: -1 not yet asked
};

bool clause_between(std::string_view text, std::size_t from, std::size_t to) {
  if (to <= from || to > text.size()) return false;
  return text.substr(from, to - from).find_first_of(",;") != std::string_view::npos;
}

// A name found in a block, and the sentence it is in: only figures in that sentence may be its.
struct Occurrence {
  const NamePhrase* name;
  std::size_t begin, end;          // of the name
  std::size_t own_begin, own_end;  // of its sentence (the whole block when in none)
};

// Each block's sentences, as a range of the analysis's, which lists them block by block.
std::vector<std::pair<std::size_t, std::size_t>> sentences_by_block(const Analysis& a) {
  std::vector<std::pair<std::size_t, std::size_t>> out(a.tokens.size(), {0, 0});
  for (std::size_t si = 0; si < a.sentences.size(); ++si) {
    auto& range = out[static_cast<std::size_t>(a.sentences[si].block)];
    if (range.first == range.second) range.first = si;
    range.second = si + 1;
  }
  return out;
}

// The names of one kind (assumptions or estimates) found in an answer: one list for all blocks,
// each block's a run of it, so a block costs no list of its own.
struct NamesByBlock {
  std::vector<Occurrence> all;
  std::vector<std::pair<std::size_t, std::size_t>> runs;  // per block: [first, end) in `all`

  explicit NamesByBlock(std::size_t blocks) : runs(blocks, {0, 0}) {}
  std::span<const Occurrence> in(std::size_t bi) const {
    return std::span(all).subspan(runs[bi].first, runs[bi].second - runs[bi].first);
  }
};

// A name inside a longer one of the same kind is part of it ("storage" in "storage per day"):
// drops those from `occurrences` from `from` on, in place (most blocks have none).
void keep_outermost(std::vector<Occurrence>& occurrences, std::size_t from) {
  auto covered = [&](const Occurrence& o) {
    for (std::size_t k = from; k < occurrences.size(); ++k) {
      const Occurrence& other = occurrences[k];
      if (&other != &o && other.begin <= o.begin && other.end >= o.end &&
          other.name->stems.size() > o.name->stems.size())
        return true;
    }
    return false;
  };
  std::size_t first = from;
  while (first < occurrences.size() && !covered(occurrences[first])) ++first;
  if (first == occurrences.size()) return;
  // A name covered stays covered by the longer one whether or not that one is kept: judge all
  // against the list as found, then drop.
  std::vector<bool> drop(occurrences.size());
  for (std::size_t i = first; i < occurrences.size(); ++i) drop[i] = covered(occurrences[i]);
  std::size_t kept = first;
  for (std::size_t i = first; i < occurrences.size(); ++i)
    if (!drop[i]) occurrences[kept++] = occurrences[i];
  occurrences.resize(kept);
}

// Every occurrence of the index's names in block `bi`, but names inside longer ones, appended to
// `assumptions` and `estimates` as the block's runs.
void names_in(const Analysis& a, std::size_t bi,
              std::pair<std::size_t, std::size_t> block_sentences, const NameIndex& index,
              NamesByBlock& assumptions, NamesByBlock& estimates) {
  // A view of its own: its size stays in a register while occurrences are added.
  const std::span<const MatchToken> toks = a.tokens[bi];
  const std::size_t assumptions_from = assumptions.all.size();
  const std::size_t estimates_from = estimates.all.size();
  for (std::size_t ti = 0; ti < toks.size(); ++ti) {
    const NamesFrom* first = index.starting_with(toks[ti]);
    if (!first) continue;
    const std::size_t words_left = toks.size() - ti;
    // A next word with an id is a name's second stem only by that id.
    const vocabulary::Id next = words_left > 1 ? toks[ti + 1].stem_id : vocabulary::kNone;
    for (const NameStart& start : first->for_next(next)) {
      if (start.length > words_left) continue;
      if (start.length > 1 && next != vocabulary::kNone && next != start.second) continue;
      const NamePhrase& name = index.names[start.name];
      bool ok = true;  // the first stem is the one looked up
      for (std::size_t k = 1; k < start.length && ok; ++k)
        ok = NameIndex::same_stem(toks[ti + k], name, k);
      if (!ok) continue;
      const MatchToken& last = toks[ti + start.length - 1];
      (name.estimate ? estimates : assumptions)
          .all.push_back({&name, toks[ti].offset, last.offset + last.original.size(), 0, 0});
    }
  }
  for (auto [names, from] :
       {std::pair{&assumptions, assumptions_from}, {&estimates, estimates_from}}) {
    std::vector<Occurrence>& occurrences = names->all;
    keep_outermost(occurrences, from);
    names->runs[bi] = {from, occurrences.size()};
    // The occurrences are in the order of the text, and so are the block's sentences, one after
    // another: each sentence is passed once.
    std::size_t si = block_sentences.first;
    for (std::size_t k = from; k < occurrences.size(); ++k) {
      Occurrence& o = occurrences[k];
      while (si < block_sentences.second && a.sentences[si].end <= o.begin) ++si;
      const bool in_one = si < block_sentences.second && a.sentences[si].begin <= o.begin;
      o.own_begin = in_one ? a.sentences[si].begin : 0;
      o.own_end = in_one ? a.sentences[si].end : a.doc->blocks[bi].text.size();
    }
  }
}

// Finds, for each owner, the figure the candidate attached to one of its names: in the name's
// own sentence, preferring the answer's estimation step, then where it is first stated, then the
// nearest figure, then the most specific name.
std::vector<std::optional<StatedValue>> find_stated(
    const Analysis& a, const std::vector<std::vector<q::Mention>>& mentions,
    const std::vector<std::vector<MentionTraits>>& traits, SetAside& set_aside,
    const NamesByBlock& block_occurrences, std::size_t owners,
    const std::vector<Expectation>& expect, bool prefer_results, int estimation_step) {
  std::vector<Candidate> candidates;
  for (std::size_t bi = 0; bi < block_occurrences.runs.size(); ++bi) {
    const auto& ms = mentions[bi];
    if (ms.empty()) continue;
    const std::string_view text = a.doc->blocks[bi].text;
    int outside =
        estimation_step >= 0 && a.step_of_block(static_cast<int>(bi)) != estimation_step ? 1 : 0;
    // Every name occurrence in the block first: a figure belongs to the nearest name, so a
    // figure with another owner's name between it and this one is not this one's.
    const std::span<const Occurrence> occurrences = block_occurrences.in(bi);
    // Words inside a figure are its unit ("20 TB per day"), not a name that ends the clause.
    auto inside_figure = [&](std::size_t at) {
      for (const auto& m : ms)
        if (at > m.offset && at < m.offset + m.length) return true;
      return false;
    };
    // Another name at least as specific as this one takes the figures after it, unless both
    // belong to one label ("Ingest bandwidth at peak = 1.7 GB/s").
    auto other_name_between = [&](const NamePhrase& name, std::size_t from, std::size_t to) {
      for (const auto& o : occurrences) {
        if (o.name->owner == name.owner || o.name->stems.size() < name.stems.size() ||
            o.begin < from || o.begin >= to || inside_figure(o.begin))
          continue;
        std::string_view gap(text.data() + from, o.begin - from);
        if (gap.find_first_of("=:,;0123456789") != std::string_view::npos) return true;
      }
      return false;
    };
    for (const auto& occ : occurrences) {
      {
        const NamePhrase& name = *occ.name;
        std::size_t name_begin = occ.begin;
        std::size_t name_end = occ.end;
        std::size_t own_begin = occ.own_begin, own_end = occ.own_end;
        const Expectation& e = expect[name.owner];
        // The mentions are in order of offset: those of the name's sentence are a run of them.
        auto first = std::partition_point(
            ms.begin(), ms.end(), [&](const q::Mention& m) { return m.offset < own_begin; });
        for (auto mi = static_cast<std::size_t>(first - ms.begin());
             mi < ms.size() && ms[mi].offset < own_end; ++mi) {
          const q::Mention& m = ms[mi];
          const MentionTraits& t = traits[bi][mi];
          // A figure starting inside the name is part of it ("80/20"); one that runs into the
          // name is attached to it ("500 bytes per record").
          if (m.offset >= name_begin && m.offset < name_end) continue;
          // An assumption is a plain figure the candidate chose, not a computed one.
          if (!prefer_results && (m.is_expression || m.is_result)) continue;
          if (prefer_results && m.is_expression && !m.is_result) continue;
          if (t.factor && prefer_results) continue;  // an estimate is a result, not a factor
          if (fit(m, t, e) == Fit::None) continue;
          std::size_t m_end = m.offset + m.length;
          // A figure belongs to a name in its own clause: before the name with nothing between
          // ("200M DAU"), or after it up to the next semicolon ("write QPS, at peak, = 80/s").
          if (m_end <= name_begin && (text.substr(m_end, name_begin - m_end).find_first_of(",;:") !=
                                          std::string_view::npos ||
                                      other_name_between(name, m_end, name_begin)))
            continue;
          if (m.offset >= name_end && other_name_between(name, name_end, m.offset)) continue;
          // A figure running into the name ("40 writes per second") belongs to it most surely;
          // one after it ("write QPS = 40/s") next; one before it ("200M DAU") a little less.
          int distance = m.offset >= name_end ? static_cast<int>(m.offset - name_end)
                         : m_end > name_begin ? 0
                                              : static_cast<int>(name_begin - m_end) * 2 + 10;
          if (prefer_results && m.offset >= name_end) {
            // The figure after "=" in the same clause is the answer, not the factors before it.
            bool later_result = false;
            for (std::size_t mj = mi + 1; mj < ms.size(); ++mj) {
              if (ms[mj].offset >= own_end ||
                  clause_between(text, m.offset + m.length, ms[mj].offset))
                break;
              if (ms[mj].is_result && fit(ms[mj], traits[bi][mj], e) != Fit::None)
                later_result = true;
            }
            if (later_result) continue;
            if (m.is_expression) distance += 200;
          }
          // Asked last, of the few figures that pass all else: reading the words before costs most.
          if (set_aside(bi, mi)) continue;
          candidates.push_back({name.owner, outside, static_cast<int>(name.stems.size()),
                                static_cast<int>(bi), mi, distance});
        }
      }
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
    if (x.outside != y.outside) return x.outside < y.outside;
    if (x.block != y.block) return x.block < y.block;
    if (x.distance != y.distance) return x.distance < y.distance;
    return x.specificity > y.specificity;
  });
  std::vector<std::optional<StatedValue>> out(owners);
  // The mentions owners took already (block, mention): one per owner at most, a short list.
  std::vector<std::pair<int, std::size_t>> used;
  for (const auto& c : candidates) {
    if (out[c.owner]) continue;
    std::pair<int, std::size_t> at{c.block, c.mention};
    if (std::find(used.begin(), used.end(), at) != used.end()) continue;
    const q::Mention& m = mentions[c.block][c.mention];
    // The value as accepted for this owner (units adopted, totals made per period).
    StatedValue v;
    v.value = accept(m, traits[c.block][c.mention], expect[c.owner]).value_or(m.quantity);
    v.raw = m.raw;
    v.line = a.doc->blocks[c.block].line_at(m.offset);
    v.sentence = a.doc->blocks[c.block].text;
    out[c.owner] = std::move(v);
    used.push_back(at);
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

// What the pack's assumptions and estimates expect, the same for every answer.
struct EstimateModel::Data {
  std::vector<std::optional<q::Quantity>> defaults;   // per assumption
  std::vector<std::optional<q::Quantity>> low, high;  // per assumption: plausible bounds
  std::vector<Expectation> assumption_expect;
  std::vector<q::Formula> formulas;                          // per estimate, lexed once
  std::vector<std::optional<q::Quantity>> expected_default;  // per estimate, from the defaults
  std::vector<Expectation> estimate_expect;
  std::vector<std::optional<q::UnitSpec>> display_unit;  // per estimate, parsed once
  // Per estimate, its value from the defaults as shown: what most answers are told to expect.
  std::vector<std::string> expected_default_shown;
  NameIndex names;  // of the assumptions and the estimates
  // Per estimate, the assumptions its formula names, in the pack's order.
  std::vector<std::vector<std::size_t>> inputs;
  // Per assumption: what it is ("daily active users") and how the usual value reads in a
  // derivation ("100M (daily active users)").
  std::vector<std::string> what, usual;
};

EstimateModel::EstimateModel(const pack::LoadedPack& pack) : data_(std::make_unique<Data>()) {
  const auto& assumptions = pack.content().assumptions;
  const auto& estimates = pack.content().estimates;
  Data& d = *data_;
  d.defaults.resize(assumptions.size());
  d.assumption_expect.resize(assumptions.size());
  for (std::size_t i = 0; i < assumptions.size(); ++i) {
    d.defaults[i] = parse_value(assumptions[i].default_value);
    if (d.defaults[i]) d.assumption_expect[i].unit = d.defaults[i]->unit;
    d.assumption_expect[i].fraction = assumptions[i].default_value.find('%') != std::string::npos;
    // The bounds read the way the default does ("10B /month" of URLs is a count, not bytes).
    q::Expect expect =
        d.defaults[i] && d.defaults[i]->unit.bytes != 0 ? q::Expect::Bytes : q::Expect::Count;
    d.low.push_back(parse_value(assumptions[i].low, expect));
    d.high.push_back(parse_value(assumptions[i].high, expect));
  }
  d.names = compile_names(assumptions, estimates, "estimate names " + pack.manifest().id);
  auto defaults = [&](std::string_view id) -> std::optional<q::Quantity> {
    for (std::size_t i = 0; i < assumptions.size(); ++i)
      if (assumptions[i].id == id) return d.defaults[i];
    return std::nullopt;
  };
  d.expected_default.resize(estimates.size());
  d.estimate_expect.resize(estimates.size());
  for (std::size_t i = 0; i < estimates.size(); ++i) {
    d.formulas.emplace_back(estimates[i].formula);
    if (std::optional<q::Quantity> v = d.formulas[i].value(defaults)) {
      d.expected_default[i] = v;
      d.estimate_expect[i].unit = v->unit;
      d.estimate_expect[i].period = period_of(estimates[i].unit);
    }
    d.display_unit.push_back(estimates[i].unit.empty() ? std::nullopt
                                                       : q::parse_unit_spec(estimates[i].unit));
    d.expected_default_shown.push_back(
        d.expected_default[i] ? show(*d.expected_default[i], d.display_unit[i]) : std::string());
  }
  for (const auto& a : assumptions) {
    d.what.push_back(lower_first(a.title));
    d.usual.push_back(fmt::format("{} ({})", a.default_value, d.what.back()));
  }
  d.inputs.resize(estimates.size());
  for (std::size_t i = 0; i < estimates.size(); ++i)
    for (std::size_t ai = 0; ai < assumptions.size(); ++ai)
      if (estimates[i].formula.find(assumptions[ai].id) != std::string::npos)
        d.inputs[i].push_back(ai);
}

EstimateModel::~EstimateModel() = default;

EstimateFindings find_estimates(const Analysis& a, const pack::LoadedPack& pack) {
  return find_estimates(a, pack, EstimateModel(pack));
}

EstimateFindings find_estimates(const Analysis& a, const pack::LoadedPack& pack,
                                const EstimateModel& model) {
  EstimateFindings f;
  const auto& assumptions = pack.content().assumptions;
  const auto& estimates = pack.content().estimates;
  if (estimates.empty() && assumptions.empty()) return f;
  const EstimateModel::Data& d = *model.data_;
  const auto& defaults = d.defaults;

  // A figure is only ever attached to a name in its sentence: only blocks with names are scanned,
  // and of those only the lines of the names' sentences.
  std::size_t blocks = a.doc->blocks.size();
  NamesByBlock assumption_names(blocks), estimate_names(blocks);
  std::vector<std::vector<q::Mention>> mentions(blocks);
  std::vector<std::vector<MentionTraits>> traits(blocks);
  std::vector<std::pair<std::size_t, std::size_t>> block_sentences = sentences_by_block(a);
  std::vector<q::TextRange> near;
  for (std::size_t bi = 0; bi < blocks; ++bi) {
    const text::Block& b = a.doc->blocks[bi];
    if (a.placeholder[bi] || b.kind == text::BlockKind::Heading || b.info == "mermaid") continue;
    if (!q::may_hold_quantity(b.text)) continue;
    names_in(a, bi, block_sentences[bi], d.names, assumption_names, estimate_names);
    near.clear();
    for (const auto* names : {&assumption_names, &estimate_names})
      for (const Occurrence& o : names->in(bi)) near.push_back({o.own_begin, o.own_end});
    if (near.empty()) continue;
    mentions[bi] = mentions_of(b.text, near, !assumption_names.in(bi).empty(), traits[bi]);
  }

  // Figures in the answer's estimation step are preferred over the same names elsewhere.
  int estimation_step = -1;
  if (const pack::Template* t = a.tpl) {
    int step = t->step_for_facet("estimation");
    for (std::size_t si = 0; si < a.section_step.size(); ++si)
      if (a.section_step[si] == step) estimation_step = step;
  }
  SetAside set_aside(*a.doc, mentions);
  f.assumptions = find_stated(a, mentions, traits, set_aside, assumption_names, assumptions.size(),
                              d.assumption_expect, false, estimation_step);

  // Plausibility of what the candidate assumed.
  std::vector<bool> plausible(assumptions.size(), true);
  for (std::size_t i = 0; i < assumptions.size(); ++i) {
    if (!f.assumptions[i]) continue;
    const auto& lo = d.low[i];
    const auto& hi = d.high[i];
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

  // The candidate's own plausible assumptions, the pack's defaults for the rest: made once for
  // every formula of the answer.
  const q::Resolver own_or_default = [&](std::string_view id) -> std::optional<q::Quantity> {
    for (std::size_t i = 0; i < assumptions.size(); ++i) {
      if (assumptions[i].id != id) continue;
      if (f.assumptions[i] && plausible[i]) return f.assumptions[i]->value;
      return defaults[i];
    }
    return std::nullopt;
  };

  // How each of the candidate's own assumptions reads in a derivation ("150M (daily active
  // users)"), worked out when first needed: most feed several estimates.
  std::vector<std::string> own_readings(assumptions.size());
  auto own_reading = [&](std::size_t ai) -> const std::string& {
    std::string& reading = own_readings[ai];
    if (reading.empty()) {
      reading = show(f.assumptions[ai]->value);
      reading.append(" ("sv).append(d.what[ai]).append(")"sv);
    }
    return reading;
  };

  const auto& expected_default = d.expected_default;
  f.figures = find_stated(a, mentions, traits, set_aside, estimate_names, estimates.size(),
                          d.estimate_expect, true, estimation_step);

  for (std::size_t i = 0; i < estimates.size(); ++i) {
    const pack::Estimate& e = estimates[i];
    EstimateResult r;
    r.id = e.id;
    r.title = e.title;
    if (!expected_default[i]) {
      r.derivation =
          fmt::format("{}: the pack's formula '{}' cannot be evaluated", e.title, e.formula);
      f.results.push_back(std::move(r));
      continue;
    }
    // Which of the candidate's own assumptions feed this formula: "from your 150M (daily active
    // users), assuming 2 (writes per user per day)", or "from the usual ..." when none do.
    std::size_t own = 0, assumed = 0;
    for (std::size_t ai : d.inputs[i]) ++(f.assumptions[ai] && plausible[ai] ? own : assumed);
    std::string basis;
    if (own > 0) {
      basis = "from your "sv;
      append_joined(basis, d.inputs[i], [&](std::size_t ai) -> const std::string* {
        return f.assumptions[ai] && plausible[ai] ? &own_reading(ai) : nullptr;
      });
    }
    if (assumed > 0) {
      basis += own > 0 ? ", assuming "sv : "from the usual "sv;
      append_joined(basis, d.inputs[i], [&](std::size_t ai) -> const std::string* {
        return f.assumptions[ai] && plausible[ai] ? nullptr : &d.usual[ai];
      });
    }
    // Without any of the candidate's own assumptions the formula reads the pack's defaults, which
    // the model evaluated already.
    q::Quantity expected = *expected_default[i];
    std::optional<q::Quantity> mine;
    if (own > 0) mine = d.formulas[i].value(own_or_default);
    if (mine) {
      expected = *mine;
      r.expected = show(expected, d.display_unit[i]);
    } else {
      r.expected = d.expected_default_shown[i];
    }
    // Room for the pieces and the words between them: the derivation grows without regrowing.
    r.derivation.reserve(e.title.size() + basis.size() + 2 * r.expected.size() + 64);
    if (!f.figures[i]) {
      r.derivation.append(e.title).append(": not found; "sv).append(basis).append(" it is "sv);
      r.derivation.append(r.expected);
      f.results.push_back(std::move(r));
      continue;
    }
    const StatedValue& s = *f.figures[i];
    r.stated = show(s.value, d.display_unit[i]);
    r.line = s.line;
    r.ratio = q::ratio(s.value, expected);
    // Consistency with the candidate's own assumptions is what counts; a figure that matches the
    // usual numbers but not the candidate's own stated ones keeps most, not all, of the credit.
    double credit = credit_for_ratio(r.ratio);
    double vs_default = credit_for_ratio(q::ratio(s.value, *expected_default[i]));
    r.credit = own == 0 ? credit : std::max(credit, 0.75 * vs_default);
    std::string verdict = !std::isfinite(r.ratio) ? "in different units"
                          : r.ratio <= 1.25       ? "right"
                                                  : fmt::format("off by {:.1f}x", r.ratio);
    r.derivation.append(e.title).append(": you wrote "sv).append(r.stated).append(" (line "sv);
    r.derivation.append(std::to_string(s.line)).append("); "sv).append(basis).append(" that is "sv);
    r.derivation.append(r.expected).append(" ("sv).append(verdict).append(")"sv);
    f.results.push_back(std::move(r));
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
