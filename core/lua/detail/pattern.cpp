#include "lua/detail/pattern.hpp"

#include <lauxlib.h>

#include <cstring>

#include "lua/detail/runtime.hpp"

namespace sdi::lua::detail {
namespace {

constexpr std::ptrdiff_t kUnfinished = -1;
constexpr std::ptrdiff_t kPosition = -2;
constexpr char kEscape = '%';
// Nesting of quantifiers and captures; deeper patterns raise "pattern too complex".
constexpr int kMaxDepth = 200;
constexpr std::uint32_t kStepsPerCharge = 1024;

constexpr int to_byte(char c) noexcept {
  return static_cast<unsigned char>(c);
}

// Character classes of the C locale, spelled out so results never depend on the host's locale.
constexpr bool is_upper(int c) noexcept {
  return c >= 'A' && c <= 'Z';
}
constexpr bool is_lower(int c) noexcept {
  return c >= 'a' && c <= 'z';
}
constexpr bool is_alpha(int c) noexcept {
  return is_upper(c) || is_lower(c);
}
constexpr bool is_digit(int c) noexcept {
  return c >= '0' && c <= '9';
}
constexpr bool is_alnum(int c) noexcept {
  return is_alpha(c) || is_digit(c);
}
constexpr bool is_space(int c) noexcept {
  return c == ' ' || (c >= '\t' && c <= '\r');
}
constexpr bool is_control(int c) noexcept {
  return c < 32 || c == 127;
}
constexpr bool is_graph(int c) noexcept {
  return c > 32 && c < 127;
}
constexpr bool is_punct(int c) noexcept {
  return is_graph(c) && !is_alnum(c);
}
constexpr bool is_hex(int c) noexcept {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
constexpr int to_lower(int c) noexcept {
  return is_upper(c) ? c - 'A' + 'a' : c;
}

// %a, %d, ... and their upper-case complements; any other letter stands for itself.
constexpr bool class_matches(int c, int class_letter) noexcept {
  bool matches = false;
  switch (to_lower(class_letter)) {
    case 'a':
      matches = is_alpha(c);
      break;
    case 'c':
      matches = is_control(c);
      break;
    case 'd':
      matches = is_digit(c);
      break;
    case 'g':
      matches = is_graph(c);
      break;
    case 'l':
      matches = is_lower(c);
      break;
    case 'p':
      matches = is_punct(c);
      break;
    case 's':
      matches = is_space(c);
      break;
    case 'u':
      matches = is_upper(c);
      break;
    case 'w':
      matches = is_alnum(c);
      break;
    case 'x':
      matches = is_hex(c);
      break;
    case 'z':  // deprecated in the manual, still accepted by Lua 5.4
      matches = c == 0;
      break;
    default:
      return class_letter == c;
  }
  return is_upper(class_letter) ? !matches : matches;
}

// What reading a set found: whether it starts with '^', and whether a callback ended the reading.
struct SetReading {
  bool negated = false;
  bool stopped = false;
};

// Reads the set `open`..`close` ('[' and its ']') item by item: `on_class` gets the letter of each
// "%x", `on_range` the first and last byte of each range ("a-z") or single byte ("a", as a range of
// one). Either callback returns true to stop the reading there.
template <class OnClass, class OnRange>
SetReading read_set(const char* open, const char* close, OnClass&& on_class, OnRange&& on_range) {
  SetReading reading;
  const char* p = open + 1;
  if (*p == '^') {
    reading.negated = true;
    ++p;
  }
  for (; p < close && !reading.stopped; ++p) {
    if (*p == kEscape) {
      ++p;
      reading.stopped = on_class(to_byte(*p));
    } else if (p + 2 < close && p[1] == '-') {
      reading.stopped = on_range(to_byte(p[0]), to_byte(p[2]));
      p += 2;
    } else {
      reading.stopped = on_range(to_byte(*p), to_byte(*p));
    }
  }
  return reading;
}

// `open` points at '[', `close` at the ']' that ends the set.
bool set_matches(int c, const char* open, const char* close) noexcept {
  const SetReading reading = read_set(
      open, close, [c](int letter) { return class_matches(c, letter); },
      [c](int first, int last) { return first <= c && c <= last; });
  return reading.stopped != reading.negated;
}

// What "%x" matches, for each ASCII x (a class like %a or %S, or x itself), worked out when
// compiling, so a set of a pattern's item is a few word operations away.
constexpr std::array<ByteSet, 128> class_sets() {
  std::array<ByteSet, 128> sets{};
  for (int letter = 0; letter < 128; ++letter) {
    for (int c = 0; c < 256; ++c)
      if (class_matches(c, letter)) sets[letter].add(static_cast<unsigned>(c));
  }
  return sets;
}
constexpr std::array<ByteSet, 128> kClassSets = class_sets();

ByteSet escaped_set(int letter) {
  if (letter < 128) return kClassSets[static_cast<std::size_t>(letter)];
  ByteSet single;
  single.add(static_cast<unsigned>(letter));
  return single;
}

// The bytes the set `open`..`close` ('[' and its ']') matches, read as set_matches reads it.
ByteSet set_bytes(const char* open, const char* close) {
  ByteSet bytes;
  const SetReading reading = read_set(
      open, close,
      [&bytes](int letter) {
        bytes.add(escaped_set(letter));
        return false;
      },
      [&bytes](int first, int last) {
        bytes.add_range(static_cast<unsigned>(first), static_cast<unsigned>(last));
        return false;
      });
  if (reading.negated) bytes.invert();
  return bytes;
}

}  // namespace

PatternMatcher::PatternMatcher(lua_State* L, std::string_view subject, std::string_view pattern)
    : L_(L),
      subject_begin_(subject.data()),
      subject_end_(subject.data() + subject.size()),
      pattern_begin_(pattern.data()),
      pattern_end_(pattern.data() + pattern.size()) {}

void PatternMatcher::step() {
  if (++pending_steps_ >= kStepsPerCharge) flush();
}

void PatternMatcher::flush() {
  const std::uint32_t steps = pending_steps_;
  pending_steps_ = 0;
  if (steps != 0) charge(L_, steps);
}

const char* PatternMatcher::match(const char* at, const char* pattern) {
  level_ = 0;
  depth_left_ = kMaxDepth;
  return do_match(at, pattern);
}

const char* PatternMatcher::class_end(const char* p) {
  const char c = *p++;
  if (c == kEscape) {
    if (p >= pattern_end_) luaL_error(L_, "malformed pattern (ends with '%%')");
    return p + 1;
  }
  if (c == '[') {
    if (p < pattern_end_ && *p == '^') ++p;
    // The first character of a set is never its end, so "[]]" is the set of ']'.
    do {
      if (p >= pattern_end_) luaL_error(L_, "malformed pattern (missing ']')");
      const char member = *p++;
      if (member == kEscape && p < pattern_end_) ++p;
    } while (p >= pattern_end_ || *p != ']');
    return p + 1;
  }
  return p;
}

bool PatternMatcher::single_match(const char* s, const char* p, const char* end) const {
  if (s >= subject_end_) return false;
  return byte_matches(to_byte(*s), p, end);
}

const char* PatternMatcher::first_byte_item(const char* p) {
  if (p >= pattern_end_) return nullptr;
  const char c = *p;
  if (c == '(' || c == ')' || c == '^' || (c == '$' && p + 1 == pattern_end_)) return nullptr;
  if (c == kEscape && p + 1 < pattern_end_ &&
      (p[1] == 'b' || p[1] == 'f' || (p[1] >= '0' && p[1] <= '9')))
    return nullptr;
  const char* end = class_end(p);
  if (end < pattern_end_ && (*end == '*' || *end == '?' || *end == '-')) return nullptr;
  return end;
}

const char* PatternMatcher::skip_frontiers(const char* p) {
  while (pattern_end_ - p > 2 && p[0] == kEscape && p[1] == 'f' && p[2] == '[')
    p = class_end(p + 2);
  return p;
}

bool PatternMatcher::byte_matches(int c, const char* p, const char* end) const {
  switch (*p) {
    case '.':
      return true;
    case kEscape:
      return class_matches(c, to_byte(p[1]));
    case '[':
      return set_matches(c, p, end - 1);
    default:
      return to_byte(*p) == c;
  }
}

ByteSet PatternMatcher::matching_bytes(const char* p, const char* end) const {
  ByteSet bytes;
  switch (*p) {
    case '.':
      bytes.add_range(0, 255);
      return bytes;
    case kEscape:
      return escaped_set(to_byte(p[1]));
    case '[':
      return set_bytes(p, end - 1);
    default:
      bytes.add(static_cast<unsigned>(to_byte(*p)));
      return bytes;
  }
}

const char* PatternMatcher::do_match(const char* s, const char* p) {
  if (depth_left_-- == 0) luaL_error(L_, "pattern too complex");
  const char* result = nullptr;
  while (true) {
    step();
    if (p == pattern_end_) {
      result = s;
      break;
    }
    if (*p == '(') {
      const bool position = p + 1 < pattern_end_ && p[1] == ')';
      result = position ? start_capture(s, p + 2, kPosition) : start_capture(s, p + 1, kUnfinished);
      break;
    }
    if (*p == ')') {
      result = end_capture(s, p + 1);
      break;
    }
    if (*p == '$' && p + 1 == pattern_end_) {
      result = s == subject_end_ ? s : nullptr;
      break;
    }
    if (*p == kEscape && p + 1 < pattern_end_) {
      const char directive = p[1];
      if (directive == 'b') {
        s = match_balance(s, p + 2);
        if (s == nullptr) break;
        p += 4;
        continue;
      }
      if (directive == 'f') {
        p += 2;
        if (p >= pattern_end_ || *p != '[') luaL_error(L_, "missing '[' after '%%f' in pattern");
        const char* end = class_end(p);
        const int previous = s == subject_begin_ ? 0 : to_byte(s[-1]);
        const int current = s < subject_end_ ? to_byte(*s) : 0;
        if (set_matches(previous, p, end - 1) || !set_matches(current, p, end - 1)) break;
        p = end;
        continue;
      }
      if (is_digit(to_byte(directive))) {
        s = match_back_reference(s, to_byte(directive));
        if (s == nullptr) break;
        p += 2;
        continue;
      }
    }
    // A single character class, maybe followed by a quantifier.
    const char* end = class_end(p);
    const char quantifier = end < pattern_end_ ? *end : '\0';
    if (!single_match(s, p, end)) {
      if (quantifier == '*' || quantifier == '?' || quantifier == '-') {
        p = end + 1;  // these accept zero occurrences
        continue;
      }
      break;
    }
    if (quantifier == '?') {
      result = do_match(s + 1, end + 1);
      if (result != nullptr) break;
      p = end + 1;
      continue;
    }
    if (quantifier == '+') {
      result = max_expand(s + 1, p, end);
      break;
    }
    if (quantifier == '*') {
      result = max_expand(s, p, end);
      break;
    }
    if (quantifier == '-') {
      result = min_expand(s, p, end);
      break;
    }
    ++s;
    p = end;
  }
  ++depth_left_;
  return result;
}

const char* PatternMatcher::max_expand(const char* s, const char* p, const char* end) {
  std::ptrdiff_t count = 0;
  while (single_match(s + count, p, end)) {
    ++count;
    step();
  }
  for (; count >= 0; --count) {
    if (const char* result = do_match(s + count, end + 1)) return result;
  }
  return nullptr;
}

const char* PatternMatcher::min_expand(const char* s, const char* p, const char* end) {
  while (true) {
    if (const char* result = do_match(s, end + 1)) return result;
    if (!single_match(s, p, end)) return nullptr;
    ++s;
  }
}

const char* PatternMatcher::start_capture(const char* s, const char* p, std::ptrdiff_t what) {
  if (level_ >= kMaxCaptures) luaL_error(L_, "too many captures");
  captures_[level_] = {s, what};
  ++level_;
  const char* result = do_match(s, p);
  if (result == nullptr) --level_;
  return result;
}

const char* PatternMatcher::end_capture(const char* s, const char* p) {
  const int index = capture_to_close();
  captures_[index].length = s - captures_[index].start;
  const char* result = do_match(s, p);
  if (result == nullptr) captures_[index].length = kUnfinished;
  return result;
}

int PatternMatcher::capture_to_close() {
  for (int index = level_ - 1; index >= 0; --index) {
    if (captures_[index].length == kUnfinished) return index;
  }
  return luaL_error(L_, "invalid pattern capture");
}

const char* PatternMatcher::match_back_reference(const char* s, int digit) {
  const int index = digit - '1';
  if (index < 0 || index >= level_ || captures_[index].length == kUnfinished) {
    luaL_error(L_, "invalid capture index %%%d", index + 1);
  }
  const std::ptrdiff_t length = captures_[index].length;
  if (length < 0) return nullptr;  // a position capture never matches text
  pending_steps_ += static_cast<std::uint32_t>(length / 16);
  step();
  if (subject_end_ - s >= length &&
      std::memcmp(captures_[index].start, s, static_cast<std::size_t>(length)) == 0) {
    return s + length;
  }
  return nullptr;
}

const char* PatternMatcher::match_balance(const char* s, const char* p) {
  if (p + 1 >= pattern_end_) luaL_error(L_, "malformed pattern (missing arguments to '%%b')");
  if (s >= subject_end_ || *s != *p) return nullptr;
  const char open = p[0];
  const char close = p[1];
  int depth = 1;
  while (++s < subject_end_) {
    step();
    if (*s == close) {
      if (--depth == 0) return s + 1;
    } else if (*s == open) {
      ++depth;
    }
  }
  return nullptr;
}

void PatternMatcher::push_capture(int index, const char* start, const char* end) {
  if (index >= level_) {
    if (index != 0) luaL_error(L_, "invalid capture index %%%d", index + 1);
    lua_pushlstring(L_, start, static_cast<std::size_t>(end - start));
    return;
  }
  const Capture& capture = captures_[index];
  if (capture.length == kUnfinished) luaL_error(L_, "unfinished capture");
  if (capture.length == kPosition) {
    lua_pushinteger(L_, static_cast<lua_Integer>(capture.start - subject_begin_) + 1);
  } else {
    lua_pushlstring(L_, capture.start, static_cast<std::size_t>(capture.length));
  }
}

int PatternMatcher::push_captures(const char* start, const char* end, bool whole_when_none) {
  const int count = (level_ == 0 && whole_when_none) ? 1 : level_;
  luaL_checkstack(L_, count, "too many captures");
  for (int index = 0; index < count; ++index) push_capture(index, start, end);
  return count;
}

bool is_plain_pattern(std::string_view pattern) noexcept {
  return pattern.find_first_of("^$*+?.([%-") == std::string_view::npos;
}

}  // namespace sdi::lua::detail
