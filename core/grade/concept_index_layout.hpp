#pragma once
// The concept index compiled into one block of bytes, laid out the same whether it was compiled
// in this process or read from the start-up cache: a cold start then matches against the cache
// entry where it already lies, rather than rebuilding tables (and touching fresh memory) from it.
//
// Words are local ids, positions in the block's own word list, since vocabulary ids depend on
// what a process happened to intern first; the index maps vocabulary ids to local ones.
//
// The block, in u32 cells unless said otherwise:
//   word count W, first-word count F (words [0, F) are the ones forms start with),
//   form count N, rest count R, spelling count S, id slot count I (a power of two, 2 or more);
//   heads[5F + 1]: per first word w, where its forms compared on stems, on lowercase words and
//     on spellings begin, then a bit for each second word of its longer forms compared on stems,
//     and one for those compared on lowercase words (the second word's local id modulo 32); the
//     forms of each way of comparing end where the next begin, the last at heads[5F] = N;
//   forms[N], four cells each (FormCell);
//   rest[R]: local ids of the third and later words of forms compared on stems or lowercase words;
//   ids[I]: the concepts by id, open-addressed from text::word_hash(id): index + 1, or 0 for a
//     free slot (at most half the slots in use), so that finding a concept by id hashes a few
//     bytes;
//   W words, then S spellings, each as a varint length and its bytes.
// Within the forms of one first word and comparison, the one-word forms come first, in the order
// they were added, then the longer ones by second word, longest first, then in the order added:
// the first one that matches is the longest, and of equally long ones the first added.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include "text/word_hash.hpp"

namespace sdi::grade::concept_layout {

// How a form's words are compared: names and synonyms on stems (inflections match), products
// and abbreviations on the lowercase word (a stemmer would turn "Fastly" into "fast"), exact
// forms on the spelling as written (found through their lowercase words).
enum class Compare : std::uint32_t { Stem = 0, Lower = 1, Exact = 2 };
constexpr std::uint32_t kCompares = 3;
constexpr std::size_t kHeadCells = 5;

// The bit of a second word in a first word's mask: when the next token's is not set, none of the
// longer forms can match, told without a look at them.
inline std::uint32_t second_bit(std::uint32_t local) {
  return std::uint32_t{1} << (local & 31);
}

struct FormCell {
  // 0 for a one-word form, else the second word's local id + 1.
  std::uint32_t second = 0;
  std::uint32_t concept_idx = 0;
  // Stems and lowercase words: where the third word is in rest. Exact: where the first word's
  // spelling is among the spellings.
  std::uint32_t more = 0;
  std::uint32_t count_compare = 0;  // word count << 2 | Compare

  std::uint32_t count() const { return count_compare >> 2; }
  Compare compare() const { return static_cast<Compare>(count_compare & 3); }
};
static_assert(sizeof(FormCell) == 16);

constexpr std::size_t kHeaderCells = 6;

// Cells are read with memcpy: a cache entry's payload has no particular alignment.
inline std::uint32_t cell(const char* at, std::size_t i) {
  std::uint32_t v;
  std::memcpy(&v, at + 4 * i, 4);
  return v;
}

// The forms [first, second) starting with first word `w` and compared the way `c` says.
inline std::pair<std::uint32_t, std::uint32_t> forms_of(const char* heads, std::size_t w,
                                                        Compare c) {
  const std::size_t at = w * kHeadCells + static_cast<std::size_t>(c);
  return {cell(heads, at), cell(heads, c == Compare::Exact ? (w + 1) * kHeadCells : at + 1)};
}

// The bits of the second words of `w`'s longer forms compared the way `c` says (not Exact).
inline std::uint32_t seconds_of(const char* heads, std::size_t w, Compare c) {
  return cell(heads, w * kHeadCells + kCompares + static_cast<std::size_t>(c));
}

inline FormCell form_cell(const char* forms, std::size_t i) {
  FormCell f;
  std::memcpy(&f, forms + sizeof(FormCell) * i, sizeof(FormCell));
  return f;
}

inline void put_cell(std::string& out, std::uint32_t v) {
  char bytes[4];
  std::memcpy(bytes, &v, 4);
  out.append(bytes, 4);
}

inline void put_text(std::string& out, std::string_view s) {
  auto n = static_cast<std::uint32_t>(s.size());
  for (; n >= 0x80; n >>= 7) out += static_cast<char>((n & 0x7F) | 0x80);
  out += static_cast<char>(n);
  out += s;
}

// The next text from `at`, moving `at` past it; false when the bytes up to `end` hold none.
inline bool take_text(const char*& at, const char* end, std::string_view& text) {
  std::uint32_t n = 0;
  for (int shift = 0;; shift += 7) {
    if (at == end || shift > 28) return false;
    const auto b = static_cast<unsigned char>(*at++);
    n |= static_cast<std::uint32_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) break;
  }
  if (n > static_cast<std::size_t>(end - at)) return false;
  text = {at, n};
  at += n;
  return true;
}

}  // namespace sdi::grade::concept_layout
