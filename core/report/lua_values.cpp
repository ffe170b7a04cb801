#include "report/lua_values.hpp"

#include <lauxlib.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "report/json_text.hpp"
#include "report/result_strings.hpp"

namespace sdi::report {

namespace {

const char kArrayMarker = 0;

}  // namespace

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

namespace {

// Text the same for every answer (the pack's ids, titles, words), pushed from the state's cache.
struct Shared {
  const std::string& text;
};
Shared shared(const std::string& text) {
  return {text};
}

// Field setters for the table on top; names are interned once per state (ResultStrings).
void set(lua_State* L, const ResultStrings& s, Name key, const std::string& v) {
  s.push(key);
  lua_pushlstring(L, v.data(), v.size());
  lua_rawset(L, -3);
}
void set(lua_State* L, const ResultStrings& s, Name key, Shared v) {
  s.push(key);
  s.push_shared(v.text);
  lua_rawset(L, -3);
}
void set(lua_State* L, const ResultStrings& s, Name key, Name word) {
  s.push(key);
  s.push(word);
  lua_rawset(L, -3);
}
void set(lua_State* L, const ResultStrings& s, Name key, double v) {
  s.push(key);
  if (std::floor(v) == v && std::fabs(v) < 1e15)
    lua_pushinteger(L, static_cast<lua_Integer>(v));
  else
    lua_pushnumber(L, v);
  lua_rawset(L, -3);
}
void set(lua_State* L, const ResultStrings& s, Name key, int v) {
  s.push(key);
  lua_pushinteger(L, v);
  lua_rawset(L, -3);
}
void set(lua_State* L, const ResultStrings& s, Name key, bool v) {
  s.push(key);
  lua_pushboolean(L, v);
  lua_rawset(L, -3);
}

void push_array(lua_State* L, const ResultStrings& s, std::size_t size) {
  lua_createtable(L, static_cast<int>(size), 0);
  s.mark_array();
}

Name status_word(grade::Status status) {
  switch (status) {
    case grade::Status::Pass:
      return "pass";
    case grade::Status::Partial:
      return "partial";
    case grade::Status::Fail:
      return "fail";
    case grade::Status::Error:
      break;
  }
  return "error";
}

void push_evidence(lua_State* L, const ResultStrings& s, const std::vector<grade::Evidence>& ev) {
  push_array(L, s, ev.size());
  for (std::size_t i = 0; i < ev.size(); ++i) {
    lua_createtable(L, 0, 2);
    set(L, s, "line", ev[i].line);
    set(L, s, "text", ev[i].text);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
}

void push_check(lua_State* L, const ResultStrings& s, const grade::CheckResult& c) {
  lua_createtable(L, 0, 10);
  set(L, s, "id", shared(c.id));
  set(L, s, "title", shared(c.title));
  set(L, s, "facet", shared(c.facet));
  set(L, s, "kind", shared(c.kind));
  set(L, s, "status", status_word(c.status));
  set(L, s, "points", c.points);
  set(L, s, "max", c.max);
  set(L, s, "feedback", c.feedback);
  set(L, s, "suggestion", shared(c.suggestion));
  push_evidence(L, s, c.evidence);
  lua_setfield(L, -2, "evidence");
}

void push_step(lua_State* L, const ResultStrings& s, const grade::StepResult& st) {
  lua_createtable(L, 0, 8);
  set(L, s, "id", shared(st.id));
  set(L, s, "title", shared(st.title));
  set(L, s, "points", st.points);
  set(L, s, "max", st.max);
  set(L, s, "score", std::round(st.score()));
  set(L, s, "verdict", shared(st.verdict));
  push_array(L, s, st.sections.size());
  for (std::size_t i = 0; i < st.sections.size(); ++i) {
    lua_pushinteger(L, st.sections[i]);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "sections");
  push_array(L, s, st.checks.size());
  for (std::size_t i = 0; i < st.checks.size(); ++i) {
    push_check(L, s, st.checks[i]);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "checks");
}

constexpr int kMaxDepth = 64;

// Writes Lua values as JSON into `out`; one per sdi.json call.
class Encoder {
 public:
  Encoder(lua_State* L, JsonText& out, int indent, std::string_view prefix)
      : L_(L), out_(out), layout_(indent, prefix) {
    push_array_metatable(L);
    array_marker_ = lua_topointer(L, -1);
    lua_pop(L, 1);
  }

  // The value at the absolute index `idx`.
  void value(int idx, int depth) {
    if (depth > kMaxDepth) luaL_error(L_, "sdi.json: value nested too deeply (a cycle?)");
    switch (lua_type(L_, idx)) {
      case LUA_TNIL:
        out_.put("null");
        return;
      case LUA_TBOOLEAN:
        out_.put(lua_toboolean(L_, idx) ? std::string_view("true") : std::string_view("false"));
        return;
      case LUA_TNUMBER:
        if (lua_isinteger(L_, idx))
          append_integer(out_, lua_tointeger(L_, idx));
        else
          append_number(out_, lua_tonumber(L_, idx));
        return;
      case LUA_TSTRING: {
        std::size_t len = 0;
        const char* s = lua_tolstring(L_, idx, &len);
        append_quoted(out_, s, len);
        return;
      }
      case LUA_TTABLE:
        table(idx, depth);
        return;
      default:
        luaL_error(L_, "sdi.json: cannot encode a %s", luaL_typename(L_, idx));
    }
  }

 private:
  struct Entry {
    std::uint64_t head;  // the key's first eight bytes, big-endian, zero-padded: most orders
    std::string_view key;
    int slot;
    bool spelled;  // a number key written out: its string is not the table's own
  };

  static std::uint64_t head_of(std::string_view key) {
    const std::size_t n = key.size() < 8 ? key.size() : 8;
    std::uint64_t h = 0;
    for (std::size_t k = 0; k < n; ++k)
      h |= std::uint64_t{static_cast<unsigned char>(key[k])} << (56 - 8 * k);
    return h;
  }

  void newline(int depth) { layout_.newline(out_, depth); }

  bool is_array(int idx, lua_Integer& n) {
    n = static_cast<lua_Integer>(lua_rawlen(L_, idx));
    if (lua_getmetatable(L_, idx)) {
      const bool marked = lua_topointer(L_, -1) == array_marker_;
      lua_pop(L_, 1);
      if (marked) return true;
    }
    if (n == 0) return false;
    lua_Integer count = 0;
    lua_pushnil(L_);
    while (lua_next(L_, idx) != 0) {
      lua_pop(L_, 1);
      ++count;
    }
    return count == n;
  }

  void table(int idx, int depth) {
    lua_Integer n = 0;
    if (is_array(idx, n)) {
      if (n == 0) {
        out_.put("[]");
        return;
      }
      out_.put('[');
      luaL_checkstack(L_, 2, "sdi.json: value nested too deeply");
      for (lua_Integer i = 1; i <= n; ++i) {
        if (i > 1) out_.put(',');
        newline(depth + 1);
        lua_rawgeti(L_, idx, i);
        value(lua_gettop(L_), depth + 1);
        lua_pop(L_, 1);
      }
      newline(depth);
      out_.put(']');
      return;
    }
    // Each value stays on the stack where next() left it, under a copy of its key that the next
    // call takes, so writing it needs no lookup by key. String keys are viewed in place (the
    // table keeps them alive); number keys are spelled by Lua into a string kept on the stack.
    // One list of entries per depth, reused across calls: no allocation per object.
    thread_local std::array<std::vector<Entry>, kMaxDepth + 1> pool;
    std::vector<Entry>& entries = pool[static_cast<std::size_t>(depth)];
    entries.clear();
    const int base = lua_gettop(L_);
    int limit = 0;  // stack slots known to be free up to here
    lua_pushnil(L_);
    while (true) {
      const int top = lua_gettop(L_);
      if (top + 4 > limit) {
        luaL_checkstack(L_, 64, "sdi.json: table too large");
        limit = top + 64;
      }
      if (lua_next(L_, idx) == 0) break;
      const int type = lua_type(L_, -2);
      if (type == LUA_TSTRING) {
        std::size_t size = 0;
        const char* key = lua_tolstring(L_, -2, &size);
        entries.push_back({0, std::string_view(key, size), top + 1, false});
        lua_pushvalue(L_, -2);
      } else if (type == LUA_TNUMBER) {
        lua_pushvalue(L_, -2);
        std::size_t size = 0;
        const char* key = lua_tolstring(L_, -1, &size);
        entries.push_back({0, std::string_view(key, size), top + 1, true});
        lua_pushvalue(L_, -3);
      } else {
        luaL_error(L_, "sdi.json: table keys must be strings or numbers");
      }
    }
    if (entries.empty()) {
      lua_settop(L_, base);
      out_.put("{}");
      return;
    }
    for (Entry& e : entries) e.head = head_of(e.key);
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
      return a.head != b.head ? a.head < b.head : a.key < b.key;
    });
    out_.put('{');
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (i > 0) out_.put(',');
      newline(depth + 1);
      key(entries[i]);
      value(entries[i].slot, depth + 1);
    }
    lua_settop(L_, base);
    newline(depth);
    out_.put('}');
  }

  // Writes `"key":` (and a space when indenting). The same few keys recur in every object of a
  // result, so each string key's text is kept, found again by the address of its Lua string:
  // every table reached from the value being written stays alive, and unchanged, for the call.
  void key(const Entry& e) {
    if (e.spelled) {
      write_key(e.key);
      return;
    }
    KeySlot& slot = keys_[(reinterpret_cast<std::uintptr_t>(e.key.data()) >> 4) % kKeySlots];
    if (slot.key == e.key.data() && slot.size == e.key.size()) {
      out_.put_padded(written_.data() + slot.offset, slot.length);
      return;
    }
    const std::size_t start = out_.size();
    write_key(e.key);
    const std::string_view text = out_.view().substr(start);
    slot = {e.key.data(), e.key.size(), written_.size(), text.size()};
    written_.append(text);
    written_.append(16, ' ');  // put_padded reads in sixteen-byte chunks
  }

  void write_key(std::string_view k) {
    append_quoted(out_, k.data(), k.size());
    out_.put(layout_.colon());
  }

  struct KeySlot {
    const char* key = nullptr;
    std::size_t size = 0;
    std::size_t offset = 0;  // of its text in written_
    std::size_t length = 0;
  };
  static constexpr std::size_t kKeySlots = 64;

  lua_State* L_;
  JsonText& out_;
  JsonLayout layout_;
  const void* array_marker_ = nullptr;
  std::array<KeySlot, kKeySlots> keys_{};
  std::string written_;
};

}  // namespace

void push_array(lua_State* L, int size_hint) {
  lua_createtable(L, size_hint, 0);
  push_array_metatable(L);
  lua_setmetatable(L, -2);
}

void push_result(lua_State* L, const grade::GradeResult& r) {
  const ResultStrings s(L);
  lua_createtable(L, 0, 12);
  set(L, s, "file", r.file);
  set(L, s, "problem", shared(r.problem));
  set(L, s, "template", shared(r.template_id));
  set(L, s, "matched_by", shared(r.matched_by));
  set(L, s, "score", r.score);
  set(L, s, "level", shared(r.level));
  set(L, s, "graded", r.graded);
  push_array(L, s, r.steps.size());
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    push_step(L, s, r.steps[i]);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "steps");
  push_array(L, s, r.facets.size());
  for (std::size_t i = 0; i < r.facets.size(); ++i) {
    lua_createtable(L, 0, 4);
    set(L, s, "id", shared(r.facets[i].id));
    set(L, s, "points", r.facets[i].points);
    set(L, s, "max", r.facets[i].max);
    set(L, s, "verdict", shared(r.facets[i].verdict));
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "facets");
  push_array(L, s, r.estimates.size());
  for (std::size_t i = 0; i < r.estimates.size(); ++i) {
    const auto& e = r.estimates[i];
    lua_createtable(L, 0, 8);
    set(L, s, "id", shared(e.id));
    set(L, s, "title", shared(e.title));
    set(L, s, "stated", e.stated);
    set(L, s, "expected", e.expected);
    set(L, s, "derivation", e.derivation);
    set(L, s, "ratio", std::round(e.ratio * 100) / 100);
    set(L, s, "credit", std::round(e.credit * 100) / 100);
    set(L, s, "line", e.line);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "estimates");
  push_array(L, s, r.flags.size());
  for (std::size_t i = 0; i < r.flags.size(); ++i) {
    lua_createtable(L, 0, 4);
    set(L, s, "id", shared(r.flags[i].id));
    set(L, s, "stated", r.flags[i].stated);
    set(L, s, "range", shared(r.flags[i].range));
    set(L, s, "line", r.flags[i].line);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "flags");
  push_array(L, s, r.errors.size());
  for (std::size_t i = 0; i < r.errors.size(); ++i) {
    lua_pushlstring(L, r.errors[i].data(), r.errors[i].size());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "errors");
  s.close();
}

std::string json_quote(std::string_view text) {
  // One buffer per thread: callers quote many short texts, one at a time.
  thread_local JsonText out;
  out.clear();
  append_quoted(out, text.data(), text.size());
  std::string quoted(out.view());
  if (out.capacity() > (std::size_t{1} << 22)) out = JsonText();
  return quoted;
}

std::string encode_json(lua_State* L, int index, int indent, std::string_view prefix) {
  JsonText out;
  Encoder(L, out, indent, prefix).value(lua_absindex(L, index), 0);
  return std::string(out.view());
}

namespace {

// Pushes the JSON of the value at index 1.
int push_json(lua_State* L, int indent, std::string_view prefix) {
  // One buffer per thread, reused: reports encode a result at a time, tens of kilobytes each.
  thread_local JsonText out;
  out.clear();
  Encoder(L, out, indent, prefix).value(1, 0);
  // The string pushed is charged to the budget by its bytes, as every allocation is.
  lua_pushlstring(L, out.view().data(), out.size());
  if (out.capacity() > (std::size_t{1} << 22)) out = JsonText();
  return 1;
}

int json_render_hook(lua_State* L) {
  luaL_checkany(L, 1);
  std::size_t prefix_len = 0;
  const char* prefix = lua_tolstring(L, lua_upvalueindex(2), &prefix_len);
  return push_json(L, static_cast<int>(lua_tointeger(L, lua_upvalueindex(1))),
                   std::string_view(prefix, prefix_len));
}

}  // namespace

int lua_json(lua_State* L) {
  luaL_checkany(L, 1);
  int indent = static_cast<int>(luaL_optinteger(L, 2, 0));
  std::size_t prefix_len = 0;
  const char* prefix = luaL_optlstring(L, 3, "", &prefix_len);
  return push_json(L, indent, std::string_view(prefix, prefix_len));
}

int lua_json_render(lua_State* L) {
  const int indent = static_cast<int>(luaL_optinteger(L, 1, 0));
  std::size_t prefix_len = 0;
  const char* prefix = luaL_optlstring(L, 2, "", &prefix_len);
  lua_pushinteger(L, indent);
  lua_pushlstring(L, prefix, prefix_len);
  lua_pushcclosure(L, json_render_hook, 2);
  return 1;
}

std::optional<JsonRender> json_render_of(lua_State* L, int index) {
  if (lua_tocfunction(L, index) != json_render_hook) return std::nullopt;
  index = lua_absindex(L, index);
  JsonRender render;
  lua_getupvalue(L, index, 1);
  render.indent = static_cast<int>(lua_tointeger(L, -1));
  lua_getupvalue(L, index, 2);
  std::size_t prefix_len = 0;
  const char* prefix = lua_tolstring(L, -1, &prefix_len);
  render.prefix.assign(prefix, prefix_len);
  lua_pop(L, 2);
  return render;
}

}  // namespace sdi::report
