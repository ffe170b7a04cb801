#pragma once
// The glossary compiled for matching: every surface form of every concept (name, synonyms,
// abbreviations, products; case-sensitive exact forms) indexed by its first stem.

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "grade/id_table.hpp"
#include "grade/match_tokens.hpp"
#include "grade/vocabulary.hpp"
#include "pack/glossary.hpp"

namespace sdi::grade {

class ConceptIndex {
 public:
  ConceptIndex(const pack::Glossary& glossary, const std::vector<pack::Concept>& extra);

  int find(const std::string& id) const;
  // What grading reads of a concept; the whole concept is the glossary's (or the pack's).
  const pack::ConceptHead& concept_at(int i) const { return *concepts_[i]; }
  int size() const { return static_cast<int>(concepts_.size()); }
  // The concept itself and everything it implies through `broader`, transitively.
  std::span<const int> implied(int i) const {
    return {implied_.data() + implied_starts_[i], implied_starts_[i + 1] - implied_starts_[i]};
  }
  // Whether the glossary's forms came from the cache rather than being compiled here.
  bool cached() const { return cached_; }

  struct Match {
    int concept_idx;
    std::size_t first;  // token index
    std::size_t count;  // tokens covered
  };
  // Longest match first, non-overlapping, left to right.
  std::vector<Match> scan(const std::vector<MatchToken>& tokens) const;
  // The same into `out`, replacing what it held, so a caller can reuse its memory.
  void scan(const std::vector<MatchToken>& tokens, std::vector<Match>& out) const;

 private:
  // How a form's words are compared: names and synonyms on stems (inflections match), products
  // and abbreviations on the lowercase word (a stemmer would turn "Fastly" into "fast"),
  // exact forms on the spelling as written.
  enum class Compare { Stem, Lower, Exact };
  // A form's words are ids_[begin, begin + count): of the word itself when comparing stems or
  // lowercase words, of its lowercase when comparing exact spellings, whose spellings are then
  // spellings_[spelling, spelling + count).
  struct Form {
    std::uint32_t begin = 0;
    std::uint32_t count = 0;
    std::uint32_t spelling = 0;
    int concept_idx = 0;
    Compare compare = Compare::Stem;
  };
  // The forms whose first word has one id: order_[begin, end[0]) compare stems,
  // order_[end[0], end[1]) lowercase words and order_[end[1], end[2]) spellings.
  struct First {
    std::uint32_t begin = 0;
    std::uint32_t end[3] = {0, 0, 0};
  };
  // What scan reads of each form, in order_'s order: most forms starting with a word of the
  // answer differ from it at the second word, told here without a look at the form itself.
  struct Candidate {
    vocabulary::Id second = vocabulary::kNone;  // the second word's id; kNone for one word
    std::uint32_t count = 0;
    std::uint32_t form = 0;  // index into forms_
  };
  // Per entry of firsts_ and way of comparing: a bit for each second word of its forms (the word's
  // id modulo 64), and its first one-word form (or kNoForm). When the answer's next word has no
  // bit, no longer form can match, and a one-word form compared on stems or lowercase words
  // always does: the first is the match.
  static constexpr std::uint32_t kNoForm = UINT32_MAX;
  struct Shortcut {
    std::uint64_t seconds[3] = {0, 0, 0};
    std::uint32_t first_single[3] = {kNoForm, kNoForm, kNoForm};
  };
  static std::uint64_t bit_of(vocabulary::Id id) { return std::uint64_t{1} << (id & 63); }
  void index_candidates();
  std::vector<Candidate> candidates_;
  std::vector<Shortcut> shortcuts_;
  void add_form(int concept_idx, const std::string& text, Compare compare);
  // Indexes the forms by their first word, once they are all added.
  void index_forms();
  // The forms compiled so far, for the cache, and back (false, adding nothing, when the payload
  // is not a valid list of forms of `concept_count` concepts).
  std::string save_forms() const;
  bool load_forms(std::string_view payload, int concept_count);
  static std::string_view key_of(const MatchToken& t, Compare compare);
  // Whether `f` matches the tokens from `i` on.
  bool matches_at(const Form& f, const std::vector<MatchToken>& tokens, std::size_t i) const;
  std::vector<const pack::ConceptHead*> concepts_;
  std::vector<pack::Concept> extra_;
  const pack::Glossary* glossary_;
  // The pack's own concepts by id; the glossary's are found through it, at their own position.
  std::unordered_map<std::string, int> extra_by_id_;
  std::vector<Form> forms_;
  std::vector<vocabulary::Id> ids_;
  std::vector<std::string> spellings_;
  // First word -> index into firsts_.
  IdTable first_;
  std::vector<First> firsts_;
  std::vector<std::uint32_t> order_;
  // What each concept implies: implied_[implied_starts_[i], implied_starts_[i + 1]).
  std::vector<int> implied_;
  std::vector<std::uint32_t> implied_starts_;
  bool cached_ = false;
};

}  // namespace sdi::grade
