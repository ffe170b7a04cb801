// The scanner's prefilter: whether a text may hold a mention at all, decided without lexing it.

#include <bit>
#include <cstddef>
#include <string_view>

#include "quantity/scan.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sdi::quantity {

namespace {

bool is_letter(char c) {
  c = static_cast<char>(c | 0x20);  // lowercases a letter, and makes no other byte one
  return c >= 'a' && c <= 'z';
}

// Whether the word from text[i], the whole run of letters, is a big scale word in any case. The
// lexer reads such a run as one word, and the scanner takes a big scale word after an article
// ("a million"): a scale word's letters inside or at the start of a longer word ("availability",
// "milliseconds") start no figure.
bool big_scale_word_at(std::string_view text, std::size_t i) {
  if (i > 0 && is_letter(text[i - 1])) return false;
  char word[8];
  std::size_t n = 0;
  for (std::size_t k = i; k < text.size() && is_letter(text[k]); ++k) {
    if (n == sizeof word) return false;  // longer than any scale word
    word[n++] = static_cast<char>(text[k] | 0x20);
  }
  const std::string_view w(word, n);
  for (std::string_view scale :
       {"thousand", "million", "mill", "mil", "mln", "billion", "bil", "bln", "trillion", "tril"})
    if (w == scale) return true;
  return false;
}

// Whether the digit at text[i] may start a number: the first of its run of digits, with no letter
// glued before ("p99", "S3", "IPv4", "base62" are words to the lexer) but an x, which it may read
// as a times sign ("2x10^5"). The other digits of a run belong to the number its first starts.
bool number_may_start_at(std::string_view text, std::size_t i) {
  if (i == 0) return true;
  char before = text[i - 1];
  bool alnum = (before >= 'a' && before <= 'z') || (before >= 'A' && before <= 'Z') ||
               (before >= '0' && before <= '9');
  return !alnum || before == 'x' || before == 'X';
}

// Whether a mention may start at text[i]: a digit that may start a number, a backslash, or a big
// scale word ("million", "mil", "mln", "billion", "bil", "bln", "thousand", "trillion", "tril").
bool may_start_at(std::string_view text, std::size_t i) {
  char c = text[i];
  if (c >= '0' && c <= '9') return number_may_start_at(text, i);
  return c == '\\' || big_scale_word_at(text, i);
}

#if defined(__SSE2__)
// Which of the sixteen bytes from `p` may start a mention, a bit for each, judged by the first
// three bytes from it ("tho" for "thousand"): a set bit is only a hint, a clear one is sure. Reads
// eighteen bytes.
unsigned hints_in_sixteen(const char* p) {
  auto load = [](const char* at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(at)); };
  auto is = [](__m128i x, char c) { return _mm_cmpeq_epi8(x, _mm_set1_epi8(c)); };
  const __m128i case_bit = _mm_set1_epi8(0x20);  // lowercases the letters compared below
  const __m128i a = load(p);
  const __m128i b = _mm_or_si128(load(p + 1), case_bit);
  const __m128i c = _mm_or_si128(load(p + 2), case_bit);
  const __m128i first = _mm_or_si128(a, case_bit);
  const __m128i from_zero = _mm_sub_epi8(a, _mm_set1_epi8('0'));
  const __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(from_zero, _mm_set1_epi8(9)), from_zero);
  const __m128i il_ln =
      _mm_or_si128(_mm_and_si128(is(b, 'i'), is(c, 'l')), _mm_and_si128(is(b, 'l'), is(c, 'n')));
  const __m128i m_b = _mm_and_si128(_mm_or_si128(is(first, 'm'), is(first, 'b')), il_ln);
  const __m128i ho_ri =
      _mm_or_si128(_mm_and_si128(is(b, 'h'), is(c, 'o')), _mm_and_si128(is(b, 'r'), is(c, 'i')));
  const __m128i t = _mm_and_si128(is(first, 't'), ho_ri);
  const __m128i any = _mm_or_si128(_mm_or_si128(digit, is(a, '\\')), _mm_or_si128(m_b, t));
  return static_cast<unsigned>(_mm_movemask_epi8(any));
}
#endif

}  // namespace

// Every mention the scanner finds starts at a number, at a LaTeX command ("\frac") or at "a"
// before a big scale word ("a million"); most prose has none of these, and skipping it saves
// lexing it. Loose on purpose: any byte that might start one sends the text to the scanner.
bool may_hold_quantity(std::string_view text) {
  std::size_t i = 0;
#if defined(__SSE2__)
  // Most bytes start nothing: sixteen at a time are turned away together, and of the rest only
  // the bytes hinted at are looked at closely.
  auto sixteen_from = [&](std::size_t at) {
    for (unsigned hints = hints_in_sixteen(text.data() + at); hints != 0; hints &= hints - 1)
      if (may_start_at(text, at + static_cast<std::size_t>(std::countr_zero(hints)))) return true;
    return false;
  };
  if (text.size() >= 18) {
    for (; text.size() - i >= 18; i += 16)
      if (sixteen_from(i)) return true;
    // The rest but its last two bytes, in sixteen that overlap those already read.
    if (i < text.size() - 2 && sixteen_from(text.size() - 18)) return true;
    i = text.size() - 2;
  }
#endif
  for (; i < text.size(); ++i)
    if (may_start_at(text, i)) return true;
  return false;
}

}  // namespace sdi::quantity
