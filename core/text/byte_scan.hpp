#pragma once
// Finding the next of a few marker bytes in a long text. The engine passes over every byte of an
// answer several times looking for sentence ends or arrows, and almost no byte is one: testing
// sixteen bytes at a time skips the rest of them for a handful of instructions.

#include <bit>
#include <cstddef>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sdi::text {

// The first position at or after `from` whose byte is one of `Marks`, or text.size().
template <char... Marks>
std::size_t find_byte(std::string_view text, std::size_t from) {
  const char* data = text.data();
  const std::size_t n = text.size();
  std::size_t i = from;
#if defined(__SSE2__)
  // A bit per byte of the sixteen at `p` that is a mark.
  const auto marks_at = [](const char* p) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i hits = _mm_setzero_si128();
    ((hits = _mm_or_si128(hits, _mm_cmpeq_epi8(bytes, _mm_set1_epi8(Marks)))), ...);
    return static_cast<unsigned>(_mm_movemask_epi8(hits));
  };
  for (; i + 16 <= n; i += 16)
    if (const unsigned hits = marks_at(data + i); hits != 0)
      return i + static_cast<std::size_t>(std::countr_zero(hits));
  if (i >= n) return n;
  // The rest in one step as well: most texts are short, and a byte at a time through each one's
  // end cost more than the search up to it.
  unsigned hits;
  if (n >= 16) {
    // The text's last sixteen bytes, less those looked at already.
    hits = marks_at(data + n - 16) >> (i - (n - 16));
  } else {
    char tail[16] = {};
    std::memcpy(tail, data + i, n - i);
    hits = marks_at(tail) & ((1u << (n - i)) - 1);  // not the zeros after the copy
  }
  return hits != 0 ? i + static_cast<std::size_t>(std::countr_zero(hits)) : n;
#else
  for (; i < n; ++i)
    if (((data[i] == Marks) || ...)) return i;
  return n;
#endif
}

}  // namespace sdi::text
