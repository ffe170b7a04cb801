#include "report/reporter.hpp"

#include <fmt/format.h>
#include <lauxlib.h>

#include <algorithm>
#include <stdexcept>

#include "pack/paths.hpp"
#include "report/escapes.hpp"
#include "report/json_text.hpp"
#include "report/lua_values.hpp"
#include "report/result_json.hpp"
#include "report/text_report.hpp"

namespace sdi::report {

namespace {

int push_result_cfn(lua_State* L) {
  push_result(L, *static_cast<const grade::GradeResult*>(lua_touserdata(L, 1)));
  return 1;
}

int push_summary_cfn(lua_State* L) {
  const Summary& s = *static_cast<const Summary*>(lua_touserdata(L, 1));
  lua_createtable(L, 0, 8);
  lua_pushinteger(L, s.files);
  lua_setfield(L, -2, "files");
  lua_pushinteger(L, s.graded);
  lua_setfield(L, -2, "graded");
  lua_pushinteger(L, s.errors);
  lua_setfield(L, -2, "errors");
  lua_pushinteger(L, s.below);
  lua_setfield(L, -2, "below_min_score");
  lua_pushnumber(L, s.min_score);
  lua_setfield(L, -2, "min_score");
  lua_pushnumber(L, s.mean);
  lua_setfield(L, -2, "mean");
  lua_createtable(L, 0, 4);
  for (const auto& [level, count] : s.levels) {
    lua_pushinteger(L, count);
    lua_setfield(L, -2, level.c_str());
  }
  lua_setfield(L, -2, "levels");
  return 1;
}

[[noreturn]] void bad_rendered(const std::string& display, const char* what) {
  throw std::runtime_error(fmt::format(
      "reporter {}: render returned {}; it may return nil, a string, or a table of string and "
      "number keys with string, number and boolean values",
      display, what));
}

Rendered::Value take_value(const std::string& display, lua_State* L, int idx) {
  switch (lua_type(L, idx)) {
    case LUA_TSTRING: {
      std::size_t len = 0;
      const char* s = lua_tolstring(L, idx, &len);
      return std::string(s, len);
    }
    case LUA_TNUMBER:
      if (lua_isinteger(L, idx)) return lua_tointeger(L, idx);
      return lua_tonumber(L, idx);
    case LUA_TBOOLEAN:
      return lua_toboolean(L, idx) != 0;
    default:
      bad_rendered(display, fmt::format("a table holding a {}", luaL_typename(L, idx)).c_str());
  }
}

// Copies what render left at `idx` out of the sandbox into `out`, which holds nothing.
void take_rendered(const std::string& display, lua_State* L, int idx, Rendered& out) {
  switch (lua_type(L, idx)) {
    case LUA_TNIL:
      return;
    case LUA_TSTRING: {
      std::size_t len = 0;
      const char* s = lua_tolstring(L, idx, &len);
      out.kind = Rendered::Kind::Text;
      out.text.assign(s, len);
      return;
    }
    case LUA_TTABLE:
      break;
    default:
      bad_rendered(display, fmt::format("a {}", luaL_typename(L, idx)).c_str());
  }
  out.kind = Rendered::Kind::Table;
  // next() has no fixed order; the fields are a table again on the other side, so order only
  // matters if the hook iterates it, and then pairs() there has its fixed order.
  lua_pushnil(L);
  while (lua_next(L, idx) != 0) {
    Rendered::Key key;
    if (lua_type(L, -2) == LUA_TSTRING) {
      std::size_t len = 0;
      const char* k = lua_tolstring(L, -2, &len);
      key = std::string(k, len);
    } else if (lua_isinteger(L, -2)) {
      key = lua_tointeger(L, -2);
    } else {
      bad_rendered(display, fmt::format("a table with a {} key", luaL_typename(L, -2)).c_str());
    }
    out.fields.emplace_back(std::move(key), take_value(display, L, -1));
    lua_pop(L, 1);
  }
}

int push_rendered_cfn(lua_State* L) {
  const Rendered& r = *static_cast<const Rendered*>(lua_touserdata(L, 1));
  if (r.kind == Rendered::Kind::Nil) {
    lua_pushnil(L);
    return 1;
  }
  if (r.kind == Rendered::Kind::Text) {
    const std::string_view text = r.text_view();
    lua_pushlstring(L, text.data(), text.size());
    return 1;
  }
  lua_createtable(L, 0, static_cast<int>(r.fields.size()));
  for (const auto& [key, value] : r.fields) {
    if (const auto* k = std::get_if<std::string>(&key))
      lua_pushlstring(L, k->data(), k->size());
    else
      lua_pushinteger(L, std::get<lua_Integer>(key));
    if (const auto* v = std::get_if<std::string>(&value))
      lua_pushlstring(L, v->data(), v->size());
    else if (const auto* i = std::get_if<lua_Integer>(&value))
      lua_pushinteger(L, *i);
    else if (const auto* n = std::get_if<lua_Number>(&value))
      lua_pushnumber(L, *n);
    else
      lua_pushboolean(L, std::get<bool>(value) ? 1 : 0);
    lua_rawset(L, -3);
  }
  return 1;
}

}  // namespace

Reporter::Reporter(const std::filesystem::path& plugin, RunInfo info,
                   std::function<void(std::string_view)> sink)
    : sandbox_(std::make_unique<lua::Sandbox>()),
      sink_(std::move(sink)),
      display_(pack::display_path(plugin)) {
  lua_State* L = sandbox_->state();
  sandbox_->push_env();
  lua_newtable(L);
  lua_pushcfunction(L, lua_json);
  lua_setfield(L, -2, "json");
  lua_pushcfunction(L, lua_json_render);
  lua_setfield(L, -2, "json_render");
  lua_pushcfunction(L, lua_text_render);
  lua_setfield(L, -2, "text_render");
  lua_createtable(L, 0, 9);
  add_escapes(L);
  lua_setfield(L, -2, "escape");
  lua_pushstring(L, SDI_VERSION);
  lua_setfield(L, -2, "version");
  lua_setfield(L, -2, "sdi");
  lua_pop(L, 1);
  sandbox_->set_module_root(plugin.parent_path());
  try {
    sandbox_->load_file(plugin, display_);
    sandbox_->call(0, 1);
  } catch (const lua::Error& e) {
    throw std::runtime_error(e.what());
  }
  if (!lua_istable(L, -1))
    throw std::runtime_error(
        fmt::format("{}: a reporter must return a table with start, result "
                    "and finish functions",
                    display_));
  lua_getfield(L, -1, "description");
  if (lua_type(L, -1) == LUA_TSTRING) description_ = lua_tostring(L, -1);
  lua_pop(L, 1);
  lua_getfield(L, -1, "prologue");
  prologue_ = lua_toboolean(L, -1) != 0;
  lua_pop(L, 1);
  lua_getfield(L, -1, "render");
  renders_ = lua_isfunction(L, -1);
  lua_pop(L, 1);
  lua_getfield(L, -1, "result");
  has_result_ = lua_isfunction(L, -1);
  lua_pop(L, 1);
  lua_getfield(L, -1, "before");
  has_before_ = lua_isfunction(L, -1);
  lua_pop(L, 1);
  module_ref_ = luaL_ref(L, LUA_REGISTRYINDEX);
  color_ = info.color;
  lua_createtable(L, 0, 4);
  lua_pushboolean(L, info.color);
  lua_setfield(L, -2, "color");
  lua_pushnumber(L, info.min_score);
  lua_setfield(L, -2, "min_score");
  lua_pushstring(L, info.command.c_str());
  lua_setfield(L, -2, "command");
  if (!info.shard.empty()) {
    lua_pushstring(L, info.shard.c_str());
    lua_setfield(L, -2, "shard");
  }
  lua_pushstring(L, SDI_VERSION);
  lua_setfield(L, -2, "version");
  run_ref_ = luaL_ref(L, LUA_REGISTRYINDEX);
}

// Calls module[name](args..., run) with `nargs` arguments already on the stack.
void Reporter::call_hook(const char* name, int nargs, int nresults) {
  lua_State* L = sandbox_->state();
  lua_rawgeti(L, LUA_REGISTRYINDEX, module_ref_);
  lua_getfield(L, -1, name);
  lua_remove(L, -2);
  if (!lua_isfunction(L, -1)) {
    lua_pop(L, 1 + nargs);
    for (int i = 0; i < nresults; ++i) lua_pushnil(L);
    return;
  }
  lua_insert(L, -1 - nargs);
  lua_rawgeti(L, LUA_REGISTRYINDEX, run_ref_);
  try {
    sandbox_->call(nargs + 1, nresults);
  } catch (const lua::Error& e) {
    throw std::runtime_error(fmt::format("reporter {}: {}", display_, e.what()));
  }
}

// Pushes a table built by `push` from `data` (in protected mode: it may hit the memory limit).
void Reporter::push_built(lua_CFunction push, const void* data) {
  lua_State* L = sandbox_->state();
  lua_pushcfunction(L, push);
  lua_pushlightuserdata(L, const_cast<void*>(data));
  try {
    sandbox_->call(1, 1);
  } catch (const lua::Error& e) {
    throw std::runtime_error(fmt::format("reporter {}: {}", display_, e.what()));
  }
}

Reporter::NativeRender Reporter::native_render() {
  lua_State* L = sandbox_->state();
  lua_rawgeti(L, LUA_REGISTRYINDEX, module_ref_);
  lua_getfield(L, -1, "render");
  NativeRender native;
  native.json = json_render_of(L, -1);
  native.text = is_text_render(L, -1);
  lua_pop(L, 2);
  return native;
}

Reporter::Native Reporter::render_native(const grade::GradeResult& r, std::optional<JsonText>& json,
                                         std::string& text) {
  // Looked up each time, as call_hook does, in case the reporter has swapped its hook since.
  const NativeRender native = native_render();
  // Like sdi.json's buffer: kept for the next result unless one huge result grew it.
  constexpr std::size_t kKeep = std::size_t{1} << 22;
  if (native.json) {
    // A new buffer starts as big as the last one grew, rather than growing again step by step
    // and leaving each smaller one behind.
    if (!json || json->capacity() > kKeep) json.emplace(json_capacity_);
    json->clear();
    JsonLayout layout(native.json->indent, native.json->prefix);
    append_result_json(*json, layout, r);
    json_capacity_ = std::min(json->capacity(), kKeep);
    return Native::Json;
  }
  if (native.text) {
    if (text.capacity() > kKeep) text = std::string();
    text.clear();
    append_text_report(text, r, color_);
    return Native::Text;
  }
  return Native::None;
}

void Reporter::render(const grade::GradeResult& r, Rendered& out) {
  out.kind = Rendered::Kind::Text;
  out.in_json = false;
  out.fields.clear();
  switch (render_native(r, out.json, out.text)) {
    case Native::Json:
      out.in_json = true;
      return;
    case Native::Text:
      return;
    case Native::None:
      break;
  }
  out.kind = Rendered::Kind::Nil;
  out.text.clear();
  lua_State* L = sandbox_->state();
  const int first = lua_gettop(L) + 1;
  push_built(push_result_cfn, &r);
  call_hook("render", 1, 1);
  take_rendered(display_, L, first, out);
  lua_settop(L, first - 1);
}

Renderer::Renderer(const std::filesystem::path& plugin, const RunInfo& info)
    : reporter_(std::make_unique<Reporter>(plugin, info, [](std::string_view) {})) {}

Renderer::~Renderer() = default;

Rendered Renderer::render(const grade::GradeResult& r) {
  Rendered out;
  reporter_->render(r, out);
  return out;
}

void Renderer::render(const grade::GradeResult& r, Rendered& out) {
  reporter_->render(r, out);
}

void Reporter::write_value(int idx, Spool* spool) {
  lua_State* L = sandbox_->state();
  if (lua_type(L, idx) != LUA_TSTRING) return;
  std::size_t len = 0;
  const char* s = lua_tolstring(L, idx, &len);
  write_text(std::string_view(s, len), spool);
}

void Reporter::write_text(std::string_view text, Spool* spool) {
  if (spool == nullptr) {
    sink_(text);
    return;
  }
  if (!spool->file) spool->file.reset(std::tmpfile());
  if (!spool->file || std::fwrite(text.data(), 1, text.size(), spool->file.get()) != text.size())
    throw std::runtime_error(fmt::format(
        "reporter {}: cannot keep the report in a temporary file; check the space in $TMPDIR",
        display_));
}

void Reporter::write_spool(Spool& spool) {
  if (!spool.file) return;
  std::rewind(spool.file.get());
  char chunk[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(chunk, 1, sizeof chunk, spool.file.get())) > 0)
    sink_(std::string_view(chunk, n));
  spool.file.reset();
}

void Reporter::start() {
  lua_State* L = sandbox_->state();
  const int first = lua_gettop(L) + 1;
  call_hook("start", 0, 1);
  write_value(first, prologue_ ? &body_ : nullptr);
  lua_settop(L, first - 1);
}

void Reporter::add(const grade::GradeResult& r) {
  lua_State* L = sandbox_->state();
  const int first = lua_gettop(L) + 1;
  if (renders_) {
    // Text the engine renders and writes as is goes out from where it was written.
    if (!has_result_) {
      const Native native = render_native(r, json_text_, text_report_);
      if (native != Native::None) {
        write_before();
        write_text(native == Native::Json ? json_text_->view() : std::string_view(text_report_),
                   prologue_ ? &body_ : nullptr);
        return;
      }
    }
    // As on a worker: copied out and back, so the `result` hook gets the same either way.
    render(r, rendered_);
    add(rendered_);
    return;
  }
  push_built(push_result_cfn, &r);
  call_result(first);
}

void Reporter::add(const Rendered& rendered) {
  lua_State* L = sandbox_->state();
  if (!has_result_) {
    if (rendered.kind == Rendered::Kind::Text) {
      write_before();
      write_text(rendered.text_view(), prologue_ ? &body_ : nullptr);
    }
    return;
  }
  const int first = lua_gettop(L) + 1;
  push_built(push_rendered_cfn, &rendered);
  call_result(first);
}

void Reporter::write_before() {
  if (!has_before_) return;
  lua_State* L = sandbox_->state();
  const int first = lua_gettop(L) + 1;
  call_hook("before", 0, 1);
  write_value(first, prologue_ ? &body_ : nullptr);
  lua_settop(L, first - 1);
}

void Reporter::call_result(int first) {
  call_hook("result", 1, 2);
  write_value(first, prologue_ ? &body_ : nullptr);
  write_value(first + 1, &appendix_);
  lua_settop(sandbox_->state(), first - 1);
}

// The report ends: finish's head (with `prologue`), what start and the results returned, finish's
// text, the results' appendices, finish's tail. finish returns the text, or a table
// { head, text, tail }.
void Reporter::finish(const Summary& s) {
  lua_State* L = sandbox_->state();
  const int first = lua_gettop(L) + 1;
  push_built(push_summary_cfn, &s);
  call_hook("finish", 1, 1);
  const int out = first;
  if (lua_istable(L, out)) {
    lua_getfield(L, out, "head");
    lua_getfield(L, out, "text");
    lua_getfield(L, out, "tail");
  } else {
    lua_pushnil(L);
    lua_pushvalue(L, out);
    lua_pushnil(L);
  }
  const int head = out + 1, text = out + 2, tail = out + 3;
  if (!lua_isnil(L, head) && !prologue_)
    throw std::runtime_error(
        fmt::format("reporter {}: finish returned a head, which needs `prologue = true` in the "
                    "reporter's table",
                    display_));
  write_value(head, nullptr);
  write_spool(body_);
  write_value(text, nullptr);
  write_spool(appendix_);
  write_value(tail, nullptr);
  lua_settop(L, first - 1);
}

std::string reporter_description(const std::filesystem::path& plugin) {
  try {
    Reporter r(plugin, {}, [](std::string_view) {});
    return r.description();
  } catch (const std::exception& e) {
    return std::string("(broken: ") + e.what() + ")";
  }
}

}  // namespace sdi::report
