#include "text/fuzzy.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using sdi::text::edit_distance;
using sdi::text::fuzzy_word_equal;
using sdi::text::typo_allowance;

TEST_CASE("edit distance counts insertions, deletions, substitutions and swaps") {
  CHECK(edit_distance("kitten", "sitting", 10) == 3);
  CHECK(edit_distance("sitting", "kitten", 10) == 3);
  CHECK(edit_distance("design", "desing", 10) == 1);
  CHECK(edit_distance("ab", "ba", 10) == 1);
  CHECK(edit_distance("", "", 3) == 0);
  CHECK(edit_distance("", "abc", 5) == 3);
  CHECK(edit_distance("same", "same", 0) == 0);
  // Optimal string alignment never edits a swapped pair again: "ca" -> "abc" costs 3, not 2.
  CHECK(edit_distance("ca", "abc", 10) == 3);
}

TEST_CASE("edit distance stops past max") {
  CHECK(edit_distance("abcdef", "uvwxyz", 2) == 3);
  CHECK(edit_distance("a", "abcdefgh", 3) == 4);
  CHECK(edit_distance("kitten", "sitting", 3) == 3);
  CHECK(edit_distance("kitten", "sitting", 2) == 3);
  CHECK(edit_distance("abc", "abd", 0) == 1);
}

TEST_CASE("edit distance handles words longer than the stack buffer") {
  const std::string a(100, 'a');
  std::string b = a;
  b[50] = 'b';
  std::swap(b[10], b[11]);  // equal letters: no change
  CHECK(edit_distance(a, b, 5) == 1);
  CHECK(edit_distance(a + "xy", a + "yx", 5) == 1);
  CHECK(edit_distance(a, std::string(100, 'z'), 5) == 6);
}

TEST_CASE("typo allowance grows with word length") {
  CHECK(typo_allowance(3) == 0);
  CHECK(typo_allowance(4) == 1);
  CHECK(typo_allowance(6) == 1);
  CHECK(typo_allowance(7) == 2);
}

TEST_CASE("fuzzy word equality") {
  CHECK(fuzzy_word_equal("requirments", "requirements"));
  CHECK(fuzzy_word_equal("Requirments", "requirements"));
  CHECK(fuzzy_word_equal("desing", "design"));
  CHECK(fuzzy_word_equal("cahce", "cache"));
  CHECK(fuzzy_word_equal("HLD", "hld"));
  CHECK(fuzzy_word_equal("architecure", "architecture"));
  CHECK_FALSE(fuzzy_word_equal("hld", "old"));
  CHECK_FALSE(fuzzy_word_equal("db", "dc"));
  CHECK_FALSE(fuzzy_word_equal("design", "desk"));
  CHECK_FALSE(fuzzy_word_equal("estimation", "estimate"));  // 3 edits
  CHECK_FALSE(fuzzy_word_equal("cache", "cash"));           // shorter word has 4 letters, 2 edits
  CHECK_FALSE(fuzzy_word_equal("p95", "p99"));
  CHECK_FALSE(fuzzy_word_equal("base62", "base64"));
  CHECK(fuzzy_word_equal("base62", "BASE62"));
}

// The documented rule, written out plainly: ASCII case ignored, digits exact, and within the
// typo allowance of the shorter word counted in characters.
static bool by_definition(std::string a, std::string b) {
  for (auto* w : {&a, &b})
    for (char& c : *w)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (a == b) return true;
  auto has_digit = [](const std::string& w) {
    return w.find_first_of("0123456789") != std::string::npos;
  };
  if (has_digit(a) || has_digit(b)) return false;
  auto characters = [](const std::string& w) {
    std::size_t n = 0;
    for (unsigned char c : w) n += (c & 0xC0) != 0x80;
    return n;
  };
  const int allowed = typo_allowance(std::min(characters(a), characters(b)));
  return allowed > 0 && edit_distance(a, b, allowed) <= allowed;
}

TEST_CASE("fuzzy_word_equal and a prepared FuzzyWord both follow the documented rule") {
  const char* words[] = {"requirments", "requirements", "Requirments", "desing", "design",
                         "HLD",         "hld",          "old",         "db",     "dc",
                         "desk",        "estimation",   "estimate",    "cache",  "cash",
                         "p95",         "p99",          "base62",      "BASE62", "",
                         "naïve",       "naive",        "café",        "cafe",   "caches"};
  for (const char* a : words) {
    const sdi::text::FuzzyWord fa(a);
    for (const char* b : words) {
      INFO(a << " ~ " << b);
      const bool expected = by_definition(a, b);
      CHECK(fuzzy_word_equal(a, b) == expected);
      CHECK(fa.equals(sdi::text::FuzzyWord(b)) == expected);
    }
  }
}
