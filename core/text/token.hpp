#pragma once
// Words of an answer for matching: as written, lowercased and stemmed.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sdi::text {

struct Token {
  std::string_view text;  // as written: a view into the text given to tokenize()
  std::string lower;      // ASCII letters lowercased; ’ inside a word becomes '
  std::string stem;       // English (Porter2) stem of `lower`; `lower` itself when it holds a digit
  std::uint32_t offset;   // byte offset of `text` in the tokenized input
};

// A word's place in a text, without its lowercase and stem (for callers that make their own).
struct Word {
  std::string_view text;
  std::uint32_t offset;
};

// Splits text into words and numbers. A token is a run of ASCII letters and digits and non-ASCII
// letters (any non-ASCII character outside the punctuation, symbol, arrow and emoji blocks), and
// keeps a joining character only between two such characters:
// - '-' and '_': "read-heavy", "write-through", "user_id", "10-20"
// - '.': "node.js", "3.5", "e.g" (a trailing full stop is never part of a token)
// - ' or ’ after a letter and before a letter: "don't", "user's"
// - '/' between digits: "80/20", "24/7" (while "read/write" and "FR/NFR" split)
// - ',' between a digit and exactly three digits: "86,400", "1,000,000"
// Ill-formed UTF-8 reads as U+FFFD, a separator. Everything else separates tokens, so "~4K" gives
// "4K", "50%" gives "50" and "S3", "L7", "p99", "base62" stay whole.
std::vector<Token> tokenize(std::string_view text);
// The same words, found the same way, without lowercasing and stemming them.
std::vector<Word> split_words(std::string_view text);
// The same into `words`, replacing what it held, so a caller can reuse its memory.
void split_words(std::string_view text, std::vector<Word>& words);

// The word at or after `from` (empty, at the text's end, when there is none), found as
// split_words finds it: split_words is this from each word's end on.
Word next_word(std::string_view text, std::size_t from);

// The ASCII bytes that may join two parts of a word (see split_words).
constexpr bool is_ascii_joiner(unsigned char c) {
  return c == '-' || c == '_' || c == '.' || c == '\'' || c == '/' || c == ',';
}

// Whether a word that has reached `end` through ASCII letters and digits ends there, told from
// ASCII bytes alone: at the end of the text, before a byte that joins nothing, or before a joiner
// with no letter or digit after it. False when it takes a closer look (a joiner before a word
// character, or a byte above ASCII): next_word gives the word then. Most words end the plain way,
// so a caller that reads words byte by byte need not find them twice.
inline bool ascii_word_ends_at(std::string_view text, std::size_t end) {
  auto alnum = [](unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  };
  if (end >= text.size()) return true;
  const auto c = static_cast<unsigned char>(text[end]);
  if (c == ' ') return true;  // by far the most common
  if (c >= 0x80) return false;
  if (!is_ascii_joiner(c) || end + 1 == text.size()) return true;
  const auto after = static_cast<unsigned char>(text[end + 1]);
  return after < 0x80 && !alnum(after);
}

std::string lower_ascii(std::string_view text);

bool has_digit(std::string_view text);

}  // namespace sdi::text
