#include "report/result_strings.hpp"

#include <lauxlib.h>

#include <new>
#include <unordered_map>

#include "report/lua_values.hpp"

namespace sdi::report {

namespace {

const char kStringsKey = 0;

constexpr int kNames = static_cast<int>(std::size(kResultNames));
constexpr int kArrayMetaSlot = kNames + 1;
constexpr int kFirstShared = kNames + 2;
// Bounds on what is cached: text longer than this is rarely shared, and a pack has far fewer
// distinct ids and titles than this many.
constexpr std::size_t kMaxSharedLength = 256;
constexpr std::size_t kMaxShared = 2048;

struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace

struct ResultStrings::Cache {
  std::unordered_map<std::string, int, TextHash, std::equal_to<>> slots;
};

namespace {

int drop_cache(lua_State* L) {
  using Cache = ResultStrings::Cache;
  static_cast<Cache*>(lua_touserdata(L, 1))->~Cache();
  return 0;
}

}  // namespace

ResultStrings::ResultStrings(lua_State* L) : L_(L) {
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kStringsKey) == LUA_TNIL) {
    lua_pop(L, 1);
    void* memory = lua_newuserdatauv(L, sizeof(Cache), 1);
    new (memory) Cache();
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, drop_cache);
    lua_setfield(L, -2, "__gc");
    lua_setmetatable(L, -2);
    lua_createtable(L, kNames + 64, 0);
    for (int i = 0; i < kNames; ++i) {
      const std::string_view name = kResultNames[i];
      lua_pushlstring(L, name.data(), name.size());
      lua_rawseti(L, -2, i + 1);
    }
    push_array_metatable(L);
    lua_rawseti(L, -2, kArrayMetaSlot);
    lua_setiuservalue(L, -2, 1);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kStringsKey);
  }
  cache_ = static_cast<Cache*>(lua_touserdata(L, -1));
  lua_getiuservalue(L, -1, 1);
  lua_remove(L, -2);
  table_ = lua_gettop(L);
}

void ResultStrings::close() const {
  lua_remove(L_, table_);
}

void ResultStrings::mark_array() const {
  lua_rawgeti(L_, table_, kArrayMetaSlot);
  lua_setmetatable(L_, -2);
}

void ResultStrings::push_shared(const std::string& text) const {
  if (text.size() > kMaxSharedLength) {
    lua_pushlstring(L_, text.data(), text.size());
    return;
  }
  auto it = cache_->slots.find(std::string_view(text));
  if (it != cache_->slots.end()) {
    lua_rawgeti(L_, table_, it->second);
    return;
  }
  lua_pushlstring(L_, text.data(), text.size());
  if (cache_->slots.size() < kMaxShared) {
    // The string goes into the table first: a slot the index names always holds its string.
    const int slot = kFirstShared + static_cast<int>(cache_->slots.size());
    lua_pushvalue(L_, -1);
    lua_rawseti(L_, table_, slot);
    cache_->slots.emplace(text, slot);
  }
}

}  // namespace sdi::report
