#pragma once

#include <lua.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sdi::lua::detail {

// A set of byte values: one bit each.
class ByteSet {
 public:
  constexpr void add(unsigned c) noexcept { words_[c >> 6] |= std::uint64_t{1} << (c & 63); }
  // Adds lo..hi (both included).
  constexpr void add_range(unsigned lo, unsigned hi) noexcept {
    for (unsigned word = lo >> 6; word <= hi >> 6 && lo <= hi; ++word) {
      std::uint64_t mask = ~std::uint64_t{0};
      if (word == lo >> 6) mask &= ~std::uint64_t{0} << (lo & 63);
      if (word == hi >> 6) mask &= ~std::uint64_t{0} >> (63 - (hi & 63));
      words_[word] |= mask;
    }
  }
  constexpr void add(const ByteSet& other) noexcept {
    for (std::size_t i = 0; i < words_.size(); ++i) words_[i] |= other.words_[i];
  }
  constexpr void invert() noexcept {
    for (auto& word : words_) word = ~word;
  }
  constexpr bool contains(unsigned c) const noexcept { return (words_[c >> 6] >> (c & 63)) & 1; }

 private:
  std::array<std::uint64_t, 4> words_{};
};

// Lua 5.4 pattern matching (reference manual, section 6.4.1) whose every step is charged to the
// sandbox budget, so no pattern can keep a C function busy for long: the stock matcher never
// returns to the VM and is quadratic or worse on patterns like ".-.-x".
class PatternMatcher {
 public:
  static constexpr int kMaxCaptures = 32;

  // Both strings must stay alive (on the Lua stack) while the matcher is used.
  PatternMatcher(lua_State* L, std::string_view subject, std::string_view pattern);
  PatternMatcher(const PatternMatcher&) = delete;
  PatternMatcher& operator=(const PatternMatcher&) = delete;

  // Matches the pattern starting at `pattern` (inside the pattern string) against the subject
  // from `at`. Returns the end of the match or nullptr. Malformed patterns raise Lua errors.
  const char* match(const char* at, const char* pattern);

  // Pushes the captures of the last match (the whole match when the pattern has none and
  // `whole_when_none`), returns how many were pushed.
  int push_captures(const char* start, const char* end, bool whole_when_none);
  // Pushes capture `index` (0-based); index 0 of a pattern without captures is the whole match.
  void push_capture(int index, const char* start, const char* end);

  // Charges the steps not yet charged.
  void flush();

  // When the pattern's item at `p` matches one byte ("x", "%s", "[&<>]", ".") and must match at
  // least once (no "*", "?" or "-" after it), returns the item's end (its quantifier, the next
  // item or pattern_end()); nullptr otherwise. A match can only start where it matches.
  const char* first_byte_item(const char* p);
  // `p` past any frontier items ("%f[%a]") it starts with: they match no byte, so the byte a
  // match starts on is the next item's.
  const char* skip_frontiers(const char* p);
  // Whether byte `c` matches the single-byte item [p, item_end).
  bool byte_matches(int c, const char* p, const char* item_end) const;
  // Every byte the single-byte item [p, item_end) matches, as byte_matches answers for each.
  ByteSet matching_bytes(const char* p, const char* item_end) const;

  const char* subject_begin() const noexcept { return subject_begin_; }
  const char* subject_end() const noexcept { return subject_end_; }
  const char* pattern_begin() const noexcept { return pattern_begin_; }
  const char* pattern_end() const noexcept { return pattern_end_; }

 private:
  struct Capture {
    const char* start;
    std::ptrdiff_t length;  // or kUnfinished / kPosition
  };

  const char* do_match(const char* s, const char* p);
  const char* max_expand(const char* s, const char* p, const char* class_end);
  const char* min_expand(const char* s, const char* p, const char* class_end);
  const char* start_capture(const char* s, const char* p, std::ptrdiff_t what);
  const char* end_capture(const char* s, const char* p);
  const char* match_back_reference(const char* s, int digit);
  const char* match_balance(const char* s, const char* p);
  const char* class_end(const char* p);
  bool single_match(const char* s, const char* p, const char* class_end) const;
  int capture_to_close();
  void step();

  lua_State* L_;
  const char* subject_begin_;
  const char* subject_end_;
  const char* pattern_begin_;
  const char* pattern_end_;
  int depth_left_ = 0;
  int level_ = 0;
  std::uint32_t pending_steps_ = 0;
  Capture captures_[kMaxCaptures] = {};
};

// True when the pattern has no magic characters, so a plain substring search gives the same
// result.
bool is_plain_pattern(std::string_view pattern) noexcept;

}  // namespace sdi::lua::detail
