#pragma once
// Internal: a fixed list of words hashed when the program is compiled. The quantity engine looks
// up nearly every word of the text it reads; a table made at compile time costs a cold start
// nothing to build.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sdi::quantity::detail {

// FNV-1a, a byte at a time: a word can be hashed as it is read.
constexpr std::uint32_t kHashStart = 2166136261u;
constexpr std::uint32_t hash_step(std::uint32_t h, char c) {
  return (h ^ static_cast<unsigned char>(c)) * 16777619u;
}
constexpr std::uint32_t word_hash(std::string_view w) {
  std::uint32_t h = kHashStart;
  for (char c : w) h = hash_step(h, c);
  return h;
}

// Open addressing over `Slots` slots, a power of two, kept at most half full so that a miss ends
// after a slot or two. Each slot holds a word and its position in the list the table was made
// from. Before hashing, a filter holds for each word length (the last slot for any longer) a bit
// per low five bits of its words' first bytes: most words asked about are in no table, and the
// filter says so at once.
template <std::size_t Slots>
class WordTable {
  static_assert(Slots >= 4 && (Slots & (Slots - 1)) == 0, "Slots must be a power of two");

 public:
  static constexpr std::uint16_t kAbsent = 0xFFFF;

  constexpr WordTable() { positions_.fill(kAbsent); }

  // Adds `word` at `position`, unless the table holds the word already: the first one stays.
  // Empty words are never found.
  constexpr void add(std::string_view word, std::uint16_t position) {
    std::size_t s = word_hash(word) & (Slots - 1);
    for (; positions_[s] != kAbsent; s = (s + 1) & (Slots - 1))
      if (words_[s] == word) return;
    if (2 * ++size_ > Slots) throw "WordTable: more words than half its slots";
    positions_[s] = position;
    words_[s] = word;
    if (!word.empty()) starts_[word.size() < 31 ? word.size() : 31] |= first_bit(word[0]);
  }

  // False when the table holds no word of `length` bytes starting with `first`: a word can be
  // turned away by this before it is lowercased or hashed.
  constexpr bool may_hold(std::size_t length, char first) const {
    return length > 0 && (starts_[length < 31 ? length : 31] & first_bit(first));
  }

  // The position `word` was added at, or kAbsent.
  constexpr std::uint16_t find(std::string_view word) const {
    if (word.empty() || !may_hold(word.size(), word[0])) return kAbsent;
    return find_hashed(word, word_hash(word));
  }
  // find(word) for a caller that has `hash`, word_hash(word), already: every table hashes alike,
  // so a word asked of several tables, or hashed as it is lowercased, is hashed once.
  constexpr std::uint16_t find_hashed(std::string_view word, std::uint32_t hash) const {
    for (std::size_t s = hash & (Slots - 1);; s = (s + 1) & (Slots - 1)) {
      if (positions_[s] == kAbsent) return kAbsent;
      if (same(words_[s], word)) return positions_[s];
    }
  }
  constexpr bool contains(std::string_view word) const { return find(word) != kAbsent; }

 private:
  // Words are short: a loop compares them in fewer instructions than a call to memcmp.
  static constexpr bool same(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a[i] != b[i]) return false;
    return true;
  }
  static constexpr std::uint32_t first_bit(char c) {
    return std::uint32_t{1} << (static_cast<unsigned char>(c) & 31);
  }

  std::array<std::uint16_t, Slots> positions_{};
  std::array<std::string_view, Slots> words_{};
  std::array<std::uint32_t, 32> starts_{};
  std::size_t size_ = 0;
};

// The table of every word of `list`, each at its index.
template <std::size_t Slots, std::size_t N>
constexpr WordTable<Slots> word_table(const std::string_view (&list)[N]) {
  WordTable<Slots> t;
  for (std::size_t i = 0; i < N; ++i) t.add(list[i], static_cast<std::uint16_t>(i));
  return t;
}

// The position of `w` in any case in a table of lowercase words, or kAbsent (no table holds a
// word over 24 bytes).
template <std::size_t Slots>
std::uint16_t find_any_case(const WordTable<Slots>& words, std::string_view w) {
  constexpr std::uint16_t kAbsent = WordTable<Slots>::kAbsent;
  if (w.empty() || w.size() > 24) return kAbsent;
  char first = w[0];
  if (first >= 'A' && first <= 'Z') first = static_cast<char>(first - 'A' + 'a');
  if (!words.may_hold(w.size(), first)) return kAbsent;  // most words: not lowercased
  // Lowercased and hashed in one pass.
  char buf[24];
  std::uint32_t h = kHashStart;
  for (std::size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    buf[i] = c;
    h = hash_step(h, c);
  }
  return words.find_hashed(std::string_view(buf, w.size()), h);
}

template <std::size_t Slots>
bool contains_any_case(const WordTable<Slots>& words, std::string_view w) {
  return find_any_case(words, w) != WordTable<Slots>::kAbsent;
}

}  // namespace sdi::quantity::detail
