#pragma once
// A 32-bit hash of a short word, the same in every process (tables built from it may be cached):
// a few whole-word steps where std::hash makes a call that costs as much again as the rest of a
// lookup. For interning words and looking up ids, not for anything an attacker chooses to collide.

#include <cstdint>
#include <cstring>
#include <string_view>

namespace sdi::text {

inline std::uint32_t word_hash(std::string_view word) {
  constexpr std::uint64_t kMul = 0xff51afd7ed558ccdULL;
  const char* p = word.data();
  const std::size_t n = word.size();
  std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
  std::uint64_t last = 0;
  if (n >= 8) {
    for (std::size_t k = 0; k + 8 < n; k += 8) {
      std::uint64_t w;
      std::memcpy(&w, p + k, 8);
      h = (h ^ w) * kMul;
      h ^= h >> 32;
    }
    // The last eight bytes, overlapping the step before when eight do not divide the length.
    std::memcpy(&last, p + n - 8, 8);
  } else if (n >= 4) {
    std::uint32_t front, back;
    std::memcpy(&front, p, 4);
    std::memcpy(&back, p + n - 4, 4);
    last = front | std::uint64_t{back} << 32;
  } else if (n > 0) {
    last = static_cast<unsigned char>(p[0]) | static_cast<unsigned char>(p[n / 2]) << 8 |
           static_cast<unsigned char>(p[n - 1]) << 16;
  }
  h = (h ^ last) * kMul;
  return static_cast<std::uint32_t>(h ^ (h >> 29));
}

}  // namespace sdi::text
