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
  if (indent_ > 0) {
    line_.reserve(2 + prefix.size() + 8 * indent_);
    line_ += ",\n";
    line_ += prefix;
  }
  head_ = line_.size();
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

// Copies the `n` bytes at `s` (fewer than sixteen) when none needs care, by two loads and stores
// that overlap in the middle, and moves `p` past them; false (nothing written) when one does or
// there are fewer than four.
bool put_plain_tail(char*& p, const char* s, std::size_t n) {
  if (n >= 8) {
    std::uint64_t head, tail;
    std::memcpy(&head, s, 8);
    std::memcpy(&tail, s + n - 8, 8);
    if (needs_care(head) || needs_care(tail)) return false;
    std::memcpy(p, &head, 8);
    std::memcpy(p + n - 8, &tail, 8);
  } else if (n >= 4) {
    std::uint32_t head, tail;
    std::memcpy(&head, s, 4);
    std::memcpy(&tail, s + n - 4, 4);
    if (needs_care(std::uint64_t{head} | std::uint64_t{tail} << 32)) return false;
    std::memcpy(p, &head, 4);
    std::memcpy(p + n - 4, &tail, 4);
  } else {
    return false;
  }
  p += n;
  return true;
}

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

}  // namespace

namespace detail {

void append_quoted_portable(JsonText& out, const char* s, std::size_t len) {
  char* p = out.room(len * 6 + 2);
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
  out.commit(p);
}

}  // namespace detail

// JSON strings must be UTF-8: text a custom check returns may not be, so bad bytes become U+FFFD.
void append_quoted(JsonText& out, const char* s, std::size_t len) {
#if defined(__SSE2__)
  // At most six bytes out per byte in (\u00XX), plus the quotes, plus the slack of one last
  // sixteen-byte store.
  char* p = out.room(len * 6 + 2 + 16);
  *p++ = '"';
  std::size_t i = 0;
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i del = _mm_set1_epi8(0x7f);
  while (len - i >= 16) {
    // Sixteen bytes at a time: store them all, keep those before the first that needs care.
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    // Signed: below 0x20 takes the bytes from 0x80 up too.
    const __m128i care =
        _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(x, space), _mm_cmpeq_epi8(x, quote)),
                     _mm_or_si128(_mm_cmpeq_epi8(x, backslash), _mm_cmpeq_epi8(x, del)));
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(care));
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
  // The last few bytes (all of a short text): at once if they need no care, else one at a time.
  if (i < len && put_plain_tail(p, s + i, len - i)) i = len;
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
  out.commit(p);
#else
  detail::append_quoted_portable(out, s, len);
#endif
}

void append_integer(JsonText& out, long long v) {
  char* p = out.room(24);
  out.commit(std::to_chars(p, p + 24, v).ptr);
}

namespace {

// Writes `v` when it is the double nearest a number of one or two decimals (most points and
// ratios are): those digits are then its shortest round-trip spelling, the one fmt's "{}" gives,
// and the general algorithm is not needed. False, writing nothing, when `v` is not one. Called
// for values that are not whole.
bool put_short_decimal(JsonText& out, double v) {
  if (!(std::fabs(v) < 1e9)) return false;
  for (const long long scale : {10LL, 100LL}) {
    const double scaled = std::round(v * static_cast<double>(scale));
    // Exact integer over exact integer: the division gives the double nearest the decimal.
    if (scaled / static_cast<double>(scale) != v) continue;
    const long long k = static_cast<long long>(scaled);
    const unsigned long long digits = static_cast<unsigned long long>(k < 0 ? -k : k);
    // Two places ending in a zero are one place, which the first round would have found.
    if (scale == 100 && digits % 10 == 0) return false;
    char* p = out.room(32);
    if (k < 0) *p++ = '-';
    p = std::to_chars(p, p + 24, digits / static_cast<unsigned long long>(scale)).ptr;
    *p++ = '.';
    const auto fraction = static_cast<unsigned>(digits % static_cast<unsigned long long>(scale));
    if (scale == 100) *p++ = static_cast<char>('0' + fraction / 10);
    *p++ = static_cast<char>('0' + fraction % 10);
    out.commit(p);
    return true;
  }
  return false;
}

}  // namespace

void append_number(JsonText& out, double v) {
  if (!std::isfinite(v)) {
    out.put("null");
  } else if (std::floor(v) == v && std::fabs(v) < 1e15) {
    append_integer(out, static_cast<long long>(v));
  } else if (!put_short_decimal(out, v)) {
    char* p = out.room(64);
    out.commit(fmt::format_to_n(p, 64, "{}", v).out);
  }
}

}  // namespace sdi::report
