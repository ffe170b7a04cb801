#pragma once
// Typo-tolerant word comparison, for headings like "Requirments" or "Desing".

#include <cstddef>
#include <string>
#include <string_view>

namespace sdi::text {

// Damerau-Levenshtein distance with optimal string alignment (an adjacent swap costs 1), on
// bytes. Returns max + 1 as soon as the distance is known to exceed max (max >= 0).
int edit_distance(std::string_view a, std::string_view b, int max);

// Typos tolerated in a word of `letters` letters: none up to 3, one up to 6, two beyond.
int typo_allowance(std::size_t letters);

// ASCII-case-insensitive equality within typo_allowance() of the shorter word (counted in
// characters, so "hld" never equals "old"). Words holding a digit must match exactly: "p95" is
// not a typo of "p99", nor "base62" of "base64".
bool fuzzy_word_equal(std::string_view a, std::string_view b);

// A word prepared once for many fuzzy_word_equal() comparisons (a heading's words against every
// step name): lowercased, its characters counted and its digits noted ahead.
class FuzzyWord {
 public:
  explicit FuzzyWord(std::string_view word);
  // fuzzy_word_equal() of the two words.
  bool equals(const FuzzyWord& other) const;

 private:
  std::string lower_;
  std::size_t characters_ = 0;
  bool digit_ = false;
};

}  // namespace sdi::text
