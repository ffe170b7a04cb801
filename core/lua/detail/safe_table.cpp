// The table functions that loop over a caller-chosen range. The stock versions take their length
// from __len and their elements from __index, so a metatable can make one call loop 2^50 times
// inside C where the instruction hook never looks; these charge every element to the budget.

#include <lauxlib.h>

#include <climits>
#include <cstdint>

#include "lua/detail/libraries.hpp"
#include "lua/detail/runtime.hpp"

namespace sdi::lua::detail {
namespace {

constexpr int kRead = 1;
constexpr int kWrite = 2;
constexpr int kLength = 4;
constexpr std::uint64_t kUnitsPerCharge = 1024;

// Charges element work in batches so the budget check stays cheap. Elements of tables with a
// metatable cost more: each access may run a metamethod.
class ElementMeter {
 public:
  ElementMeter(lua_State* L, int table, int other_table = 0) : L_(L), cost_(kElementCost) {
    for (const int index : {table, other_table}) {
      if (index != 0 && lua_getmetatable(L, index) != 0) {
        lua_pop(L, 1);
        cost_ = kMetaElementCost;
      }
    }
  }
  ElementMeter(const ElementMeter&) = delete;
  ElementMeter& operator=(const ElementMeter&) = delete;

  void add() {
    pending_ += cost_;
    if (pending_ >= kUnitsPerCharge) flush();
  }
  void flush() {
    const std::uint64_t pending = pending_;
    pending_ = 0;
    if (pending != 0) charge(L_, pending);
  }

 private:
  lua_State* L_;
  std::uint64_t cost_;
  std::uint64_t pending_ = 0;
};

bool has_metafield(lua_State* L, int metatable, const char* name) {
  lua_pushstring(L, name);
  const bool present = lua_rawget(L, metatable) != LUA_TNIL;
  lua_pop(L, 1);
  return present;
}

// Accepts a table, or any value whose metatable provides what the operation needs.
void check_table(lua_State* L, int arg, int needs) {
  if (lua_type(L, arg) == LUA_TTABLE) return;
  bool usable = lua_getmetatable(L, arg) != 0;
  if (usable) {
    const int metatable = lua_gettop(L);
    usable = ((needs & kRead) == 0 || has_metafield(L, metatable, "__index")) &&
             ((needs & kWrite) == 0 || has_metafield(L, metatable, "__newindex")) &&
             ((needs & kLength) == 0 || has_metafield(L, metatable, "__len"));
    lua_pop(L, 1);
  }
  if (!usable) luaL_checktype(L, arg, LUA_TTABLE);
}

lua_Integer checked_length(lua_State* L, int arg, int needs) {
  check_table(L, arg, needs | kLength);
  return luaL_len(L, arg);
}

int safe_insert(lua_State* L) {
  const lua_Integer first_empty = checked_length(L, 1, kRead | kWrite) + 1;
  lua_Integer position = first_empty;
  switch (lua_gettop(L)) {
    case 2:
      break;
    case 3: {
      position = luaL_checkinteger(L, 2);
      // Unsigned comparison also rejects positions below 1.
      luaL_argcheck(
          L, static_cast<lua_Unsigned>(position) - 1u < static_cast<lua_Unsigned>(first_empty), 2,
          "position out of bounds");
      ElementMeter meter(L, 1);
      for (lua_Integer i = first_empty; i > position; --i) {
        lua_geti(L, 1, i - 1);
        lua_seti(L, 1, i);
        meter.add();
      }
      meter.flush();
      break;
    }
    default:
      return luaL_error(L, "wrong number of arguments to 'insert'");
  }
  lua_seti(L, 1, position);
  return 0;
}

int safe_remove(lua_State* L) {
  const lua_Integer size = checked_length(L, 1, kRead | kWrite);
  lua_Integer position = luaL_optinteger(L, 2, size);
  if (position != size) {
    luaL_argcheck(L, static_cast<lua_Unsigned>(position) - 1u <= static_cast<lua_Unsigned>(size), 2,
                  "position out of bounds");
  }
  lua_geti(L, 1, position);
  ElementMeter meter(L, 1);
  for (; position < size; ++position) {
    lua_geti(L, 1, position + 1);
    lua_seti(L, 1, position);
    meter.add();
  }
  meter.flush();
  lua_pushnil(L);
  lua_seti(L, 1, position);
  return 1;
}

int safe_move(lua_State* L) {
  const lua_Integer first = luaL_checkinteger(L, 2);
  const lua_Integer last = luaL_checkinteger(L, 3);
  const lua_Integer target = luaL_checkinteger(L, 4);
  const int destination = lua_isnoneornil(L, 5) ? 1 : 5;
  check_table(L, 1, kRead);
  check_table(L, destination, kWrite);
  if (last >= first) {
    luaL_argcheck(L, first > 0 || last < LUA_MAXINTEGER + first, 3, "too many elements to move");
    const lua_Integer count = last - first + 1;
    luaL_argcheck(L, target <= LUA_MAXINTEGER - count + 1, 4, "destination wrap around");
    ElementMeter meter(L, 1, destination);
    const bool forward = target > last || target <= first ||
                         (destination != 1 && !lua_compare(L, 1, destination, LUA_OPEQ));
    for (lua_Integer i = 0; i < count; ++i) {
      const lua_Integer offset = forward ? i : count - 1 - i;
      lua_geti(L, 1, first + offset);
      lua_seti(L, destination, target + offset);
      meter.add();
    }
    meter.flush();
  }
  lua_pushvalue(L, destination);
  return 1;
}

void add_concat_field(lua_State* L, luaL_Buffer& buffer, lua_Integer index) {
  lua_geti(L, 1, index);
  if (!lua_isstring(L, -1)) {
    luaL_error(L, "invalid value (%s) at index %I in table for 'concat'", luaL_typename(L, -1),
               static_cast<LUAI_UACINT>(index));
  }
  luaL_addvalue(&buffer);
}

int safe_concat(lua_State* L) {
  check_table(L, 1, kRead);
  std::size_t separator_length = 0;
  const char* separator = luaL_optlstring(L, 2, "", &separator_length);
  lua_Integer index = luaL_optinteger(L, 3, 1);
  const lua_Integer last =
      lua_isnoneornil(L, 4) ? checked_length(L, 1, kRead) : luaL_checkinteger(L, 4);
  luaL_Buffer buffer;
  luaL_buffinit(L, &buffer);
  ElementMeter meter(L, 1);
  for (; index < last; ++index) {
    add_concat_field(L, buffer, index);
    luaL_addlstring(&buffer, separator, separator_length);
    meter.add();
  }
  if (index == last) add_concat_field(L, buffer, index);
  meter.flush();
  luaL_pushresult(&buffer);
  return 1;
}

int safe_unpack(lua_State* L) {
  lua_Integer index = luaL_optinteger(L, 2, 1);
  const lua_Integer last = lua_isnoneornil(L, 3) ? luaL_len(L, 1) : luaL_checkinteger(L, 3);
  if (index > last) return 0;
  const lua_Unsigned span = static_cast<lua_Unsigned>(last) - static_cast<lua_Unsigned>(index);
  if (span >= static_cast<lua_Unsigned>(INT_MAX) ||
      !lua_checkstack(L, static_cast<int>(span + 1))) {
    return luaL_error(L, "too many results to unpack");
  }
  const int count = static_cast<int>(span + 1);
  ElementMeter meter(L, 1);
  for (int i = 0; i < count; ++i) meter.add();
  meter.flush();
  for (; index < last; ++index) lua_geti(L, 1, index);
  lua_geti(L, 1, last);
  return count;
}

// Heap sort straight on the table: O(n log n) comparisons whatever the order function does, and
// never out of bounds even when the order function is inconsistent.
class TableSorter {
 public:
  TableSorter(lua_State* L, bool custom_order) : L_(L), custom_order_(custom_order), meter_(L, 1) {}

  void sort(lua_Integer count) {
    for (lua_Integer root = count / 2; root >= 1; --root) sift_down(root, count);
    for (lua_Integer end = count; end > 1; --end) {
      swap(1, end);
      sift_down(1, end - 1);
    }
    meter_.flush();
  }

 private:
  bool less(lua_Integer a, lua_Integer b) {
    meter_.add();
    if (custom_order_) lua_pushvalue(L_, 2);
    lua_geti(L_, 1, a);
    lua_geti(L_, 1, b);
    bool result = false;
    if (custom_order_) {
      lua_call(L_, 2, 1);
      result = lua_toboolean(L_, -1) != 0;
      lua_pop(L_, 1);
    } else {
      result = lua_compare(L_, -2, -1, LUA_OPLT) != 0;
      lua_pop(L_, 2);
    }
    return result;
  }

  void swap(lua_Integer a, lua_Integer b) {
    lua_geti(L_, 1, a);
    lua_geti(L_, 1, b);
    lua_seti(L_, 1, a);
    lua_seti(L_, 1, b);
  }

  void sift_down(lua_Integer root, lua_Integer end) {
    while (root <= end / 2) {
      lua_Integer child = root * 2;
      if (child < end && less(child, child + 1)) ++child;
      if (!less(root, child)) return;
      swap(root, child);
      root = child;
    }
  }

  lua_State* L_;
  bool custom_order_;
  ElementMeter meter_;
};

int safe_sort(lua_State* L) {
  const lua_Integer count = checked_length(L, 1, kRead | kWrite);
  if (count > 1) {
    luaL_argcheck(L, count < INT_MAX, 1, "array too big");
    const bool custom_order = !lua_isnoneornil(L, 2);
    if (custom_order) luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_settop(L, 2);
    TableSorter(L, custom_order).sort(count);
  }
  return 0;
}

}  // namespace

void install_safe_table(lua_State* L, int table) {
  static constexpr luaL_Reg kFunctions[] = {
      {"insert", safe_insert}, {"remove", safe_remove}, {"move", safe_move},
      {"concat", safe_concat}, {"unpack", safe_unpack}, {"sort", safe_sort},
      {nullptr, nullptr},
  };
  lua_pushvalue(L, table);
  luaL_setfuncs(L, kFunctions, 0);
  lua_pop(L, 1);
}

}  // namespace sdi::lua::detail
