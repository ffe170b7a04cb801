#include "pack/lua_fields.hpp"

#include <fmt/format.h>
#include <lauxlib.h>

#include <cstring>
#include <set>

namespace sdi::pack {

namespace {

// The fields a declaration reads: sdi.check reads up to about a dozen, the others fewer.
constexpr std::size_t kKnownAtFirst = 16;

}  // namespace

LuaFields::LuaFields(lua_State* L, int index, std::string function)
    : L_(L), index_(lua_absindex(L, index)), function_(std::move(function)) {
  known_.reserve(kKnownAtFirst);
  if (!lua_istable(L_, index_))
    fail("expects a table, e.g. " + function_ + " { id = \"...\", ... }");
}

void LuaFields::fail(const std::string& message) {
  luaL_error(L_, "%s: %s", function_.c_str(), message.c_str());
  throw;  // unreachable: luaL_error does not return
}

void LuaFields::push(const char* key) {
  known_.push_back(key);
  lua_getfield(L_, index_, key);
}

bool LuaFields::has(const char* key) {
  push(key);
  bool present = !lua_isnil(L_, -1);
  lua_pop(L_, 1);
  return present;
}

std::string LuaFields::string(const char* key, bool required) {
  push(key);
  std::string out;
  if (lua_isnil(L_, -1)) {
    lua_pop(L_, 1);
    if (required) fail(fmt::format("missing required field '{}'", key));
    return out;
  }
  if (lua_type(L_, -1) != LUA_TSTRING) fail(fmt::format("field '{}' must be a string", key));
  std::size_t len = 0;
  const char* s = lua_tolstring(L_, -1, &len);
  out.assign(s, len);
  lua_pop(L_, 1);
  if (required && out.empty()) fail(fmt::format("field '{}' must not be empty", key));
  return out;
}

std::vector<std::string> LuaFields::strings(const char* key) {
  push(key);
  std::vector<std::string> out;
  if (lua_type(L_, -1) == LUA_TSTRING) {
    out.emplace_back(lua_tostring(L_, -1));
  } else if (lua_istable(L_, -1)) {
    lua_Integer n = luaL_len(L_, -1);
    if (n > 0) out.reserve(static_cast<std::size_t>(n));
    for (lua_Integer i = 1; i <= n; ++i) {
      lua_geti(L_, -1, i);
      if (lua_type(L_, -1) != LUA_TSTRING)
        fail(fmt::format("field '{}' must be a list of strings (item {} is a {})", key, i,
                         luaL_typename(L_, -1)));
      out.emplace_back(lua_tostring(L_, -1));
      lua_pop(L_, 1);
    }
  } else if (!lua_isnil(L_, -1)) {
    fail(fmt::format("field '{}' must be a string or a list of strings", key));
  }
  lua_pop(L_, 1);
  return out;
}

std::vector<std::vector<std::string>> LuaFields::groups(const char* key) {
  push(key);
  std::vector<std::vector<std::string>> out;
  if (lua_type(L_, -1) == LUA_TSTRING) {
    out.push_back({lua_tostring(L_, -1)});
  } else if (lua_istable(L_, -1)) {
    lua_Integer n = luaL_len(L_, -1);
    for (lua_Integer i = 1; i <= n; ++i) {
      lua_geti(L_, -1, i);
      std::vector<std::string> group;
      if (lua_type(L_, -1) == LUA_TSTRING) {
        group.emplace_back(lua_tostring(L_, -1));
      } else if (lua_istable(L_, -1)) {
        lua_Integer m = luaL_len(L_, -1);
        for (lua_Integer j = 1; j <= m; ++j) {
          lua_geti(L_, -1, j);
          if (lua_type(L_, -1) != LUA_TSTRING)
            fail(fmt::format("field '{}' item {} must list concept ids as strings", key, i));
          group.emplace_back(lua_tostring(L_, -1));
          lua_pop(L_, 1);
        }
      } else {
        fail(fmt::format("field '{}' item {} must be a concept id or a list of alternatives", key,
                         i));
      }
      if (group.empty()) fail(fmt::format("field '{}' item {} is an empty list", key, i));
      out.push_back(std::move(group));
      lua_pop(L_, 1);
    }
  } else if (!lua_isnil(L_, -1)) {
    fail(fmt::format("field '{}' must be a concept id or a list of them", key));
  }
  lua_pop(L_, 1);
  return out;
}

double LuaFields::number(const char* key, double fallback) {
  push(key);
  double out = fallback;
  if (!lua_isnil(L_, -1)) {
    if (!lua_isnumber(L_, -1)) fail(fmt::format("field '{}' must be a number", key));
    out = lua_tonumber(L_, -1);
  }
  lua_pop(L_, 1);
  return out;
}

bool LuaFields::boolean(const char* key, bool fallback) {
  push(key);
  bool out = fallback;
  if (!lua_isnil(L_, -1)) {
    if (!lua_isboolean(L_, -1)) fail(fmt::format("field '{}' must be true or false", key));
    out = lua_toboolean(L_, -1) != 0;
  }
  lua_pop(L_, 1);
  return out;
}

void LuaFields::reject_unknown() {
  lua_pushnil(L_);
  while (lua_next(L_, index_) != 0) {
    lua_pop(L_, 1);
    if (lua_type(L_, -1) == LUA_TSTRING) {
      const char* k = lua_tostring(L_, -1);
      // Every declaration checks its fields here, a few hundred at each start: stop at the match.
      bool known = false;
      for (const char* a : known_) {
        if (a[0] == k[0] && std::strcmp(a, k) == 0) {
          known = true;
          break;
        }
      }
      if (!known) {
        const std::set<std::string> sorted(known_.begin(), known_.end());
        std::string allowed;
        for (const auto& a : sorted) allowed += (allowed.empty() ? "" : ", ") + a;
        fail(fmt::format("unknown field '{}' (allowed: {})", k, allowed));
      }
    } else if (lua_type(L_, -1) != LUA_TNUMBER) {
      fail("has a key that is neither a name nor a list position");
    }
  }
}

}  // namespace sdi::pack
