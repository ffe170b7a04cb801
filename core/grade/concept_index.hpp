#pragma once
// The glossary compiled for matching: every surface form of every concept (name, synonyms,
// abbreviations, products; case-sensitive exact forms) indexed by its first word.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "grade/concept_index_layout.hpp"
#include "grade/match_tokens.hpp"
#include "grade/vocabulary.hpp"
#include "pack/cache.hpp"
#include "pack/glossary.hpp"

namespace sdi::grade {

class ConceptIndex {
 public:
  ConceptIndex(const pack::Glossary& glossary, const std::vector<pack::Concept>& extra);

  // The index of concept `id`, or -1.
  int find(std::string_view id) const;
  // What grading reads of a concept; the whole concept is the glossary's (or the pack's).
  const pack::ConceptHead& concept_at(int i) const { return *concepts_[i]; }
  int size() const { return static_cast<int>(concepts_.size()); }
  // The concept itself and everything it implies through `broader`, transitively.
  std::span<const int> implied(int i) const {
    return {implied_.data() + implied_starts_[i], implied_starts_[i + 1] - implied_starts_[i]};
  }
  // Whether the compiled forms came from the cache rather than being compiled here.
  bool cached() const { return cached_; }

  struct Match {
    int concept_idx;
    std::size_t first;  // token index
    std::size_t count;  // tokens covered
  };
  // Longest match first, non-overlapping, left to right.
  std::vector<Match> scan(std::span<const MatchToken> tokens) const;
  // The same into `out`, replacing what it held, so a caller can reuse its memory.
  void scan(std::span<const MatchToken> tokens, std::vector<Match>& out) const;

 private:
  using Compare = concept_layout::Compare;
  static constexpr std::uint32_t kNoWord = UINT32_MAX;
  // What the cache keys the compiled forms by besides the glossary: the pack's own forms.
  std::string extra_forms_text() const;
  // Takes `block` (concept_index_layout.hpp) as the forms to match, its words interned; false,
  // keeping nothing, when it is not a valid block for this index's concepts.
  bool open(std::string_view block);
  const char* block() const { return entry_ ? entry_->payload().data() : built_.data(); }
  // Vocabulary id -> local id of the block's words (kNoWord for any other word). The words
  // mostly hold consecutive ids, interned in the block's order (by the first index of a process,
  // and again the same by any later one over the same forms): a local id is then the vocabulary
  // id less the first, with no table to fill; a table maps them otherwise.
  struct LocalIds {
    vocabulary::Id first = 1;
    std::uint32_t count = 0;
    std::vector<std::uint32_t> table;  // empty while the ids run on
    std::uint32_t operator()(vocabulary::Id id) const {
      if (table.empty()) return id - first < count ? id - first : kNoWord;
      return id < table.size() ? table[id] : kNoWord;
    }
  };
  std::uint32_t local_of(vocabulary::Id id) const { return local_(id); }
  struct Best {
    std::uint32_t concept_idx = 0;
    std::uint32_t count = 0;
  };
  // Improves `best` with forms[begin, end), which start with the token at `i` compared the way
  // `compare` says; `seconds` holds the bits of their second words (concept_layout::second_bit).
  void consider(const char* base, std::uint32_t begin, std::uint32_t end, Compare compare,
                std::span<const MatchToken> tokens, std::size_t i, std::uint32_t seconds,
                Best& best) const;
  // The best form at token `i`, whose local ids on stems and lowercase words are given; out of
  // scan's loop, which most tokens pass through without a look at a form.
  [[gnu::noinline]] Best best_at(const char* base, std::span<const MatchToken> tokens,
                                 std::size_t i, std::uint32_t by_stem,
                                 std::uint32_t by_lower) const;
  // The best form at token `i` told from the heads alone, when no longer form can start there
  // (no second word's bit is the next token's) and no exact one does: the first one-word form on
  // stems, else on lowercase words, else none. False when that cannot be told so.
  bool settled_by_heads(const char* heads, const char* forms, std::uint32_t by_stem,
                        std::uint32_t by_lower, std::uint32_t next_stem, std::uint32_t next_lower,
                        Best& best) const;
  // scan, with `to_local` mapping vocabulary ids to local ones (or to any id past the first
  // words).
  template <typename ToLocal>
  void scan_with(const ToLocal& to_local, std::span<const MatchToken> tokens,
                 std::vector<Match>& out) const;
  // Whether the words of `f` after its second match the tokens from `i` on.
  bool matches_rest(const char* base, concept_layout::FormCell f,
                    std::span<const MatchToken> tokens, std::size_t i) const;

  std::vector<const pack::ConceptHead*> concepts_;
  std::vector<pack::Concept> extra_;
  // The compiled forms: the cache entry they were read from, or compiled here.
  std::optional<pack::cache::Entry> entry_;
  std::string built_;
  // Byte offsets of the block's sections, its first-word count and its id slots less one.
  std::size_t heads_at_ = 0, forms_at_ = 0, rest_at_ = 0, ids_at_ = 0;
  std::uint32_t firsts_ = 0;
  std::uint32_t id_mask_ = 0;
  LocalIds local_;
  // Where each exact spelling lies in the block: offset and length.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> spellings_;
  // What each concept implies: implied_[implied_starts_[i], implied_starts_[i + 1]).
  std::vector<int> implied_;
  std::vector<std::uint32_t> implied_starts_;
  bool cached_ = false;
};

}  // namespace sdi::grade
