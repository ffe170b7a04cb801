#pragma once
// The reading rules custom checks share (published to Lua as `sdi.helpers`): when a piece of
// text is a question, a run of terms rather than a sentence, or negates a word. They work on
// bytes, ASCII case-insensitively, as the documented Lua helpers always have.

#include <string>
#include <string_view>
#include <vector>

namespace sdi::grade::reading {

// Lowercase ASCII copy.
std::string lower(std::string_view text);
// The same written to `out`, which has room for text.size() bytes and may be where `text` is.
void lower_into(std::string_view text, char* out);

// The last character, ignoring whitespace and closing Markdown (")", "*", "_"), is "?".
bool is_question(std::string_view text);

// Three or more comma- or semicolon-separated pieces of under four words on average, and no
// word that makes a clause (pronouns, auxiliaries, conjunctions, "n't").
bool term_list(std::string_view text);

// Whether the occurrence of a word at bytes [begin, end) of lowercase `low` is negated: a
// negator among the three words before it (unless a preposition comes first), "instead of",
// "rather than" or "no need" among the four words before it, or a verdict ("not needed",
// "overkill" ...) among the four words after it, all within its clause.
bool negated_at(std::string_view low, std::size_t begin, std::size_t end);

// True when at least one occurrence of `word` (any case) in `text` is not negated.
bool affirms(std::string_view text, std::string_view word);
// The same for a lowercase text and word.
bool affirms_lower(std::string_view low, std::string_view word);

// Index of the first of `words` that `text` contains (any case, plain substring), or -1.
int contains_any(std::string_view text, const std::vector<std::string_view>& words);
// How many of `lists` have a word that `text` contains (any case, plain substring).
int count_any(std::string_view text, const std::vector<std::vector<std::string_view>>& lists);

// A block's sentences: they end at ".", "!", "?" or ";" before whitespace or the end. `offset`
// is where the trimmed sentence starts in the block text.
struct Piece {
  std::size_t offset = 0;
  std::string_view text;
};
std::vector<Piece> sentences_of(std::string_view text);

}  // namespace sdi::grade::reading
