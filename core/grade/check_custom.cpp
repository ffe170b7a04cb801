// Custom checks: the pack's own Lua function judges the answer. Whatever goes wrong inside it
// (an error, the instruction budget, memory) is that check's `error`, never the whole run's.

#include <fmt/format.h>
#include <lauxlib.h>

#include <cmath>
#include <string_view>

#include "grade/check_context.hpp"

namespace sdi::grade {

namespace {

// The string at `idx`, up to any NUL byte, or "" for any other value.
std::string string_value(lua_State* L, int idx) {
  return lua_type(L, idx) == LUA_TSTRING ? lua_tostring(L, idx) : "";
}

std::string string_field(lua_State* L, int idx, const char* key) {
  lua_getfield(L, idx, key);
  std::string out = string_value(L, -1);
  lua_pop(L, 1);
  return out;
}

// Reads the evidence list on top of the stack (any other value gives none).
void read_evidence(lua_State* L, CheckResult& r) {
  if (!lua_istable(L, -1)) return;
  lua_Integer n = luaL_len(L, -1);
  for (lua_Integer i = 1; i <= n && i <= 20; ++i) {
    lua_geti(L, -1, i);
    if (lua_istable(L, -1)) {
      lua_getfield(L, -1, "line");
      int line = static_cast<int>(lua_tointeger(L, -1));
      lua_pop(L, 1);
      r.evidence.push_back({line, string_field(L, lua_gettop(L), "text")});
    } else if (lua_isinteger(L, -1)) {
      r.evidence.push_back({static_cast<int>(lua_tointeger(L, -1)), ""});
    }
    lua_pop(L, 1);
  }
}

// Reads { score, status, feedback, suggestion, evidence } from the table at `idx` (absolute),
// which has no metatable, so it holds only its own fields: one pass over them finds them all.
// `score` is left alone when the table has none.
void read_plain_outcome(lua_State* L, int idx, double& score, std::string& status, CheckResult& r) {
  // The evidence is read last, as reading the fields by name does: its metamethods may raise an
  // error.
  lua_pushnil(L);
  const int evidence = lua_gettop(L);
  lua_pushnil(L);
  while (lua_next(L, idx) != 0) {
    if (lua_type(L, -2) == LUA_TSTRING) {
      std::size_t size = 0;
      const char* name = lua_tolstring(L, -2, &size);
      const std::string_view key(name, size);
      if (key == "score") {
        if (lua_isnumber(L, -1)) score = lua_tonumber(L, -1);
      } else if (key == "status") {
        status = string_value(L, -1);
      } else if (key == "feedback") {
        r.feedback = string_value(L, -1);
      } else if (key == "suggestion") {
        r.suggestion = string_value(L, -1);
      } else if (key == "evidence") {
        lua_copy(L, -1, evidence);
      }
    }
    lua_pop(L, 1);
  }
  read_evidence(L, r);
  lua_settop(L, evidence - 1);
}

// Accepts a number (0..1), a boolean, a status string, or a table { score | status, feedback,
// suggestion, evidence }.
std::string read_outcome(lua_State* L, int idx, CheckResult& r, const pack::Check& check) {
  double score = -1;
  std::string status;
  switch (lua_type(L, idx)) {
    case LUA_TNUMBER:
      score = lua_tonumber(L, idx);
      break;
    case LUA_TBOOLEAN:
      score = lua_toboolean(L, idx) ? 1 : 0;
      break;
    case LUA_TSTRING:
      status = lua_tostring(L, idx);
      break;
    case LUA_TTABLE:
      if (!lua_getmetatable(L, idx)) {
        read_plain_outcome(L, idx, score, status, r);
        break;
      }
      // A metatable may supply fields the table lacks: ask for each by name.
      lua_pop(L, 1);
      lua_getfield(L, idx, "score");
      if (lua_isnumber(L, -1)) score = lua_tonumber(L, -1);
      lua_pop(L, 1);
      status = string_field(L, idx, "status");
      r.feedback = string_field(L, idx, "feedback");
      r.suggestion = string_field(L, idx, "suggestion");
      lua_getfield(L, idx, "evidence");
      read_evidence(L, r);
      lua_pop(L, 1);
      break;
    default:
      return fmt::format(
          "run() returned {}; return a score 0..1, true/false, or a table "
          "{{ score = ..., feedback = ... }}",
          luaL_typename(L, idx));
  }
  if (score < 0) {
    if (status == "pass")
      score = 1;
    else if (status == "partial")
      score = 0.5;
    else if (status == "fail")
      score = 0;
    else
      return fmt::format("run() returned status '{}'; use pass, partial or fail, or a score",
                         status);
  }
  if (!std::isfinite(score)) return "run() returned a score that is not a finite number";
  set_score(r, score);
  if (r.status != Status::Pass && r.suggestion.empty()) r.suggestion = check.feedback;
  if (r.status == Status::Pass && r.feedback.empty()) r.feedback = check.praise;
  return {};
}

// Whether the function at `idx` can see a second argument: a Lua function declaring fewer
// parameters (and no `...`) never does, and most checks' `run` takes only the answer, so the
// table telling which check runs is built only for those that can read it.
bool reads_second_argument(lua_State* L, int idx) {
  if (!lua_isfunction(L, idx)) return true;
  lua_Debug ar;
  lua_pushvalue(L, idx);
  lua_getinfo(L, ">u", &ar);
  return ar.isvararg || ar.nparams >= 2;
}

}  // namespace

CheckResult run_custom_check(const pack::Check& check, const CheckContext& ctx) {
  CheckResult r;
  lua::Sandbox& sb = ctx.pack.sandbox();
  lua_State* L = sb.state();
  int top = lua_gettop(L);
  try {
    lua_rawgeti(L, LUA_REGISTRYINDEX, check.lua_ref);
    lua_rawgeti(L, LUA_REGISTRYINDEX, ctx.answer_ref);
    if (!reads_second_argument(L, -2)) {
      lua_pushnil(L);  // run() has no parameter that could read it
    } else {
      lua_createtable(L, 0, 3);
      lua_pushlstring(L, check.id.data(), check.id.size());
      lua_setfield(L, -2, "check");
      lua_pushlstring(L, check.facet.data(), check.facet.size());
      lua_setfield(L, -2, "facet");
      lua_pushnumber(L, check.weight);
      lua_setfield(L, -2, "weight");
    }
    sb.call(2, 1);
    std::string problem = read_outcome(L, lua_gettop(L), r, check);
    if (!problem.empty()) {
      r.status = Status::Error;
      r.points = 0;
      r.feedback = fmt::format("{}:{}: check '{}': {}", check.where.file, check.where.line,
                               check.id, problem);
    }
  } catch (const lua::Error& e) {
    r.status = Status::Error;
    r.points = 0;
    r.feedback = fmt::format("check '{}' failed: {}", check.id, e.what());
  }
  lua_settop(L, top);
  return r;
}

}  // namespace sdi::grade
