#include "grade/concept_index.hpp"

#include <algorithm>

#include "grade/concept_index_build.hpp"

namespace sdi::grade {

using concept_layout::cell;
using concept_layout::form_cell;
using concept_layout::FormCell;
using concept_layout::forms_of;
using concept_layout::kCompares;
using concept_layout::kHeadCells;

ConceptIndex::ConceptIndex(const pack::Glossary& glossary, const std::vector<pack::Concept>& extra)
    : extra_(extra) {
  concepts_.reserve(glossary.size() + extra_.size());
  // Heads only: the rest of a glossary concept is decoded only if its forms must be compiled.
  for (std::size_t i = 0; i < glossary.size(); ++i) concepts_.push_back(&glossary.head(i));
  for (const auto& c : extra_) {
    // A pack may refine a glossary concept by redeclaring its id: the pack's forms are added.
    if (glossary.contains(c.id)) continue;
    concepts_.push_back(&c);
  }

  // The compiled forms are cached (pack/cache.hpp) under the glossary's sources and the pack's own
  // forms, since stemming every form of every concept is a good part of grading one answer from a
  // cold process.
  const std::string source = glossary.source_key();
  std::string entry, key;
  if (!source.empty()) {
    const std::string inputs = source + extra_forms_text();
    entry = pack::cache::name_for("concept-index-4", inputs);
    key = pack::cache::engine_key() + "concept index 4\n" + inputs;
    if (auto cached = pack::cache::read(entry, key)) {
      entry_ = std::move(cached);
      cached_ = open(entry_->payload());
      if (!cached_) entry_.reset();
    }
  }
  if (!cached_) {
    ConceptFormsBuilder forms;
    auto add_all = [&](int idx, const pack::Concept& c) {
      forms.add(idx, c.name, Compare::Stem);
      for (const auto& s : c.synonyms) forms.add(idx, s, Compare::Stem);
      for (const auto& s : c.abbreviations) {
        forms.add(idx, s, Compare::Lower);
        if (!s.empty() && s.back() != 's' && s.back() != 'S')
          forms.add(idx, s + "s", Compare::Lower);
      }
      for (const auto& s : c.products) forms.add(idx, s, Compare::Lower);
      for (const auto& s : c.exact) forms.add(idx, s, Compare::Exact);
    };
    const std::vector<pack::Concept>& whole = glossary.all();
    for (std::size_t i = 0; i < whole.size(); ++i) add_all(static_cast<int>(i), whole[i]);
    // The pack's new concepts, at the positions the constructor gave them, then its refinements.
    int next = static_cast<int>(whole.size());
    for (const auto& c : extra_)
      if (!glossary.contains(c.id)) add_all(next++, c);
    for (const auto& c : extra_)
      if (glossary.contains(c.id)) add_all(glossary.index_of(c.id), c);
    std::vector<std::string_view> ids;
    ids.reserve(concepts_.size());
    for (const pack::ConceptHead* c : concepts_) ids.emplace_back(c->id);
    built_ = forms.finish(ids);
    if (!source.empty()) pack::cache::write(entry, key, built_);
    open(built_);  // always whole, as compiled here
  }

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

std::string ConceptIndex::extra_forms_text() const {
  std::string out;
  auto put = [&out](std::string_view s) {
    out += std::to_string(s.size());
    out += ':';
    out += s;
  };
  for (const auto& c : extra_) {
    out += '\n';
    put(c.id);
    put(c.name);
    for (const auto* list : {&c.synonyms, &c.abbreviations, &c.products, &c.exact}) {
      out += std::to_string(list->size());
      for (const auto& s : *list) put(s);
    }
  }
  return out;
}

bool ConceptIndex::open(std::string_view block) {
  using concept_layout::kHeaderCells;
  const char* base = block.data();
  const std::size_t size = block.size();
  if (size < 4 * kHeaderCells) return false;
  const std::uint32_t words = cell(base, 0), firsts = cell(base, 1), forms = cell(base, 2),
                      rest = cell(base, 3), spellings = cell(base, 4), id_slots = cell(base, 5);
  // Sections in bytes, in 64 bits so that no damaged count can wrap them around.
  const std::uint64_t heads_cells = std::uint64_t{firsts} * kHeadCells + 1;
  const std::uint64_t fixed = 4 * (kHeaderCells + heads_cells) +
                              sizeof(FormCell) * std::uint64_t{forms} + 4 * std::uint64_t{rest} +
                              4 * std::uint64_t{id_slots};
  // Each word and spelling takes a byte at least, so no count can ask for more room than that.
  if (firsts > words || words > size || spellings > size || fixed > size) return false;
  if (id_slots < 2 || (id_slots & (id_slots - 1)) != 0) return false;
  const char* heads = base + 4 * kHeaderCells;
  const char* form_cells = heads + 4 * heads_cells;
  const char* rest_cells = form_cells + sizeof(FormCell) * forms;
  const char* id_cells = rest_cells + 4 * std::size_t{rest};

  // The runs of forms in order and every reference of a form in bounds, so scan need check
  // nothing (a form outside the run of its way of comparing would only match wrongly). One
  // flat pass without branches: a cold start checks thousands of forms.
  std::uint32_t next = 0;
  for (std::size_t w = 0; w < firsts; ++w) {
    for (std::uint32_t c = 0; c < kCompares; ++c) {
      const auto [begin, end] = forms_of(heads, w, static_cast<Compare>(c));
      if (begin != next || end < begin) return false;
      next = end;
    }
  }
  if (next != forms) return false;
  const std::size_t concept_count = concepts_.size();
  bool ok = true;
  for (std::uint32_t o = 0; o < forms; ++o) {
    const FormCell f = form_cell(form_cells, o);
    const std::uint32_t count = f.count();
    const std::uint64_t more = f.more;
    const bool exact = f.compare() == Compare::Exact;
    ok &= (count > 0) & ((count == 1) == (f.second == 0)) & (f.second <= words) &
          (f.concept_idx < concept_count) & (static_cast<std::uint32_t>(f.compare()) < kCompares) &
          (exact ? more + count <= spellings : more + (count > 2 ? count - 2 : 0) <= rest);
  }
  for (std::uint32_t r = 0; r < rest; ++r) ok &= cell(rest_cells, r) < words;
  // Every id slot names a concept or none, and one is free at least, where a search for an id
  // the index lacks ends.
  bool any_free = false;
  for (std::uint32_t i = 0; i < id_slots; ++i) {
    const std::uint32_t c = cell(id_cells, i);
    ok &= c <= concept_count;
    any_free |= c == 0;
  }
  if (!ok || !any_free) return false;

  // The words, interned as they are read; then the spellings, kept where they lie.
  const char* at = id_cells + 4 * std::size_t{id_slots};
  const char* end = base + size;
  std::string_view text;
  {
    vocabulary::Batch batch(words);
    LocalIds& ids = local_;
    for (std::uint32_t w = 0; w < words; ++w) {
      if (!concept_layout::take_text(at, end, text)) {
        local_ = {};
        return false;
      }
      const vocabulary::Id id = batch.intern(text);
      if (w == 0) ids.first = id;
      if (ids.table.empty() && id == ids.first + w) continue;
      if (ids.table.empty()) {
        // The run broke: a table for the words so far and room for the ids of those to come.
        ids.table.assign(std::size_t{batch.size()} + (words - w) + 1, kNoWord);
        for (std::uint32_t k = 0; k < w; ++k) ids.table[ids.first + k] = k;
      }
      ids.table[id] = w;
    }
    ids.count = words;
  }
  spellings_.reserve(spellings);
  for (std::uint32_t s = 0; s < spellings; ++s) {
    if (!concept_layout::take_text(at, end, text)) break;
    spellings_.emplace_back(static_cast<std::uint32_t>(text.data() - base),
                            static_cast<std::uint32_t>(text.size()));
  }
  if (spellings_.size() != spellings || at != end) {
    local_ = {};
    spellings_.clear();
    return false;
  }
  heads_at_ = static_cast<std::size_t>(heads - base);
  forms_at_ = static_cast<std::size_t>(form_cells - base);
  rest_at_ = static_cast<std::size_t>(rest_cells - base);
  ids_at_ = static_cast<std::size_t>(id_cells - base);
  firsts_ = firsts;
  id_mask_ = id_slots - 1;
  return true;
}

int ConceptIndex::find(std::string_view id) const {
  const char* ids = block() + ids_at_;
  for (std::uint32_t slot = text::word_hash(id) & id_mask_;; slot = (slot + 1) & id_mask_) {
    const std::uint32_t c = cell(ids, slot);
    if (c == 0) return -1;
    if (concepts_[c - 1]->id == id) return static_cast<int>(c - 1);
  }
}

bool ConceptIndex::matches_rest(const char* base, FormCell f, std::span<const MatchToken> tokens,
                                std::size_t i) const {
  const std::uint32_t count = f.count();
  switch (f.compare()) {
    case Compare::Stem:
    case Compare::Lower: {
      const char* rest = base + rest_at_ + 4 * std::size_t{f.more};
      const bool stems = f.compare() == Compare::Stem;
      for (std::uint32_t k = 2; k < count; ++k) {
        const MatchToken& t = tokens[i + k];
        if (local_of(stems ? t.stem_id : t.lower_id) != cell(rest, k - 2)) return false;
      }
      return true;
    }
    case Compare::Exact:
      // The lowercase words matched on the way here; the spellings decide (and tell the
      // lowercase words, which are folded from them).
      for (std::uint32_t k = 0; k < count; ++k) {
        const auto [at, length] = spellings_[f.more + k];
        if (tokens[i + k].original != std::string_view(base + at, length)) return false;
      }
      return true;
  }
  return false;
}

// Inlined into best_at, which calls it for every token a form starts with.
[[gnu::always_inline]] inline void ConceptIndex::consider(const char* base, std::uint32_t begin,
                                                          std::uint32_t end, Compare compare,
                                                          std::span<const MatchToken> tokens,
                                                          std::size_t i, std::uint32_t seconds,
                                                          Best& best) const {
  const char* forms = base + forms_at_;
  // The longer forms whose second word is the next token's, longest first: the first that
  // matches is the best of them. The one-word forms before them have second word 0.
  if (seconds != 0 && i + 1 < tokens.size()) {
    const MatchToken& after = tokens[i + 1];
    const std::uint32_t next = local_of(compare == Compare::Stem ? after.stem_id : after.lower_id);
    if (next != kNoWord && (seconds & concept_layout::second_bit(next)) != 0) {
      const std::uint32_t second = next + 1;
      // Halved down to the run of `second`: stepping through the forms before it costs more, even
      // for the few of most first words.
      std::uint32_t lo = begin;
      for (std::uint32_t hi = end; lo < hi;) {
        const std::uint32_t mid = lo + (hi - lo) / 2;
        if (form_cell(forms, mid).second < second)
          lo = mid + 1;
        else
          hi = mid;
      }
      for (std::uint32_t o = lo; o < end; ++o) {
        const FormCell f = form_cell(forms, o);
        if (f.second != second || f.count() <= best.count) break;
        if (i + f.count() > tokens.size()) continue;
        // Two words on stems or lowercase words: both matched already.
        if ((f.count() == 2 && compare != Compare::Exact) || matches_rest(base, f, tokens, i)) {
          best = {f.concept_idx, f.count()};
          return;
        }
      }
    }
  }
  // Otherwise the first one-word form that matches: on stems or lowercase words, the first.
  if (best.count > 0) return;
  for (std::uint32_t o = begin; o < end; ++o) {
    const FormCell f = form_cell(forms, o);
    if (f.second != 0) return;
    if (compare != Compare::Exact || matches_rest(base, f, tokens, i)) {
      best = {f.concept_idx, 1};
      return;
    }
  }
}

std::vector<ConceptIndex::Match> ConceptIndex::scan(std::span<const MatchToken> tokens) const {
  std::vector<Match> out;
  scan(tokens, out);
  return out;
}

ConceptIndex::Best ConceptIndex::best_at(const char* base, std::span<const MatchToken> tokens,
                                         std::size_t i, std::uint32_t by_stem,
                                         std::uint32_t by_lower) const {
  // The same order as the forms' comparisons: stems, then lowercase words, then spellings.
  using concept_layout::seconds_of;
  const char* heads = base + heads_at_;
  Best best;
  if (by_stem < firsts_) {
    const auto [begin, end] = forms_of(heads, by_stem, Compare::Stem);
    if (begin != end)
      consider(base, begin, end, Compare::Stem, tokens, i,
               seconds_of(heads, by_stem, Compare::Stem), best);
  }
  if (by_lower < firsts_) {
    const auto [begin, exact] = forms_of(heads, by_lower, Compare::Lower);
    const std::uint32_t end = forms_of(heads, by_lower, Compare::Exact).second;
    if (begin != exact)
      consider(base, begin, exact, Compare::Lower, tokens, i,
               seconds_of(heads, by_lower, Compare::Lower), best);
    // Exact forms are few: every one is looked at.
    if (exact != end) consider(base, exact, end, Compare::Exact, tokens, i, ~0u, best);
  }
  return best;
}

// Inlined into scan's loop: most tokens a form starts with are settled here, without the call
// to best_at and its walk of the forms.
[[gnu::always_inline]] inline bool ConceptIndex::settled_by_heads(
    const char* heads, const char* forms, std::uint32_t by_stem, std::uint32_t by_lower,
    std::uint32_t next_stem, std::uint32_t next_lower, Best& best) const {
  using concept_layout::second_bit;
  using concept_layout::seconds_of;
  std::uint32_t one_word = UINT32_MAX;
  if (by_stem < firsts_) {
    if ((seconds_of(heads, by_stem, Compare::Stem) & second_bit(next_stem)) != 0) return false;
    const auto [begin, end] = forms_of(heads, by_stem, Compare::Stem);
    if (begin != end) one_word = begin;
  }
  if (by_lower < firsts_) {
    if ((seconds_of(heads, by_lower, Compare::Lower) & second_bit(next_lower)) != 0) return false;
    const auto [begin, exact] = forms_of(heads, by_lower, Compare::Lower);
    if (forms_of(heads, by_lower, Compare::Exact).second != exact) return false;
    if (one_word == UINT32_MAX || form_cell(forms, one_word).second != 0)
      if (begin != exact) one_word = begin;
  }
  // A run's one-word forms come first, and on stems or lowercase words the first always matches.
  if (one_word != UINT32_MAX) {
    const FormCell f = form_cell(forms, one_word);
    if (f.second == 0) best = {f.concept_idx, 1};
  }
  return true;
}

template <typename ToLocal>
void ConceptIndex::scan_with(const ToLocal& to_local, std::span<const MatchToken> tokens,
                             std::vector<Match>& out) const {
  const char* base = block();
  const std::size_t n = tokens.size();
  const std::uint32_t firsts = firsts_;
  const char* heads = base + heads_at_;
  const char* forms = base + forms_at_;
  std::size_t i = 0;
  while (i < n) {
    // Most tokens start no form: told by their ids alone.
    const MatchToken& t = tokens[i];
    const std::uint32_t by_stem = to_local(t.stem_id);
    const std::uint32_t by_lower = t.lower_id == t.stem_id ? by_stem : to_local(t.lower_id);
    if (by_stem >= firsts && by_lower >= firsts) {
      ++i;
      continue;
    }
    Best best;
    // The next token's local ids: any id past every word (or none, at the end) has a bit too, and
    // at worst sends the token to best_at, which tells exactly.
    const MatchToken* after = i + 1 < n ? &tokens[i + 1] : nullptr;
    const std::uint32_t next_stem = after != nullptr ? to_local(after->stem_id) : kNoWord;
    const std::uint32_t next_lower = after != nullptr ? to_local(after->lower_id) : kNoWord;
    if (!settled_by_heads(heads, forms, by_stem, by_lower, next_stem, next_lower, best))
      best = best_at(base, tokens, i, by_stem, by_lower);
    if (best.count > 0) {
      out.push_back({static_cast<int>(best.concept_idx), i, best.count});
      i += best.count;
    } else {
      ++i;
    }
  }
}

void ConceptIndex::scan(std::span<const MatchToken> tokens, std::vector<Match>& out) const {
  out.clear();
  // One loop for each way of mapping ids, each with what it reads copied out of the members.
  if (local_.table.empty()) {
    // Ids outside the run come out past the first words, if not past every word.
    const vocabulary::Id first = local_.first;
    scan_with([first](vocabulary::Id id) { return id - first; }, tokens, out);
  } else {
    const std::uint32_t* table = local_.table.data();
    const std::size_t size = local_.table.size();
    scan_with([table, size](vocabulary::Id id) { return id < size ? table[id] : kNoWord; }, tokens,
              out);
  }
}

}  // namespace sdi::grade
