// Library functions that scan a string without allocating: neither the instruction hook nor the
// allocation charge would see their work, so they are charged for the range they scan before the
// stock function runs.

#include <lauxlib.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include "lua/detail/libraries.hpp"
#include "lua/detail/runtime.hpp"

namespace sdi::lua::detail {
namespace {

// Bytes decoded per budget unit by the utf8 functions; values pushed per unit by string.byte.
constexpr std::uint64_t kDecodedBytesPerUnit = 4;
constexpr std::uint64_t kPushedValuesPerUnit = 2;

std::int64_t subject_length(lua_State* L) {
  std::size_t length = 0;
  if (lua_type(L, 1) != LUA_TSTRING && lua_type(L, 1) != LUA_TNUMBER) return 0;
  lua_tolstring(L, 1, &length);
  return static_cast<std::int64_t>(length);
}

lua_Integer integer_or(lua_State* L, int arg, lua_Integer fallback) {
  int is_number = 0;
  const lua_Integer value = lua_tointegerx(L, arg, &is_number);
  return is_number != 0 ? value : fallback;
}

// Lua's relative positions, clamped to [1, length + 1].
std::int64_t clamp_position(lua_Integer position, std::int64_t length) {
  if (position < 0) position = std::max<lua_Integer>(length + position + 1, 1);
  return std::clamp<std::int64_t>(position, 1, length + 1);
}

// Bytes between positions i and j (inclusive) of the subject.
std::uint64_t range_length(lua_State* L, lua_Integer default_first, bool end_defaults_to_first,
                           lua_Integer default_last) {
  const std::int64_t length = subject_length(L);
  const std::int64_t first = clamp_position(integer_or(L, 2, default_first), length);
  const lua_Integer last_default =
      end_defaults_to_first ? integer_or(L, 2, default_first) : default_last;
  const std::int64_t last =
      std::min(clamp_position(integer_or(L, 3, last_default), length), length);
  return last >= first ? static_cast<std::uint64_t>(last - first + 1) : 0;
}

std::uint64_t byte_cost(lua_State* L) {
  return range_length(L, 1, true, 0) / kPushedValuesPerUnit + 1;
}

std::uint64_t utf8_len_cost(lua_State* L) {
  return range_length(L, 1, false, -1) / kDecodedBytesPerUnit + 1;
}

std::uint64_t utf8_codepoint_cost(lua_State* L) {
  return range_length(L, 1, true, 0) / kDecodedBytesPerUnit + 1;
}

// utf8.offset(s, n [, i]) walks about |n| characters, at most the whole string.
std::uint64_t utf8_offset_cost(lua_State* L) {
  const auto characters = static_cast<std::uint64_t>(std::llabs(integer_or(L, 2, 0)));
  const auto length = static_cast<std::uint64_t>(subject_length(L));
  return std::min(characters * 4, length) / kDecodedBytesPerUnit + 1;
}

// Charges Cost, then calls the stock function in upvalue 1 with the same arguments.
template <std::uint64_t (*Cost)(lua_State*)>
int charged_stock(lua_State* L) {
  charge(L, Cost(L));
  const int arguments = lua_gettop(L);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, arguments, LUA_MULTRET);
  return lua_gettop(L);
}

void wrap(lua_State* L, int table, const char* name, lua_CFunction wrapper) {
  lua_getfield(L, table, name);
  lua_pushcclosure(L, wrapper, 1);
  lua_setfield(L, table, name);
}

}  // namespace

void install_safe_scans(lua_State* L, int string_table, int utf8_table) {
  wrap(L, string_table, "byte", charged_stock<byte_cost>);
  wrap(L, utf8_table, "len", charged_stock<utf8_len_cost>);
  wrap(L, utf8_table, "codepoint", charged_stock<utf8_codepoint_cost>);
  wrap(L, utf8_table, "offset", charged_stock<utf8_offset_cost>);
}

}  // namespace sdi::lua::detail
