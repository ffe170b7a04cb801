#include "report/lua_values.hpp"

#include <fmt/format.h>
#include <lauxlib.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <vector>

namespace sdi::report {

namespace {

const char kArrayMarker = 0;

void push_array_metatable(lua_State* L) {
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kArrayMarker) == LUA_TNIL) {
    lua_pop(L, 1);
    lua_createtable(L, 0, 1);
    lua_pushstring(L, "array");
    lua_setfield(L, -2, "__name");
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kArrayMarker);
  }
}

void set(lua_State* L, const char* key, const std::string& v) {
  lua_pushlstring(L, v.data(), v.size());
  lua_setfield(L, -2, key);
}
void set(lua_State* L, const char* key, double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15)
    lua_pushinteger(L, static_cast<lua_Integer>(v));
  else
    lua_pushnumber(L, v);
  lua_setfield(L, -2, key);
}
void set(lua_State* L, const char* key, int v) {
  lua_pushinteger(L, v);
  lua_setfield(L, -2, key);
}

void push_evidence(lua_State* L, const std::vector<grade::Evidence>& ev) {
  push_array(L, static_cast<int>(ev.size()));
  for (std::size_t i = 0; i < ev.size(); ++i) {
    lua_createtable(L, 0, 2);
    set(L, "line", ev[i].line);
    set(L, "text", ev[i].text);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
}

void push_check(lua_State* L, const grade::CheckResult& c) {
  lua_createtable(L, 0, 10);
  set(L, "id", c.id);
  set(L, "title", c.title);
  set(L, "facet", c.facet);
  set(L, "kind", c.kind);
  set(L, "status", std::string(grade::status_name(c.status)));
  set(L, "points", c.points);
  set(L, "max", c.max);
  set(L, "feedback", c.feedback);
  set(L, "suggestion", c.suggestion);
  push_evidence(L, c.evidence);
  lua_setfield(L, -2, "evidence");
}

void push_step(lua_State* L, const grade::StepResult& s) {
  lua_createtable(L, 0, 8);
  set(L, "id", s.id);
  set(L, "title", s.title);
  set(L, "points", s.points);
  set(L, "max", s.max);
  set(L, "score", std::round(s.score()));
  set(L, "verdict", s.verdict);
  push_array(L, static_cast<int>(s.sections.size()));
  for (std::size_t i = 0; i < s.sections.size(); ++i) {
    lua_pushinteger(L, s.sections[i]);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "sections");
  push_array(L, static_cast<int>(s.checks.size()));
  for (std::size_t i = 0; i < s.checks.size(); ++i) {
    push_check(L, s.checks[i]);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "checks");
}

// Length of the valid UTF-8 sequence at s[i], or 0 when the bytes there are not one.
std::size_t utf8_sequence(const char* s, std::size_t len, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  std::size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
  if (n == 0 || i + n > len) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  return n;
}

// JSON strings must be UTF-8: text a custom check returns may not be, so bad bytes become U+FFFD.
void append_string(std::string& out, const char* s, std::size_t len) {
  out += '"';
  for (std::size_t i = 0; i < len; ++i) {
    // Most text needs no escaping: copy each run of plain ASCII at once.
    std::size_t plain = i;
    while (plain < len) {
      const auto b = static_cast<unsigned char>(s[plain]);
      if (b < 0x20 || b >= 0x7f || b == '"' || b == '\\') break;
      ++plain;
    }
    if (plain > i) {
      out.append(s + i, plain - i);
      i = plain;
      if (i == len) break;
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      std::size_t n = utf8_sequence(s, len, i);
      if (n == 0) {
        out += "\xEF\xBF\xBD";
      } else {
        out.append(s + i, n);
        i += n - 1;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20 || c == 0x7f)
          out += fmt::format("\\u{:04x}", c);
        else
          out += static_cast<char>(c);
    }
  }
  out += '"';
}

struct Layout {
  int indent = 0;
  std::string_view prefix;  // after every line break, before the indentation
};

void newline(std::string& out, const Layout& layout, int depth) {
  if (layout.indent <= 0) return;
  out += '\n';
  out += layout.prefix;
  out.append(static_cast<std::size_t>(layout.indent * depth), ' ');
}

bool is_array(lua_State* L, int idx, lua_Integer& n) {
  n = static_cast<lua_Integer>(lua_rawlen(L, idx));
  if (lua_getmetatable(L, idx)) {
    push_array_metatable(L);
    bool marked = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    if (marked) return true;
  }
  if (n == 0) return false;
  lua_Integer count = 0;
  lua_pushnil(L);
  while (lua_next(L, idx) != 0) {
    lua_pop(L, 1);
    ++count;
  }
  return count == n;
}

constexpr int kMaxDepth = 64;

void encode(lua_State* L, int idx, const Layout& layout, int depth, std::string& out) {
  idx = lua_absindex(L, idx);
  if (depth > kMaxDepth) luaL_error(L, "sdi.json: value nested too deeply (a cycle?)");
  switch (lua_type(L, idx)) {
    case LUA_TNIL:
      out += "null";
      return;
    case LUA_TBOOLEAN:
      out += lua_toboolean(L, idx) ? "true" : "false";
      return;
    case LUA_TNUMBER: {
      if (lua_isinteger(L, idx)) {
        out += std::to_string(lua_tointeger(L, idx));
      } else {
        double v = lua_tonumber(L, idx);
        if (!std::isfinite(v))
          out += "null";
        else if (std::floor(v) == v && std::fabs(v) < 1e15)
          out += std::to_string(static_cast<long long>(v));
        else
          out += fmt::format("{}", v);
      }
      return;
    }
    case LUA_TSTRING: {
      std::size_t len = 0;
      const char* s = lua_tolstring(L, idx, &len);
      append_string(out, s, len);
      return;
    }
    case LUA_TTABLE: {
      lua_Integer n = 0;
      if (is_array(L, idx, n)) {
        if (n == 0) {
          out += "[]";
          return;
        }
        out += '[';
        for (lua_Integer i = 1; i <= n; ++i) {
          if (i > 1) out += ',';
          newline(out, layout, depth + 1);
          lua_rawgeti(L, idx, i);
          encode(L, -1, layout, depth + 1, out);
          lua_pop(L, 1);
        }
        newline(out, layout, depth);
        out += ']';
        return;
      }
      // Each value stays on the stack in the order next() gives it, so writing it needs no
      // lookup by key. String keys are viewed in place (the table keeps them alive); number keys
      // are written out, kept in `spelled`.
      struct Entry {
        std::string_view key;
        int slot;
      };
      // One list of entries per depth (deeper values raise above), reused across calls: no
      // allocation per object.
      thread_local std::array<std::vector<Entry>, kMaxDepth + 1> pool;
      std::vector<Entry>& entries = pool[static_cast<std::size_t>(depth)];
      entries.clear();
      std::deque<std::string> spelled;
      const int base = lua_gettop(L) + 1;
      lua_pushnil(L);
      while (lua_next(L, idx) != 0) {
        luaL_checkstack(L, 2, "sdi.json: table too large");
        lua_insert(L, -2);  // the value below the key
        const int slot = lua_gettop(L) - 1;
        if (lua_type(L, -1) == LUA_TSTRING) {
          std::size_t size = 0;
          const char* key = lua_tolstring(L, -1, &size);
          entries.push_back({std::string_view(key, size), slot});
        } else if (lua_type(L, -1) == LUA_TNUMBER) {
          lua_pushvalue(L, -1);
          spelled.emplace_back(lua_tostring(L, -1));
          entries.push_back({spelled.back(), slot});
          lua_pop(L, 1);
        } else {
          luaL_error(L, "sdi.json: table keys must be strings or numbers");
        }
      }
      if (entries.empty()) {
        out += "{}";
        return;
      }
      std::sort(entries.begin(), entries.end(),
                [](const Entry& a, const Entry& b) { return a.key < b.key; });
      out += '{';
      for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i > 0) out += ',';
        newline(out, layout, depth + 1);
        append_string(out, entries[i].key.data(), entries[i].key.size());
        out += layout.indent > 0 ? ": " : ":";
        encode(L, entries[i].slot, layout, depth + 1, out);
      }
      lua_settop(L, base - 1);
      newline(out, layout, depth);
      out += '}';
      return;
    }
    default:
      luaL_error(L, "sdi.json: cannot encode a %s", luaL_typename(L, idx));
  }
}

}  // namespace

void push_array(lua_State* L, int size_hint) {
  lua_createtable(L, size_hint, 0);
  push_array_metatable(L);
  lua_setmetatable(L, -2);
}

void push_result(lua_State* L, const grade::GradeResult& r) {
  lua_createtable(L, 0, 12);
  set(L, "file", r.file);
  set(L, "problem", r.problem);
  set(L, "template", r.template_id);
  set(L, "matched_by", r.matched_by);
  set(L, "score", r.score);
  set(L, "level", r.level);
  lua_pushboolean(L, r.graded);
  lua_setfield(L, -2, "graded");
  push_array(L, static_cast<int>(r.steps.size()));
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    push_step(L, r.steps[i]);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "steps");
  push_array(L, static_cast<int>(r.facets.size()));
  for (std::size_t i = 0; i < r.facets.size(); ++i) {
    lua_createtable(L, 0, 4);
    set(L, "id", r.facets[i].id);
    set(L, "points", r.facets[i].points);
    set(L, "max", r.facets[i].max);
    set(L, "verdict", r.facets[i].verdict);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "facets");
  push_array(L, static_cast<int>(r.estimates.size()));
  for (std::size_t i = 0; i < r.estimates.size(); ++i) {
    const auto& e = r.estimates[i];
    lua_createtable(L, 0, 8);
    set(L, "id", e.id);
    set(L, "title", e.title);
    set(L, "stated", e.stated);
    set(L, "expected", e.expected);
    set(L, "derivation", e.derivation);
    set(L, "ratio", std::round(e.ratio * 100) / 100);
    set(L, "credit", std::round(e.credit * 100) / 100);
    set(L, "line", e.line);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "estimates");
  push_array(L, static_cast<int>(r.flags.size()));
  for (std::size_t i = 0; i < r.flags.size(); ++i) {
    lua_createtable(L, 0, 4);
    set(L, "id", r.flags[i].id);
    set(L, "stated", r.flags[i].stated);
    set(L, "range", r.flags[i].range);
    set(L, "line", r.flags[i].line);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "flags");
  push_array(L, static_cast<int>(r.errors.size()));
  for (std::size_t i = 0; i < r.errors.size(); ++i) {
    lua_pushlstring(L, r.errors[i].data(), r.errors[i].size());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "errors");
}

std::string json_quote(std::string_view text) {
  std::string out;
  append_string(out, text.data(), text.size());
  return out;
}

std::string encode_json(lua_State* L, int index, int indent, std::string_view prefix) {
  std::string out;
  encode(L, index, Layout{indent, prefix}, 0, out);
  return out;
}

int lua_json(lua_State* L) {
  luaL_checkany(L, 1);
  int indent = static_cast<int>(luaL_optinteger(L, 2, 0));
  std::size_t prefix_len = 0;
  const char* prefix = luaL_optlstring(L, 3, "", &prefix_len);
  // One buffer per thread, reused: reports encode a result at a time, tens of kilobytes each.
  thread_local std::string out;
  out.clear();
  encode(L, 1, Layout{indent, std::string_view(prefix, prefix_len)}, 0, out);
  lua_pushlstring(L, out.data(), out.size());
  if (out.capacity() > (std::size_t{1} << 22)) std::string().swap(out);
  return 1;
}

}  // namespace sdi::report
