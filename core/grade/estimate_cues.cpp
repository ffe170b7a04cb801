#include "grade/estimate_cues.hpp"

#include <bit>
#include <cstdint>
#include <cstring>

namespace sdi::grade {

namespace {

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Whether the lowercase `cue` stands at `at` in `text`, in any case, ending by `end`.
bool cue_at(std::string_view text, std::size_t at, std::size_t end, std::string_view cue) {
  if (end - at < cue.size()) return false;
  for (std::size_t k = 0; k < cue.size(); ++k)
    if (lower(text[at + k]) != cue[k]) return false;
  return true;
}

// The clause and its cues are looked for eight bytes at a time: a word of text holds byte k in
// its bits 8k to 8k + 7, and a mask marks a byte by its high bit.
constexpr std::uint64_t kOnes = 0x0101010101010101u;
constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Fu;

std::uint64_t load(const char* p) {
  std::uint64_t x;
  std::memcpy(&x, p, 8);
  if constexpr (std::endian::native == std::endian::big) x = __builtin_bswap64(x);
  return x;
}
// The bytes of `x` that are zero (exactly: no borrow crosses bytes).
std::uint64_t zero_bytes(std::uint64_t x) {
  return ~(((x & kLow7) + kLow7) | x | kLow7);
}
std::uint64_t bytes_equal(std::uint64_t x, char c) {
  return zero_bytes(x ^ (kOnes * static_cast<unsigned char>(c)));
}
std::uint64_t clause_breaks(std::uint64_t x) {
  return bytes_equal(x, ',') | bytes_equal(x, ';') | bytes_equal(x, ':');
}
bool is_break(char c) {
  return c == ',' || c == ';' || c == ':';
}
// Setting bit 5 lowercases N and makes no other byte an n.
std::uint64_t n_bytes(std::uint64_t x) {
  return bytes_equal(x | (kOnes * 0x20), 'n');
}

// Every cue holds an n, at a fixed place: the cues that could hold the n at `k`.
bool cue_around_n(std::string_view text, std::size_t from, std::size_t k, std::size_t end) {
  if (k >= from + 1 &&
      (cue_at(text, k - 1, end, "instead of") || cue_at(text, k - 1, end, "unlike")))
    return true;
  if (cue_at(text, k, end, "not ") || cue_at(text, k, end, "no longer")) return true;
  return k >= from + 10 && cue_at(text, k - 10, end, "rather than");
}

}  // namespace

bool set_aside_by_cue(std::string_view text, std::size_t offset) {
  // Up to 40 bytes before the figure, in the clause the figure is in: after the last comma,
  // semicolon or colon there.
  std::size_t from = offset > 40 ? offset - 40 : 0;
  for (std::size_t end = offset; end > from;) {
    if (end - from >= 8) {
      std::uint64_t breaks = clause_breaks(load(text.data() + end - 8));
      if (breaks != 0) {
        from = end - 8 + static_cast<std::size_t>((63 - std::countl_zero(breaks)) / 8) + 1;
        break;
      }
      end -= 8;
    } else {
      if (is_break(text[end - 1])) {
        from = end;
        break;
      }
      --end;
    }
  }
  // The cues ("instead of", "rather than", "not ", "no longer", "unlike") are tried around each
  // n of the clause.
  std::size_t k = from;
  for (; k + 8 <= offset; k += 8) {
    for (std::uint64_t ns = n_bytes(load(text.data() + k)); ns != 0; ns &= ns - 1)
      if (cue_around_n(text, from, k + static_cast<std::size_t>(std::countr_zero(ns)) / 8, offset))
        return true;
  }
  for (; k < offset; ++k)
    if ((text[k] | 0x20) == 'n' && cue_around_n(text, from, k, offset)) return true;
  return false;
}

}  // namespace sdi::grade
