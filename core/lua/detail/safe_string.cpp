#include <fmt/format.h>
#include <lauxlib.h>
#include <lualib.h>

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>

#include "lua/binding.hpp"
#include "lua/detail/libraries.hpp"
#include "lua/detail/pattern.hpp"
#include "lua/detail/runtime.hpp"

namespace sdi::lua::detail {
namespace {

// Bytes a plain substring search scans or compares per budget unit.
constexpr std::size_t kScanBytesPerUnit = kBytesPerUnit;

std::string_view check_string(lua_State* L, int arg) {
  std::size_t length = 0;
  const char* text = luaL_checklstring(L, arg, &length);
  return {text, length};
}

// Lua's rule for an initial position: negative counts from the end, out-of-range clamps to 1.
std::size_t start_offset(lua_Integer position, std::size_t length) {
  if (position > 0) return static_cast<std::size_t>(position) - 1;
  if (position == 0) return 0;
  if (position < -static_cast<lua_Integer>(length)) return 0;
  return length - static_cast<std::size_t>(-position);
}

void enforce_caps(lua_State* L, const char* function, std::string_view subject,
                  std::string_view pattern) {
  const Limits& limits = runtime(L).limits;
  if (subject.size() > limits.pattern_subject_max) {
    raise_tagged(L, Error::Kind::Forbidden,
                 fmt::format("{}: subject of {} bytes exceeds the sandbox limit of {} for "
                             "pattern matching",
                             function, subject.size(), format_bytes(limits.pattern_subject_max)));
  }
  if (pattern.size() > limits.pattern_max) {
    raise_tagged(L, Error::Kind::Forbidden,
                 fmt::format("{}: pattern of {} bytes exceeds the sandbox limit of {}", function,
                             pattern.size(), format_bytes(limits.pattern_max)));
  }
}

// Substring search charged per candidate position, so a needle whose first byte occurs
// everywhere ("aaa...b" in "aaaa...") pays for every comparison.
std::size_t charged_search(lua_State* L, std::string_view haystack, std::string_view needle,
                           std::size_t from) {
  if (needle.empty()) return from;
  std::uint64_t units = 1;
  const std::uint64_t compare_units = 1 + needle.size() / kScanBytesPerUnit;
  std::size_t found = std::string_view::npos;
  while (from + needle.size() <= haystack.size()) {
    const void* candidate = std::memchr(haystack.data() + from, needle.front(),
                                        haystack.size() - needle.size() + 1 - from);
    if (candidate == nullptr) {
      units += (haystack.size() - from) / kScanBytesPerUnit;
      break;
    }
    const auto at = static_cast<std::size_t>(static_cast<const char*>(candidate) - haystack.data());
    units += (at - from) / kScanBytesPerUnit + compare_units;
    if (std::memcmp(haystack.data() + at, needle.data(), needle.size()) == 0) {
      found = at;
      break;
    }
    from = at + 1;
    if (units >= 4096) {
      charge(L, units);
      units = 0;
    }
  }
  charge(L, units);
  return found;
}

// Where a match can start: at a byte the pattern's first item matches, when that item is a single
// byte that must occur ("x", "%s", "[&<>]" without "*", "?" or "-"; after any leading frontiers,
// which match no byte: "%f[%a]key" starts on a "k"). Skipping the other bytes saves running the
// matcher at every position; the item's bytes are made into a set once per call.
class MatchStart {
 public:
  MatchStart(PatternMatcher& matcher, const char* p, bool anchored)
      : matcher_(matcher),
        p_(matcher.skip_frontiers(p)),
        end_(anchored ? nullptr : matcher.first_byte_item(p_)),
        after_frontier_(p_ != p) {
    if (end_ != nullptr) starts_ = matcher.matching_bytes(p_, end_);
  }
  bool active() const { return end_ != nullptr; }
  // The pattern is that one item and nothing else.
  bool whole() const {
    return end_ != nullptr && !after_frontier_ && end_ == matcher_.pattern_end();
  }
  bool can_start(char c) const { return starts_.contains(static_cast<unsigned char>(c)); }
  // The first position from `s` where a match can start (`e` when none), charged to the budget.
  const char* skip(lua_State* L, const char* s, const char* e) const {
    const char* from = s;
    while (s < e && !can_start(*s)) ++s;
    charge(L, 1 + static_cast<std::size_t>(s - from) / kScanBytesPerUnit);
    return s;
  }

 private:
  PatternMatcher& matcher_;
  const char* p_;
  const char* end_;
  bool after_frontier_;
  ByteSet starts_;
};

int find_or_match(lua_State* L, bool find) {
  const char* name = find ? "string.find" : "string.match";
  const std::string_view subject = check_string(L, 1);
  const std::string_view pattern = check_string(L, 2);
  const std::size_t init = start_offset(luaL_optinteger(L, 3, 1), subject.size());
  enforce_caps(L, name, subject, pattern);
  if (init > subject.size()) {
    luaL_pushfail(L);
    return 1;
  }
  if (find && (lua_toboolean(L, 4) || is_plain_pattern(pattern))) {
    const std::size_t found = charged_search(L, subject, pattern, init);
    if (found == std::string_view::npos) {
      luaL_pushfail(L);
      return 1;
    }
    lua_pushinteger(L, static_cast<lua_Integer>(found) + 1);
    lua_pushinteger(L, static_cast<lua_Integer>(found + pattern.size()));
    return 2;
  }
  PatternMatcher matcher(L, subject, pattern);
  const char* p = pattern.data();
  const bool anchored = !pattern.empty() && *p == '^';
  if (anchored) ++p;
  const char* start = subject.data() + init;
  MatchStart starts(matcher, p, anchored);
  do {
    if (starts.active()) {
      start = starts.skip(L, start, matcher.subject_end());
      if (start == matcher.subject_end()) break;
    }
    if (const char* end = matcher.match(start, p)) {
      matcher.flush();
      if (!find) return matcher.push_captures(start, end, true);
      lua_pushinteger(L, static_cast<lua_Integer>(start - subject.data()) + 1);
      lua_pushinteger(L, static_cast<lua_Integer>(end - subject.data()));
      return matcher.push_captures(nullptr, nullptr, false) + 2;
    }
  } while (start++ < matcher.subject_end() && !anchored);
  matcher.flush();
  luaL_pushfail(L);
  return 1;
}

int safe_find(lua_State* L) {
  return find_or_match(L, true);
}
int safe_match(lua_State* L) {
  return find_or_match(L, false);
}

// Iteration state of a gmatch iterator, as offsets into its subject.
struct GmatchState {
  std::size_t next;
  std::size_t last_match;  // npos before the first match
};

int gmatch_step(lua_State* L) {
  std::size_t subject_length = 0;
  std::size_t pattern_length = 0;
  const char* subject = lua_tolstring(L, lua_upvalueindex(1), &subject_length);
  const char* pattern = lua_tolstring(L, lua_upvalueindex(2), &pattern_length);
  auto* state = static_cast<GmatchState*>(lua_touserdata(L, lua_upvalueindex(3)));
  PatternMatcher matcher(L, {subject, subject_length}, {pattern, pattern_length});
  for (const char* start = subject + state->next; start <= matcher.subject_end(); ++start) {
    const char* end = matcher.match(start, pattern);
    const auto end_offset = static_cast<std::size_t>(end - subject);
    if (end != nullptr && end_offset != state->last_match) {
      state->next = state->last_match = end_offset;
      matcher.flush();
      return matcher.push_captures(start, end, true);
    }
  }
  state->next = subject_length + 1;
  matcher.flush();
  return 0;
}

int safe_gmatch(lua_State* L) {
  const std::string_view subject = check_string(L, 1);
  const std::string_view pattern = check_string(L, 2);
  std::size_t init = start_offset(luaL_optinteger(L, 3, 1), subject.size());
  enforce_caps(L, "string.gmatch", subject, pattern);
  if (init > subject.size()) init = subject.size() + 1;
  lua_settop(L, 2);  // the iterator keeps both strings alive as upvalues
  auto* state = static_cast<GmatchState*>(lua_newuserdatauv(L, sizeof(GmatchState), 0));
  *state = {init, std::string_view::npos};
  lua_pushcclosure(L, gmatch_step, 3);
  return 1;
}

// Appends the replacement string for one match, expanding %0-%9 and %%.
void add_replacement_string(lua_State* L, luaL_Buffer& buffer, PatternMatcher& matcher,
                            const char* start, const char* end) {
  std::size_t length = 0;
  const char* text = lua_tolstring(L, 3, &length);
  const char* const text_end = text + length;
  while (text < text_end) {
    const char* escape = static_cast<const char*>(std::memchr(text, '%', text_end - text));
    if (escape == nullptr) {
      luaL_addlstring(&buffer, text, static_cast<std::size_t>(text_end - text));
      break;
    }
    luaL_addlstring(&buffer, text, static_cast<std::size_t>(escape - text));
    const char directive = escape + 1 < text_end ? escape[1] : '\0';
    if (directive == '%') {
      luaL_addchar(&buffer, '%');
    } else if (directive == '0') {
      luaL_addlstring(&buffer, start, static_cast<std::size_t>(end - start));
    } else if (directive >= '1' && directive <= '9') {
      matcher.push_capture(directive - '1', start, end);
      luaL_tolstring(L, -1, nullptr);
      lua_remove(L, -2);
      luaL_addvalue(&buffer);
    } else {
      luaL_error(L, "invalid use of '%%' in replacement string");
    }
    text = escape + 2;
  }
}

// Appends the replacement for one match given by a table or a function (or the match itself when
// they yield false or nil).
void add_replacement_value(lua_State* L, luaL_Buffer& buffer, PatternMatcher& matcher,
                           const char* start, const char* end, int replacement_type) {
  if (replacement_type == LUA_TFUNCTION) {
    lua_pushvalue(L, 3);
    const int count = matcher.push_captures(start, end, true);
    lua_call(L, count, 1);
  } else {
    matcher.push_capture(0, start, end);
    lua_gettable(L, 3);
  }
  if (!lua_toboolean(L, -1)) {
    lua_pop(L, 1);
    luaL_addlstring(&buffer, start, static_cast<std::size_t>(end - start));
  } else if (!lua_isstring(L, -1)) {
    luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
  } else {
    luaL_addvalue(&buffer);
  }
}

// gsub of a pattern without magic characters by a replacement without captures: a plain search
// and replace, instead of trying the matcher at every byte.
int plain_gsub(lua_State* L, std::string_view subject, std::string_view pattern,
               std::string_view replacement, lua_Integer max_replacements) {
  luaL_Buffer buffer;
  luaL_buffinit(L, &buffer);
  lua_Integer replacements = 0;
  std::size_t from = 0;
  while (replacements < max_replacements) {
    const std::size_t at = charged_search(L, subject, pattern, from);
    if (at == std::string_view::npos) break;
    luaL_addlstring(&buffer, subject.data() + from, at - from);
    luaL_addlstring(&buffer, replacement.data(), replacement.size());
    from = at + pattern.size();
    ++replacements;
  }
  if (replacements == 0) {
    lua_pushvalue(L, 1);
  } else {
    luaL_addlstring(&buffer, subject.data() + from, subject.size() - from);
    luaL_pushresult(&buffer);
  }
  lua_pushinteger(L, replacements);
  return 2;
}

int safe_gsub(lua_State* L) {
  const std::string_view subject = check_string(L, 1);
  const std::string_view pattern = check_string(L, 2);
  const int replacement_type = lua_type(L, 3);
  const lua_Integer max_replacements =
      luaL_optinteger(L, 4, static_cast<lua_Integer>(subject.size()) + 1);
  luaL_argexpected(L,
                   replacement_type == LUA_TNUMBER || replacement_type == LUA_TSTRING ||
                       replacement_type == LUA_TFUNCTION || replacement_type == LUA_TTABLE,
                   3, "string/function/table");
  enforce_caps(L, "string.gsub", subject, pattern);
  lua_settop(L, 3);
  if (replacement_type != LUA_TFUNCTION && replacement_type != LUA_TTABLE && !pattern.empty() &&
      is_plain_pattern(pattern)) {
    std::size_t size = 0;
    const char* replacement = lua_tolstring(L, 3, &size);
    if (std::string_view(replacement, size).find('%') == std::string_view::npos)
      return plain_gsub(L, subject, pattern, {replacement, size}, max_replacements);
  }

  PatternMatcher matcher(L, subject, pattern);
  const char* p = pattern.data();
  const bool anchored = !pattern.empty() && *p == '^';
  if (anchored) ++p;
  const char* source = subject.data();
  const char* last_match = nullptr;
  lua_Integer replacements = 0;
  bool changed = false;
  luaL_Buffer buffer;
  luaL_buffinit(L, &buffer);
  const char* subject_end = matcher.subject_end();
  MatchStart starts(matcher, p, anchored);
  if (starts.whole()) {
    // One single-byte item ("[&<>]", the escapers' pattern): test each byte instead of running
    // the matcher at every position.
    const char* run = source;
    for (; source < subject_end && replacements < max_replacements; ++source) {
      if (!starts.can_start(*source)) continue;
      luaL_addlstring(&buffer, run, static_cast<std::size_t>(source - run));
      ++replacements;
      changed = true;
      if (replacement_type == LUA_TFUNCTION || replacement_type == LUA_TTABLE) {
        add_replacement_value(L, buffer, matcher, source, source + 1, replacement_type);
      } else {
        add_replacement_string(L, buffer, matcher, source, source + 1);
      }
      run = source + 1;
    }
    charge(L, 1 + subject.size() / kScanBytesPerUnit);
    source = run;
  } else {
    // A match can only start at a byte its first item matches ("\194[\128-\159]", "%s+"):
    // copy the bytes before it without trying the matcher on each.
    while (replacements < max_replacements) {
      if (starts.active()) {
        const char* next = starts.skip(L, source, subject_end);
        luaL_addlstring(&buffer, source, static_cast<std::size_t>(next - source));
        source = next;
        if (source == subject_end) break;
      }
      const char* end = matcher.match(source, p);
      if (end != nullptr && end != last_match) {
        ++replacements;
        changed = true;
        if (replacement_type == LUA_TFUNCTION || replacement_type == LUA_TTABLE) {
          add_replacement_value(L, buffer, matcher, source, end, replacement_type);
        } else {
          add_replacement_string(L, buffer, matcher, source, end);
        }
        source = last_match = end;
      } else if (source < matcher.subject_end()) {
        luaL_addchar(&buffer, *source++);
      } else {
        break;
      }
      if (anchored) break;
    }
  }
  matcher.flush();
  if (!changed) {
    lua_pushvalue(L, 1);
  } else {
    luaL_addlstring(&buffer, source, static_cast<std::size_t>(matcher.subject_end() - source));
    luaL_pushresult(&buffer);
  }
  lua_pushinteger(L, replacements);
  return 2;
}

// string.rep with its size checked against the memory limit up front: the stock version loops
// n times even when the result is empty, so rep("", 1e15) would never return.
int safe_rep(lua_State* L) {
  const std::string_view text = check_string(L, 1);
  const lua_Integer count = luaL_checkinteger(L, 2);
  std::size_t separator_length = 0;
  const char* separator = luaL_optlstring(L, 3, "", &separator_length);
  if (count <= 0 || (text.empty() && separator_length == 0)) {
    lua_pushliteral(L, "");
    return 1;
  }
  const std::size_t memory_limit = runtime(L).limits.memory_bytes;
  const std::size_t limit =
      memory_limit != 0 ? memory_limit : std::numeric_limits<std::size_t>::max() / 2;
  const std::size_t unit = text.size() + separator_length;
  const auto repetitions = static_cast<std::uint64_t>(count);
  if (repetitions > limit / unit) {
    if (memory_limit == 0) return luaL_error(L, "resulting string too large");
    return raise_tagged(L, Error::Kind::Memory,
                        fmt::format("string.rep: the result would exceed the {}",
                                    format_bytes(memory_limit) + " memory limit"));
  }
  const std::size_t total = static_cast<std::size_t>(repetitions) * unit - separator_length;
  luaL_Buffer buffer;
  char* out = luaL_buffinitsize(L, &buffer, total);
  for (std::uint64_t i = 0; i < repetitions; ++i) {
    std::memcpy(out, text.data(), text.size());
    out += text.size();
    if (separator_length != 0 && i + 1 < repetitions) {
      std::memcpy(out, separator, separator_length);
      out += separator_length;
    }
  }
  luaL_pushresultsize(&buffer, total);
  return 1;
}

// string.format with a fast path for what reports format most: "%s" of a string, "%d" of an
// integer and "%%". The stock function copies the format a byte at a time and formats each item
// through snprintf; these forms need neither. Any other format, or an argument of another type,
// goes to the stock function (upvalue 1) unchanged, errors included.
int safe_format(lua_State* L) {
  const auto stock = lua_tocfunction(L, lua_upvalueindex(1));
  if (lua_type(L, 1) != LUA_TSTRING) return stock(L);
  const std::string_view format = check_string(L, 1);
  int arg = 1;
  for (std::size_t at = format.find('%'); at != std::string_view::npos;
       at = format.find('%', at + 2)) {
    const char directive = at + 1 < format.size() ? format[at + 1] : '\0';
    const bool simple = directive == '%' ||
                        (directive == 's' && lua_type(L, ++arg) == LUA_TSTRING) ||
                        (directive == 'd' && lua_isinteger(L, ++arg));
    if (!simple) return stock(L);
  }
  luaL_Buffer buffer;
  luaL_buffinit(L, &buffer);
  arg = 1;
  std::size_t from = 0;
  for (std::size_t at = format.find('%'); at != std::string_view::npos;
       at = format.find('%', from)) {
    luaL_addlstring(&buffer, format.data() + from, at - from);
    const char directive = format[at + 1];
    if (directive == '%') {
      luaL_addchar(&buffer, '%');
    } else if (directive == 's') {
      std::size_t length = 0;
      const char* text = lua_tolstring(L, ++arg, &length);
      luaL_addlstring(&buffer, text, length);
    } else {
      char digits[24];
      const auto written = std::to_chars(digits, digits + sizeof digits, lua_tointeger(L, ++arg));
      luaL_addlstring(&buffer, digits, static_cast<std::size_t>(written.ptr - digits));
    }
    from = at + 2;
  }
  luaL_addlstring(&buffer, format.data() + from, format.size() - from);
  luaL_pushresult(&buffer);
  return 1;
}

// Puts safe_format in `table` (a copy of the string library) over the stock function it falls
// back to. It also takes the stock one's place in package.loaded.string, where error messages
// look up a C function's name ("bad argument #2 to 'string.format'" when called through pcall).
void install_format(lua_State* L, int table) {
  lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_getfield(L, -1, LUA_STRLIBNAME);
  lua_getfield(L, -1, "format");
  if (lua_tocfunction(L, -1) == safe_format) {  // installed before in this state
    lua_getupvalue(L, -1, 1);
    lua_remove(L, -2);
  }
  lua_pushcclosure(L, safe_format, 1);
  lua_pushvalue(L, -1);
  lua_setfield(L, -3, "format");
  lua_setfield(L, table, "format");
  lua_pop(L, 2);
}

}  // namespace

void install_safe_string(lua_State* L, int table) {
  static constexpr luaL_Reg kFunctions[] = {
      {"find", safe_find}, {"match", safe_match}, {"gmatch", safe_gmatch},
      {"gsub", safe_gsub}, {"rep", safe_rep},     {nullptr, nullptr},
  };
  lua_pushvalue(L, table);
  luaL_setfuncs(L, kFunctions, 0);
  install_format(L, lua_gettop(L));
  lua_pushnil(L);
  lua_setfield(L, -2, "dump");
  lua_pop(L, 1);
}

}  // namespace sdi::lua::detail
