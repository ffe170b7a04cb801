#pragma once
// The glossary compiled for matching: every surface form of every concept (name, synonyms,
// abbreviations, products; case-sensitive exact forms) indexed by its first stem.

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "grade/match_tokens.hpp"
#include "grade/vocabulary.hpp"
#include "pack/glossary.hpp"

namespace sdi::grade {

class ConceptIndex {
 public:
  ConceptIndex(const pack::Glossary& glossary, const std::vector<pack::Concept>& extra);

  int find(const std::string& id) const;
  const pack::Concept& concept_at(int i) const { return *concepts_[i]; }
  int size() const { return static_cast<int>(concepts_.size()); }
  // The concept itself and everything it implies through `broader`, transitively.
  const std::vector<int>& implied(int i) const { return implied_[i]; }
  // Whether the glossary's forms came from the cache rather than being compiled here.
  bool cached() const { return cached_; }

  struct Match {
    int concept_idx;
    std::size_t first;  // token index
    std::size_t count;  // tokens covered
  };
  // Longest match first, non-overlapping, left to right.
  std::vector<Match> scan(const std::vector<MatchToken>& tokens) const;

 private:
  // How a form's words are compared: names and synonyms on stems (inflections match), products
  // and abbreviations on the lowercase word (a stemmer would turn "Fastly" into "fast"),
  // exact forms on the spelling as written.
  enum class Compare { Stem, Lower, Exact };
  struct Form {
    std::vector<std::string> words;
    // Per word, its id in the vocabulary: of the word itself when comparing stems or lowercase
    // words, of its lowercase when comparing exact spellings (then `words` decides).
    std::vector<vocabulary::Id> ids;
    int concept_idx;
    Compare compare;
  };
  // The forms whose first word has one id, per way of comparing.
  struct First {
    std::vector<int> forms[3];
  };
  void add_form(int concept_idx, const std::string& text, Compare compare);
  void push_form(Form f);
  // The forms compiled so far, for the cache, and back (false, adding nothing, when the payload
  // is not a valid list of forms of `concept_count` concepts).
  std::string save_forms() const;
  bool load_forms(std::string_view payload, int concept_count);
  static const std::string& key_of(const MatchToken& t, Compare compare);
  // Whether `f` matches the tokens from `i` on.
  static bool matches_at(const Form& f, const std::vector<MatchToken>& tokens, std::size_t i);
  std::vector<const pack::Concept*> concepts_;
  std::vector<pack::Concept> extra_;
  std::unordered_map<std::string, int> by_id_;
  std::vector<Form> forms_;
  // First word -> forms.
  std::unordered_map<vocabulary::Id, First> first_;
  std::vector<std::vector<int>> implied_;
  bool cached_ = false;
};

}  // namespace sdi::grade
