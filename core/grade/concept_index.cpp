#include "grade/concept_index.hpp"

#include <algorithm>
#include <cstring>

#include "pack/cache.hpp"
#include "text/token.hpp"

namespace sdi::grade {

namespace {

// The compiled forms of a glossary are cached (pack/cache.hpp) under its sources, since stemming
// every form of every concept is a good part of grading one answer from a cold process.
std::string forms_entry_key(const std::string& source_key) {
  return pack::cache::engine_key() + "concept index 2\n" + source_key;
}

}  // namespace

ConceptIndex::ConceptIndex(const pack::Glossary& glossary, const std::vector<pack::Concept>& extra)
    : extra_(extra), glossary_(&glossary) {
  concepts_.reserve(glossary.size() + extra_.size());
  // Heads only: the rest of a glossary concept is decoded only if its forms must be compiled.
  for (std::size_t i = 0; i < glossary.size(); ++i) concepts_.push_back(&glossary.head(i));
  for (const auto& c : extra_) {
    // A pack may refine a glossary concept by redeclaring its id: the pack's forms are added.
    if (glossary.contains(c.id)) continue;
    extra_by_id_[c.id] = size();
    concepts_.push_back(&c);
  }
  auto add_all = [&](int idx, const pack::Concept& c) {
    add_form(idx, c.name, Compare::Stem);
    for (const auto& s : c.synonyms) add_form(idx, s, Compare::Stem);
    for (const auto& s : c.abbreviations) {
      add_form(idx, s, Compare::Lower);
      if (!s.empty() && s.back() != 's' && s.back() != 'S') add_form(idx, s + "s", Compare::Lower);
    }
    for (const auto& s : c.products) add_form(idx, s, Compare::Lower);
    for (const auto& s : c.exact) add_form(idx, s, Compare::Exact);
  };
  // The glossary's own concepts come first, so their forms are a prefix of forms_ that depends
  // on the glossary alone and can be cached.
  int glossary_size = static_cast<int>(glossary.size());
  std::string source = glossary.source_key();
  std::string entry, key;
  if (!source.empty()) {
    entry = pack::cache::name_for("concept-index-2", source);
    key = forms_entry_key(source);
    if (auto cached = pack::cache::read(entry, key))
      cached_ = load_forms(cached->payload(), glossary_size);
  }
  if (!cached_) {
    const std::vector<pack::Concept>& whole = glossary.all();
    for (int i = 0; i < glossary_size; ++i) add_all(i, whole[static_cast<std::size_t>(i)]);
    if (!source.empty()) pack::cache::write(entry, key, save_forms());
  }
  // The pack's new concepts, at the positions the constructor gave them, then its refinements.
  int next = glossary_size;
  for (const auto& c : extra_)
    if (!glossary.contains(c.id)) add_all(next++, c);
  for (const auto& c : extra_)
    if (glossary.contains(c.id)) add_all(find(c.id), c);
  index_forms();
  index_candidates();

  // Each concept and what its `broader` reaches, transitively, in the order a depth-first walk
  // meets them; one list for all concepts.
  implied_starts_.reserve(concepts_.size() + 1);
  implied_starts_.push_back(0);
  std::vector<int> stack;
  for (int i = 0; i < size(); ++i) {
    const auto first = static_cast<std::ptrdiff_t>(implied_.size());
    stack.assign(1, i);
    while (!stack.empty()) {
      int cur = stack.back();
      stack.pop_back();
      if (std::find(implied_.begin() + first, implied_.end(), cur) != implied_.end()) continue;
      implied_.push_back(cur);
      for (const auto& b : concepts_[cur]->broader) {
        const int at = find(b);
        if (at >= 0) stack.push_back(at);
      }
    }
    implied_starts_.push_back(static_cast<std::uint32_t>(implied_.size()));
  }
}

std::string_view ConceptIndex::key_of(const MatchToken& t, Compare compare) {
  switch (compare) {
    case Compare::Stem:
      return t.stem;
    case Compare::Lower:
      return t.lower;
    case Compare::Exact:
      break;
  }
  return t.original;
}

void ConceptIndex::add_form(int concept_idx, const std::string& text, Compare compare) {
  const TokenList tokens = match_tokens(text);
  if (tokens.empty()) return;
  Form f;
  f.begin = static_cast<std::uint32_t>(ids_.size());
  f.count = static_cast<std::uint32_t>(tokens.size());
  f.spelling = static_cast<std::uint32_t>(spellings_.size());
  f.concept_idx = concept_idx;
  f.compare = compare;
  for (const auto& t : tokens) {
    if (compare == Compare::Exact) {
      ids_.push_back(vocabulary::intern(t.lower));
      spellings_.emplace_back(t.original);
    } else {
      ids_.push_back(vocabulary::intern(key_of(t, compare)));
    }
  }
  forms_.push_back(f);
}

void ConceptIndex::index_forms() {
  // Forms by first word, then way of comparing, each list in the order the forms were added: a
  // counting sort on (first word, comparison), since word ids are small and dense (thousands of
  // forms, a few thousand words).
  auto bucket = [&](const Form& f) {
    return std::size_t{ids_[f.begin]} * 3 + static_cast<std::size_t>(f.compare);
  };
  std::size_t buckets = 0;
  for (const Form& f : forms_) buckets = std::max(buckets, bucket(f) + 1);
  std::vector<std::uint32_t> starts(buckets + 1, 0);
  for (const Form& f : forms_) ++starts[bucket(f) + 1];
  for (std::size_t b = 1; b <= buckets; ++b) starts[b] += starts[b - 1];
  std::vector<std::uint32_t> order(forms_.size());
  for (std::uint32_t i = 0; i < forms_.size(); ++i) order[starts[bucket(forms_[i])]++] = i;
  auto key = [&](std::uint32_t fi) {
    const Form& f = forms_[fi];
    return std::pair(ids_[f.begin], static_cast<int>(f.compare));
  };
  std::vector<std::pair<vocabulary::Id, std::uint32_t>> entries;
  firsts_.clear();
  for (std::uint32_t i = 0; i < order.size(); ++i) {
    auto [id, compare] = key(order[i]);
    if (entries.empty() || entries.back().first != id) {
      entries.push_back({id, static_cast<std::uint32_t>(firsts_.size())});
      First first;
      first.begin = i;
      firsts_.push_back(first);
    }
    // Sorted by way of comparing, so this form ends its own range and every later one.
    for (int c = compare; c < 3; ++c) firsts_.back().end[c] = i + 1;
    for (int c = 0; c < compare; ++c)
      firsts_.back().end[c] = std::max(firsts_.back().end[c], firsts_.back().begin);
  }
  order_ = std::move(order);
  first_ = IdTable();
  // From the largest id down, so the table grows once rather than at every new id.
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) first_.set(it->first, it->second);
}

void ConceptIndex::index_candidates() {
  candidates_.resize(order_.size());
  for (std::size_t o = 0; o < order_.size(); ++o) {
    const Form& f = forms_[order_[o]];
    candidates_[o] = {f.count >= 2 ? ids_[f.begin + 1] : vocabulary::kNone, f.count, order_[o]};
  }
  shortcuts_.assign(firsts_.size(), Shortcut{});
  for (std::size_t fi = 0; fi < firsts_.size(); ++fi) {
    const First& first = firsts_[fi];
    Shortcut& cut = shortcuts_[fi];
    for (int c = 0; c < 3; ++c) {
      for (std::uint32_t o = c == 0 ? first.begin : first.end[c - 1]; o < first.end[c]; ++o) {
        const Candidate& cand = candidates_[o];
        if (cand.count >= 2)
          cut.seconds[c] |= bit_of(cand.second);
        else if (cut.first_single[c] == kNoForm)
          cut.first_single[c] = o;
      }
    }
  }
}

std::string ConceptIndex::save_forms() const {
  // Each distinct word once, and the forms as indices into that list.
  std::vector<std::string> words;
  std::unordered_map<std::string, std::uint32_t> index;
  std::vector<std::uint32_t> refs;
  refs.reserve(ids_.size());
  for (const auto& f : forms_) {
    for (std::uint32_t k = 0; k < f.count; ++k) {
      std::string w = f.compare == Compare::Exact ? spellings_[f.spelling + k]
                                                  : vocabulary::word(ids_[f.begin + k]);
      auto [it, added] = index.emplace(w, static_cast<std::uint32_t>(words.size()));
      if (added) words.push_back(std::move(w));
      refs.push_back(it->second);
    }
  }
  pack::cache::Writer w;
  w.strings(words);
  w.u32(static_cast<std::uint32_t>(forms_.size()));
  std::size_t r = 0;
  for (const auto& f : forms_) {
    w.u32(static_cast<std::uint32_t>(f.concept_idx));
    w.u32(static_cast<std::uint32_t>(f.compare));
    w.u32(f.count);
    for (std::uint32_t k = 0; k < f.count; ++k) w.u32(refs[r++]);
  }
  return std::move(w.data());
}

bool ConceptIndex::load_forms(std::string_view payload, int concept_count) {
  pack::cache::Reader r(payload);
  std::vector<std::string_view> words = r.views();
  std::uint32_t count = r.u32();
  if (!r.ok() || count > payload.size()) return false;
  std::vector<vocabulary::Id> word_ids = vocabulary::intern_all(words);
  std::vector<vocabulary::Id> lower_ids(words.size(), vocabulary::kNone);
  // The rest is one run of u32 cells: per form its concept, comparison and word count, then its
  // words. Read in place, with one bounds check per form rather than one per cell; on a damaged
  // payload everything is emptied again, so nothing half-read is used.
  const std::size_t cells = r.remaining() / 4;
  const char* base = payload.data() + (payload.size() - r.remaining());
  auto cell = [base](std::size_t k) {
    std::uint32_t v;
    std::memcpy(&v, base + 4 * k, 4);
    return v;
  };
  forms_.reserve(count);
  if (cells > std::size_t{3} * count) ids_.reserve(ids_.size() + cells - std::size_t{3} * count);
  std::size_t at = 0;
  bool ok = r.remaining() % 4 == 0;
  for (std::uint32_t i = 0; i < count && ok; ++i) {
    ok = cells - at >= 3;
    if (!ok) break;
    const std::uint32_t idx = cell(at), compare = cell(at + 1), n = cell(at + 2);
    at += 3;
    ok = idx < static_cast<std::uint32_t>(concept_count) &&
         compare <= static_cast<std::uint32_t>(Compare::Exact) && n > 0 && n <= cells - at;
    if (!ok) break;
    Form f;
    f.begin = static_cast<std::uint32_t>(ids_.size());
    f.count = n;
    f.spelling = static_cast<std::uint32_t>(spellings_.size());
    f.concept_idx = static_cast<int>(idx);
    f.compare = static_cast<Compare>(compare);
    for (std::uint32_t k = 0; k < n && ok; ++k) {
      const std::uint32_t wi = cell(at++);
      ok = wi < words.size();
      if (!ok) break;
      if (f.compare == Compare::Exact) {
        if (lower_ids[wi] == vocabulary::kNone)
          lower_ids[wi] = vocabulary::intern(text::lower_ascii(words[wi]));
        ids_.push_back(lower_ids[wi]);
        spellings_.emplace_back(words[wi]);
      } else {
        ids_.push_back(word_ids[wi]);
      }
    }
    forms_.push_back(f);
  }
  if (!ok || at != cells) {
    forms_.clear();
    ids_.clear();
    spellings_.clear();
    return false;
  }
  return true;
}

int ConceptIndex::find(const std::string& id) const {
  if (const int at = glossary_->index_of(id); at >= 0) return at;
  auto it = extra_by_id_.find(id);
  return it == extra_by_id_.end() ? -1 : it->second;
}

bool ConceptIndex::matches_at(const Form& f, const std::vector<MatchToken>& tokens,
                              std::size_t i) const {
  const vocabulary::Id* ids = ids_.data() + f.begin;
  switch (f.compare) {
    case Compare::Stem:
      for (std::uint32_t k = 1; k < f.count; ++k)
        if (tokens[i + k].stem_id != ids[k]) return false;
      return true;
    case Compare::Lower:
      for (std::uint32_t k = 1; k < f.count; ++k)
        if (tokens[i + k].lower_id != ids[k]) return false;
      return true;
    case Compare::Exact:
      for (std::uint32_t k = 0; k < f.count; ++k)
        if (tokens[i + k].lower_id != ids[k] ||
            tokens[i + k].original != spellings_[f.spelling + k])
          return false;
      return true;
  }
  return false;
}

std::vector<ConceptIndex::Match> ConceptIndex::scan(const std::vector<MatchToken>& tokens) const {
  std::vector<Match> out;
  scan(tokens, out);
  return out;
}

void ConceptIndex::scan(const std::vector<MatchToken>& tokens, std::vector<Match>& out) const {
  out.clear();
  const std::size_t n = tokens.size();
  std::size_t i = 0;
  while (i < n) {
    const Form* best = nullptr;
    std::uint32_t best_count = 0;
    // The longest form starting at `i`; of equally long ones, the first considered.
    auto consider = [&](std::uint32_t at, Compare compare) {
      const First* first = &firsts_[at];
      const int c = static_cast<int>(compare);
      const vocabulary::Id next = i + 1 >= n ? vocabulary::kNone
                                  : c == 0   ? tokens[i + 1].stem_id
                                             : tokens[i + 1].lower_id;
      const Shortcut& cut = shortcuts_[at];
      if (compare != Compare::Exact && (cut.seconds[c] & bit_of(next)) == 0) {
        const std::uint32_t single = cut.first_single[c];
        if (single != kNoForm && best_count == 0) {
          best = &forms_[candidates_[single].form];
          best_count = 1;
        }
        return;
      }
      for (std::uint32_t o = c == 0 ? first->begin : first->end[c - 1]; o < first->end[c]; ++o) {
        const Candidate& cand = candidates_[o];
        if (cand.count <= best_count || i + cand.count > n) continue;
        if (cand.count >= 2 && cand.second != next) continue;
        const Form& f = forms_[cand.form];
        if (matches_at(f, tokens, i)) {
          best = &f;
          best_count = f.count;
        }
      }
    };
    // The same order as the forms' comparisons: stems, then lowercase words, then spellings.
    const MatchToken& t = tokens[i];
    const std::uint32_t* by_stem = first_.find(t.stem_id);
    const std::uint32_t* by_lower = t.lower_id == t.stem_id ? by_stem : first_.find(t.lower_id);
    if (by_stem != nullptr) consider(*by_stem, Compare::Stem);
    if (by_lower != nullptr) {
      consider(*by_lower, Compare::Lower);
      consider(*by_lower, Compare::Exact);
    }
    if (best != nullptr) {
      out.push_back({best->concept_idx, i, best->count});
      i += best->count;
    } else {
      ++i;
    }
  }
}

}  // namespace sdi::grade
