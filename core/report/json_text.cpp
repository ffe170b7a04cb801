#include "report/json_text.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sdi::report {

void JsonText::grow(std::size_t n) {
  const std::size_t used = size();
  std::size_t cap = capacity() * 2;
  if (cap < used + n) cap = used + n;
  if (cap < 4096) cap = 4096;
  std::unique_ptr<char[]> bigger(new char[cap]);
  if (used > 0) std::memcpy(bigger.get(), data_.get(), used);
  data_ = std::move(bigger);
  pos_ = data_.get() + used;
  end_ = data_.get() + cap;
}

JsonLayout::JsonLayout(int indent, std::string_view prefix)
    : indent_(indent > 0 ? static_cast<std::size_t>(indent) : 0) {
  line_.reserve(2 + prefix.size() + 8 * indent_);
  line_ += ',';
  if (indent_ > 0) {
    line_ += '\n';
    line_ += prefix;
  }
  head_ = line_.size();
}

void JsonLayout::deepen(std::size_t size) {
  line_.resize(size, ' ');
}

namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;

constexpr std::uint64_t zero_byte(std::uint64_t v) {
  return (v - kOnes) & ~v & kHighs;
}

// Whether any of eight bytes needs more than a copy: below 0x20, '"', '\\', 0x7f or above. Exact
// for "none" (the borrow and carry tricks only misfire next to a byte that needs it anyway).
constexpr bool needs_care(std::uint64_t x) {
  const std::uint64_t below_space = (x - kOnes * 0x20) & ~x;
  const std::uint64_t from_del = x | (x + kOnes);
  return ((below_space | from_del) & kHighs) != 0 || zero_byte(x ^ (kOnes * '"')) != 0 ||
         zero_byte(x ^ (kOnes * '\\')) != 0;
}

// 0: copied as it is; 1: escaped; 2: the start of a UTF-8 sequence (or a bad byte).
constexpr std::array<unsigned char, 256> kClass = [] {
  std::array<unsigned char, 256> c{};
  for (int b = 0; b < 256; ++b)
    c[static_cast<std::size_t>(b)] = b < 0x20 || b == '"' || b == '\\' || b == 0x7f ? 1
                                     : b >= 0x80                                    ? 2
                                                                                    : 0;
  return c;
}();

// Length of the valid UTF-8 sequence at s[i], or 0 when the bytes there are not one.
std::size_t utf8_sequence(const char* s, std::size_t len, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  std::size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
  if (n == 0 || i + n > len) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  return n;
}

char* put_escape(char* p, unsigned char c) {
  char e = 0;
  switch (c) {
    case '"':
      e = '"';
      break;
    case '\\':
      e = '\\';
      break;
    case '\n':
      e = 'n';
      break;
    case '\r':
      e = 'r';
      break;
    case '\t':
      e = 't';
      break;
    case '\b':
      e = 'b';
      break;
    case '\f':
      e = 'f';
      break;
    default: {
      static constexpr char kHex[] = "0123456789abcdef";
      std::memcpy(p, "\\u00", 4);
      p[4] = kHex[c >> 4];
      p[5] = kHex[c & 0xF];
      return p + 6;
    }
  }
  p[0] = '\\';
  p[1] = e;
  return p + 2;
}

#if defined(__SSE2__)
// Writes the byte at s[i] that needs care, escaped or as its UTF-8 sequence (U+FFFD when it
// starts none), and moves `i` past what it took.
char* put_special(char* p, const char* s, std::size_t len, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return put_escape(p, c);
  }
  const std::size_t n = utf8_sequence(s, len, i);
  if (n == 0) {
    std::memcpy(p, "\xEF\xBF\xBD", 3);
    ++i;
    return p + 3;
  }
  std::memcpy(p, s + i, n);
  i += n;
  return p + n;
}
#endif

}  // namespace

namespace detail {

char* put_quoted_portable(char* p, const char* s, std::size_t len) {
  *p++ = '"';
  std::size_t i = 0;
  while (i < len) {
    // Most text needs no escaping: copy it eight bytes at a time.
    while (i + 8 <= len) {
      std::uint64_t x;
      std::memcpy(&x, s + i, 8);
      if (needs_care(x)) break;
      std::memcpy(p, &x, 8);
      p += 8;
      i += 8;
    }
    const std::size_t stop = i + 8 < len ? i + 8 : len;
    while (i < stop) {
      const auto c = static_cast<unsigned char>(s[i]);
      switch (kClass[c]) {
        case 0:
          *p++ = static_cast<char>(c);
          ++i;
          break;
        case 1:
          p = put_escape(p, c);
          ++i;
          break;
        default: {
          const std::size_t n = utf8_sequence(s, len, i);
          if (n == 0) {
            std::memcpy(p, "\xEF\xBF\xBD", 3);
            p += 3;
            ++i;
          } else {
            std::memcpy(p, s + i, n);
            p += n;
            i += n;
          }
        }
      }
    }
  }
  *p++ = '"';
  return p;
}

void append_quoted_portable(JsonText& out, const char* s, std::size_t len) {
  out.commit(put_quoted_portable(out.room(len * 6 + 2), s, len));
}

}  // namespace detail

#if defined(__SSE2__)
namespace {

// Which of the sixteen bytes `x` need care, a bit each. One more than each byte, as a signed
// byte, is below 0x21 for exactly the bytes below 0x20, 0x7f and those from 0x80 up.
unsigned care_mask(__m128i x) {
  const __m128i next = _mm_add_epi8(x, _mm_set1_epi8(1));
  const __m128i care = _mm_or_si128(
      _mm_cmplt_epi8(next, _mm_set1_epi8(0x21)),
      _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))));
  return static_cast<unsigned>(_mm_movemask_epi8(care));
}

// Copies the `n` bytes at `s` (fewer than sixteen) when none needs care and returns the end;
// nullptr (nothing written) when one does. Two loads and stores that overlap in the middle, or
// three single bytes below four.
char* put_short_plain(char* p, const char* s, std::size_t n) {
  if (n >= 4) {
    __m128i head, tail, both;
    unsigned used = 0xFFFF;
    if (n >= 8) {
      head = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(s));
      tail = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(s + n - 8));
      both = _mm_unpacklo_epi64(head, tail);
    } else {
      std::int32_t h, t;
      std::memcpy(&h, s, 4);
      std::memcpy(&t, s + n - 4, 4);
      head = _mm_cvtsi32_si128(h);
      tail = _mm_cvtsi32_si128(t);
      both = _mm_unpacklo_epi32(head, tail);
      used = 0xFF;  // the zero bytes above would count as control characters
    }
    if ((care_mask(both) & used) != 0) return nullptr;
    if (n >= 8) {
      _mm_storel_epi64(reinterpret_cast<__m128i*>(p), head);
      _mm_storel_epi64(reinterpret_cast<__m128i*>(p + n - 8), tail);
    } else {
      std::memcpy(p, s, 4);
      std::memcpy(p + n - 4, s + n - 4, 4);
    }
    return p + n;
  }
  if (n == 0) return p;
  const auto first = static_cast<unsigned char>(s[0]);
  const auto middle = static_cast<unsigned char>(s[n / 2]);
  const auto last = static_cast<unsigned char>(s[n - 1]);
  if ((kClass[first] | kClass[middle] | kClass[last]) != 0) return nullptr;
  p[0] = static_cast<char>(first);
  p[n / 2] = static_cast<char>(middle);
  p[n - 1] = static_cast<char>(last);
  return p + n;
}

// append_quoted from s[i] on, where some byte may need care; writes the closing quote and
// returns the end. Out of line: most text never gets here, and the plain copy stays small.
[[gnu::noinline]] char* put_quoted_rest(char* p, const char* s, std::size_t len, std::size_t i) {
  while (len - i >= 16) {
    // Sixteen bytes at a time: store them all, keep those before the first that needs care.
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    const unsigned mask = care_mask(x);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p), x);
    if (mask == 0) {
      p += 16;
      i += 16;
      continue;
    }
    const auto k = static_cast<std::size_t>(__builtin_ctz(mask));
    i += k;
    p = put_special(p + k, s, len, i);
  }
  // The last few bytes: at once if they need no care, else one at a time.
  if (char* end = put_short_plain(p, s + i, len - i)) {
    p = end;
    i = len;
  }
  while (i < len) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (kClass[c] == 0) {
      *p++ = static_cast<char>(c);
      ++i;
    } else {
      p = put_special(p, s, len, i);
    }
  }
  *p++ = '"';
  return p;
}

}  // namespace
#endif

// JSON strings must be UTF-8: text a custom check returns may not be, so bad bytes become U+FFFD.
char* put_quoted(char* p, const char* s, std::size_t len) {
#if defined(__SSE2__)
  *p++ = '"';
  std::size_t i = 0;
  // Text that needs no care is copied whole here, sixteen bytes at a time, then its tail: the
  // last sixteen bytes again when there are that many (output and input are still in step), else
  // the few there are.
  if (len >= 16) {
    for (; len - i >= 16; i += 16, p += 16) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      if (care_mask(x) != 0) break;
      _mm_storeu_si128(reinterpret_cast<__m128i*>(p), x);
    }
    if (len - i < 16) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + len - 16));
      if (care_mask(x) == 0) {
        p += len - i;
        _mm_storeu_si128(reinterpret_cast<__m128i*>(p - 16), x);
        *p++ = '"';
        return p;
      }
    }
  } else if (char* end = put_short_plain(p, s, len)) {
    *end++ = '"';
    return end;
  }
  return put_quoted_rest(p, s, len, i);
#else
  return detail::put_quoted_portable(p, s, len);
#endif
}

void append_quoted(JsonText& out, const char* s, std::size_t len) {
  out.commit(put_quoted(out.room(quoted_bound(len)), s, len));
}

char* put_integer(char* p, long long v) {
  return std::to_chars(p, p + kIntegerBound, v).ptr;
}

void append_integer(JsonText& out, long long v) {
  out.commit(put_integer(out.room(kIntegerBound), v));
}

namespace {

// Writes `v` when it is the double nearest a number of one or two decimals (most points and
// ratios are): those digits are then its shortest round-trip spelling, the one fmt's "{}" gives,
// and the general algorithm is not needed. Returns the end, or nullptr (nothing written) when `v`
// is not one. Called for values that are not whole; writes at most 32 bytes.
char* put_short_decimal(char* p, double v) {
  if (!(std::fabs(v) < 1e9)) return nullptr;
  for (const long long scale : {10LL, 100LL}) {
    const double scaled = std::round(v * static_cast<double>(scale));
    // Exact integer over exact integer: the division gives the double nearest the decimal.
    if (scaled / static_cast<double>(scale) != v) continue;
    const long long k = static_cast<long long>(scaled);
    const unsigned long long digits = static_cast<unsigned long long>(k < 0 ? -k : k);
    // Two places ending in a zero are one place, which the first round would have found.
    if (scale == 100 && digits % 10 == 0) return nullptr;
    if (k < 0) *p++ = '-';
    p = std::to_chars(p, p + 24, digits / static_cast<unsigned long long>(scale)).ptr;
    *p++ = '.';
    const auto fraction = static_cast<unsigned>(digits % static_cast<unsigned long long>(scale));
    if (scale == 100) *p++ = static_cast<char>('0' + fraction / 10);
    *p++ = static_cast<char>('0' + fraction % 10);
    return p;
  }
  return nullptr;
}

}  // namespace

char* put_number(char* p, double v) {
  // Below 1e15 the conversion is exact for whole values and drops the fraction of others.
  if (std::fabs(v) < 1e15) {
    const auto whole = static_cast<long long>(v);
    if (static_cast<double>(whole) == v) return put_integer(p, whole);
  }
  if (!std::isfinite(v)) {
    std::memcpy(p, "null", 4);
    return p + 4;
  }
  if (char* end = put_short_decimal(p, v)) return end;
  return fmt::format_to_n(p, kNumberBound, "{}", v).out;
}

void append_number(JsonText& out, double v) {
  out.commit(put_number(out.room(kNumberBound), v));
}

}  // namespace sdi::report
