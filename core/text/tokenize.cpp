#include <array>

#include "text/stem.hpp"
#include "text/token.hpp"
#include "text/utf8.hpp"

namespace sdi::text {
namespace {

enum class Class { Letter, Digit, Other };

struct Char {
  Class cls;
  std::size_t length;
  char32_t code_point;
};

constexpr char32_t kRightQuote = 0x2019;

constexpr bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

// Non-ASCII characters that separate words: Latin-1 punctuation and symbols (except the micro
// sign), x and divide signs, general punctuation through miscellaneous symbols and arrows, CJK
// punctuation, the byte order mark, the replacement character and emoji.
bool is_separator(char32_t cp) {
  return (cp >= 0x80 && cp <= 0xBF && cp != 0xB5) || cp == 0xD7 || cp == 0xF7 ||
         (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) || cp == 0xFEFF ||
         cp == 0xFFFD || (cp >= 0x1F000 && cp <= 0x1FAFF);
}

// ASCII bytes by what they are in a word; every byte from 0x80 up starts or continues a UTF-8
// sequence that classify() decodes.
enum class Kind : unsigned char { Other, Letter, Digit, High };

constexpr auto kKind = [] {
  std::array<Kind, 256> kinds{};
  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    kinds[static_cast<std::size_t>(b)] = b >= 0x80            ? Kind::High
                                         : is_ascii_letter(c) ? Kind::Letter
                                         : is_ascii_digit(c)  ? Kind::Digit
                                                              : Kind::Other;
  }
  return kinds;
}();

bool is_ascii_word(Kind k) {
  return k == Kind::Letter || k == Kind::Digit;
}

// ASCII bytes that may join two parts of a word (see joins()); any other ASCII byte after a word
// ends it, which settles most word ends without decoding what follows.
constexpr auto kAsciiJoiner = [] {
  std::array<bool, 256> joiners{};
  for (int b = 0; b < 128; ++b)
    joiners[static_cast<std::size_t>(b)] = is_ascii_joiner(static_cast<unsigned char>(b));
  return joiners;
}();

// An ASCII byte as a character.
Char ascii_char(unsigned char b) {
  const Kind k = kKind[b];
  return {k == Kind::Letter  ? Class::Letter
          : k == Kind::Digit ? Class::Digit
                             : Class::Other,
          1, static_cast<char32_t>(b)};
}

Char classify(std::string_view s, std::size_t i) {
  const char c = s[i];
  if (is_ascii_letter(c)) return {Class::Letter, 1, static_cast<char32_t>(c)};
  if (is_ascii_digit(c)) return {Class::Digit, 1, static_cast<char32_t>(c)};
  if (static_cast<unsigned char>(c) < 0x80) return {Class::Other, 1, static_cast<char32_t>(c)};
  const utf8::Decoded d = utf8::decode(s, i);
  return {is_separator(d.code_point) ? Class::Other : Class::Letter, d.length, d.code_point};
}

bool is_word(const Char& c) {
  return c.cls != Class::Other;
}

bool three_digits_then_boundary(std::string_view s, std::size_t i) {
  if (i + 3 > s.size()) return false;
  for (std::size_t k = i; k < i + 3; ++k) {
    if (!is_ascii_digit(s[k])) return false;
  }
  return i + 3 == s.size() || !is_ascii_digit(s[i + 3]);
}

// Whether `joiner` (between `before` and `after`, which starts at after_pos) stays in the token.
bool joins(const Char& before, const Char& joiner, const Char& after, std::string_view s,
           std::size_t after_pos) {
  if (!is_word(after)) return false;
  switch (joiner.code_point) {
    case '-':
    case '_':
    case '.':
      return true;
    case '\'':
    case kRightQuote:
      return before.cls == Class::Letter && after.cls == Class::Letter;
    case '/':
      return before.cls == Class::Digit && after.cls == Class::Digit;
    case ',':
      return before.cls == Class::Digit && three_digits_then_boundary(s, after_pos);
    default:
      return false;
  }
}

std::string lower_token(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (c == '\xE2' && word.substr(i, 3) == "\xE2\x80\x99") {
      out.push_back('\'');
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

Word next_word(std::string_view text, std::size_t from) {
  const std::size_t n = text.size();
  const auto byte = [text](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  std::size_t i = from;
  while (i < n) {
    const Kind k = kKind[byte(i)];
    if (k == Kind::Other) {
      ++i;
      continue;
    }
    Char c = k == Kind::High ? classify(text, i) : ascii_char(byte(i));
    if (!is_word(c)) {
      i += c.length;
      continue;
    }
    const std::size_t start = i;
    i += c.length;
    Char last = c;
    while (i < n) {
      // Most of a word is a run of ASCII letters and digits.
      if (is_ascii_word(kKind[byte(i)])) {
        while (i + 1 < n && is_ascii_word(kKind[byte(i + 1)])) ++i;
        last = ascii_char(byte(i));
        if (++i >= n) break;
      }
      if (kKind[byte(i)] != Kind::High && !kAsciiJoiner[byte(i)]) break;
      c = classify(text, i);
      if (is_word(c)) {
        i += c.length;
        last = c;
        continue;
      }
      const std::size_t after_pos = i + c.length;
      if (after_pos >= n) break;
      const Char after = classify(text, after_pos);
      if (!joins(last, c, after, text, after_pos)) break;
      i = after_pos + after.length;
      last = after;
    }
    return {text.substr(start, i - start), static_cast<std::uint32_t>(start)};
  }
  return {text.substr(n), static_cast<std::uint32_t>(n)};
}

void split_words(std::string_view text, std::vector<Word>& words) {
  words.clear();
  for (Word w = next_word(text, 0); !w.text.empty(); w = next_word(text, w.offset + w.text.size()))
    words.push_back(w);
}

std::vector<Word> split_words(std::string_view text) {
  std::vector<Word> words;
  words.reserve(text.size() / 6 + 1);
  split_words(text, words);
  return words;
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  const std::vector<Word> words = split_words(text);
  tokens.reserve(words.size());
  for (const Word& w : words) {
    Token token;
    token.text = w.text;
    token.lower = lower_token(token.text);
    token.stem = has_digit(token.lower) ? token.lower : stem(token.lower);
    token.offset = w.offset;
    tokens.push_back(std::move(token));
  }
  return tokens;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool has_digit(std::string_view text) {
  for (const char c : text) {
    if (is_ascii_digit(c)) return true;
  }
  return false;
}

}  // namespace sdi::text
