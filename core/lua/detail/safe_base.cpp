#include <fmt/format.h>
#include <lauxlib.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>

#include "lua/detail/libraries.hpp"
#include "lua/detail/runtime.hpp"

namespace sdi::lua::detail {
namespace {

// Budget units per byte of chunk text: the parser costs about 20 ns a byte.
constexpr std::uint64_t kParseUnitsPerByte = 4;

// Continuation of pcall and xpcall (also after a yield inside the protected call); `extra` is the
// number of stack slots below the results.
int finish_protected_call(lua_State* L, int status, lua_KContext extra) {
  if (status != LUA_OK && status != LUA_YIELD) {
    charge(L, kCaughtErrorCost);
    lua_pushboolean(L, 0);
    lua_pushvalue(L, -2);
    return 2;
  }
  return lua_gettop(L) - static_cast<int>(extra);
}

int safe_pcall(lua_State* L) {
  luaL_checkany(L, 1);
  lua_pushboolean(L, 1);
  lua_insert(L, 1);
  const int status = lua_pcallk(L, lua_gettop(L) - 2, LUA_MULTRET, 0, 0, finish_protected_call);
  return finish_protected_call(L, status, 0);
}

// The message handler given to xpcall runs where the error was raised. A budget error is raised
// from inside the count hook, where Lua disables hooks until the error unwinds, so a handler that
// loops would never be stopped: once the budget is spent it is not called at all.
int guarded_message_handler(lua_State* L) {
  if (runtime(L).exhausted) return 1;
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

int safe_xpcall(lua_State* L) {
  const int arguments = lua_gettop(L);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_pushvalue(L, 2);
  lua_pushcclosure(L, guarded_message_handler, 1);
  lua_replace(L, 2);
  lua_pushboolean(L, 1);
  lua_pushvalue(L, 1);
  lua_rotate(L, 3, 2);  // true and the function go below the function's arguments
  const int status = lua_pcallk(L, arguments - 2, LUA_MULTRET, 2, 2, finish_protected_call);
  return finish_protected_call(L, status, 2);
}

int safe_print(lua_State* L) {
  const int count = lua_gettop(L);
  luaL_Buffer buffer;
  luaL_buffinit(L, &buffer);
  for (int i = 1; i <= count; ++i) {
    if (i > 1) luaL_addchar(&buffer, '\t');
    luaL_tolstring(L, i, nullptr);
    luaL_addvalue(&buffer);
  }
  luaL_pushresult(&buffer);
  std::size_t length = 0;
  const char* line = lua_tolstring(L, -1, &length);
  const auto& sink = runtime(L).print;
  if (!sink) return 0;
  bool failed = false;
  try {
    sink(std::string_view(line, length));
  } catch (const std::exception&) {
    failed = true;
  }
  if (failed) return luaL_error(L, "print: the host could not write the output");
  return 0;
}

// Collects what a reader function returns into one string on top of the stack.
void read_chunk_pieces(lua_State* L) {
  luaL_Buffer buffer;
  luaL_buffinit(L, &buffer);
  while (true) {
    charge(L, 1);
    lua_pushvalue(L, 1);
    lua_call(L, 0, 1);
    if (lua_isnil(L, -1)) {
      lua_pop(L, 1);
      break;
    }
    if (!lua_isstring(L, -1)) luaL_error(L, "reader function must return a string");
    if (lua_rawlen(L, -1) == 0) {
      lua_pop(L, 1);
      break;
    }
    luaL_addvalue(&buffer);
  }
  luaL_pushresult(&buffer);
}

constexpr std::string_view kBinaryRefused = "binary chunks are not allowed in the sandbox";

// load(chunk [, chunkname [, mode [, env]]]): text only, whatever the mode says; the chunk sees
// the sandbox environment unless a table is given as env.
int safe_load(lua_State* L) {
  if (!lua_isnoneornil(L, 4)) luaL_checktype(L, 4, LUA_TTABLE);
  std::string chunkname;
  if (lua_isstring(L, 1)) {
    chunkname = luaL_optstring(L, 2, lua_tostring(L, 1));
    lua_pushvalue(L, 1);
  } else {
    chunkname = luaL_optstring(L, 2, "=(load)");
    luaL_checktype(L, 1, LUA_TFUNCTION);
    read_chunk_pieces(L);
  }
  std::size_t length = 0;
  const char* text = lua_tolstring(L, -1, &length);
  charge(L, static_cast<std::uint64_t>(length) * kParseUnitsPerByte + 1);
  if (length > 0 && text[0] == LUA_SIGNATURE[0]) {
    Runtime& rt = runtime(L);
    rt.tagged_kind = Error::Kind::Forbidden;
    rt.tagged_message = kBinaryRefused;
    luaL_pushfail(L);
    lua_pushlstring(L, kBinaryRefused.data(), kBinaryRefused.size());
    return 2;
  }
  if (luaL_loadbufferx(L, text, length, chunkname.c_str(), "t") != LUA_OK) {
    charge(L, kCaughtErrorCost);
    luaL_pushfail(L);
    lua_insert(L, -2);
    return 2;
  }
  if (!lua_isnoneornil(L, 4)) {
    lua_pushvalue(L, 4);
    if (lua_setupvalue(L, -2, 1) == nullptr) lua_pop(L, 1);
  }
  return 1;
}

int safe_setmetatable(lua_State* L) {
  const int type = lua_type(L, 2);
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_argexpected(L, type == LUA_TNIL || type == LUA_TTABLE, 2, "nil or table");
  if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL) {
    return luaL_error(L, "cannot change a protected metatable");
  }
  if (type == LUA_TTABLE) {
    lua_pushliteral(L, "__gc");
    if (lua_rawget(L, 2) != LUA_TNIL) {
      return raise_tagged(L, Error::Kind::Forbidden,
                          "setmetatable: __gc metamethods are not allowed in the sandbox");
    }
    lua_pop(L, 1);
  }
  lua_settop(L, 2);
  lua_setmetatable(L, 1);
  return 1;
}

int safe_collectgarbage(lua_State* L) {
  const std::string option = luaL_optstring(L, 1, "collect");
  if (option == "count") {
    const int kilobytes = lua_gc(L, LUA_GCCOUNT);
    const int bytes = lua_gc(L, LUA_GCCOUNTB);
    lua_pushnumber(L, static_cast<lua_Number>(kilobytes) + static_cast<lua_Number>(bytes) / 1024);
    return 1;
  }
  return raise_tagged(
      L, Error::Kind::Forbidden,
      fmt::format("collectgarbage('{}') is not allowed in the sandbox (only 'count' is)", option));
}

// One key of a table being iterated by pairs, reduced to what the ordering needs.
struct KeyEntry {
  lua_Number number;
  lua_Integer integer;
  const char* text;
  std::size_t length;
  int slot;  // position in the collected keys table
  int rank;  // numbers, strings, booleans, everything else
  bool is_integer;
};

bool key_less(const KeyEntry& a, const KeyEntry& b) {
  if (a.rank != b.rank) return a.rank < b.rank;
  switch (a.rank) {
    case 0:
      if (a.is_integer && b.is_integer) return a.integer < b.integer;
      if (a.number != b.number) return a.number < b.number;
      return a.is_integer && !b.is_integer;
    case 1: {
      const int order = std::memcmp(a.text, b.text, std::min(a.length, b.length));
      return order != 0 ? order < 0 : a.length < b.length;
    }
    case 2:
      return a.integer < b.integer;
    default:
      return a.slot < b.slot;
  }
}

KeyEntry describe_key(lua_State* L, int key, int slot) {
  KeyEntry entry{0, 0, nullptr, 0, slot, 3, false};
  switch (lua_type(L, key)) {
    case LUA_TNUMBER:
      entry.rank = 0;
      entry.is_integer = lua_isinteger(L, key) != 0;
      entry.integer = entry.is_integer ? lua_tointeger(L, key) : 0;
      entry.number = lua_tonumber(L, key);
      break;
    case LUA_TSTRING:
      entry.rank = 1;
      entry.text = lua_tolstring(L, key, &entry.length);
      break;
    case LUA_TBOOLEAN:
      entry.rank = 2;
      entry.integer = lua_toboolean(L, key);
      break;
    default:
      break;
  }
  return entry;
}

// Iterator of the ordered pairs: upvalue 1 holds the keys in order, upvalue 2 the next position.
int ordered_next(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  const lua_Integer count = static_cast<lua_Integer>(lua_rawlen(L, lua_upvalueindex(1)));
  lua_Integer position = lua_tointeger(L, lua_upvalueindex(2));
  while (position < count) {
    ++position;
    lua_rawgeti(L, lua_upvalueindex(1), position);
    lua_pushvalue(L, -1);
    if (lua_rawget(L, 1) != LUA_TNIL) {
      lua_pushinteger(L, position);
      lua_replace(L, lua_upvalueindex(2));
      return 2;
    }
    lua_pop(L, 2);  // removed during the traversal
  }
  lua_pushinteger(L, position);
  lua_replace(L, lua_upvalueindex(2));
  return 0;
}

// pairs visits keys in a fixed order (numbers ascending, then strings bytewise, then false and
// true, then other keys), because Lua's own order follows a per-process hash seed and grading
// must be reproducible. A __pairs metamethod is honoured; next() keeps Lua's raw order.
int safe_pairs(lua_State* L) {
  luaL_checkany(L, 1);
  if (luaL_getmetafield(L, 1, "__pairs") != LUA_TNIL) {
    lua_pushvalue(L, 1);
    lua_call(L, 1, 3);
    return 3;
  }
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  int count = 0;
  lua_pushnil(L);
  while (lua_next(L, 1) != 0) {
    lua_pop(L, 1);
    if (count == INT_MAX - 1) return luaL_error(L, "table too big to iterate");
    ++count;
  }
  // Collecting, sorting and visiting cost about 10 + 5 log2(n) instructions per key.
  const auto log_count = static_cast<std::uint64_t>(std::log2(static_cast<double>(count) + 1));
  charge(L, static_cast<std::uint64_t>(count) * (10 + 5 * log_count));
  lua_createtable(L, count, 0);  // 2: keys in traversal order
  auto* entries =
      static_cast<KeyEntry*>(lua_newuserdatauv(L, sizeof(KeyEntry) * std::max(count, 1), 0));
  int slot = 0;
  lua_pushnil(L);
  while (lua_next(L, 1) != 0 && slot < count) {
    lua_pop(L, 1);
    lua_pushvalue(L, -1);
    lua_rawseti(L, 2, ++slot);
    lua_rawgeti(L, 2, slot);  // describe the stored copy so string pointers stay valid
    entries[slot - 1] = describe_key(L, lua_gettop(L), slot);
    lua_pop(L, 1);
  }
  std::sort(entries, entries + slot, key_less);
  lua_createtable(L, slot, 0);
  for (int i = 0; i < slot; ++i) {
    lua_rawgeti(L, 2, entries[i].slot);
    lua_rawseti(L, -2, i + 1);
  }
  lua_pushinteger(L, 0);
  lua_pushcclosure(L, ordered_next, 2);
  lua_pushvalue(L, 1);
  lua_pushnil(L);
  return 3;
}

}  // namespace

void install_safe_base(lua_State* L, int env) {
  static constexpr luaL_Reg kFunctions[] = {
      {"print", safe_print},
      {"pcall", safe_pcall},
      {"xpcall", safe_xpcall},
      {"load", safe_load},
      {"pairs", safe_pairs},
      {"setmetatable", safe_setmetatable},
      {"collectgarbage", safe_collectgarbage},
      {"require", safe_require},
      {nullptr, nullptr},
  };
  lua_pushvalue(L, env);
  luaL_setfuncs(L, kFunctions, 0);
  lua_pop(L, 1);
}

}  // namespace sdi::lua::detail
