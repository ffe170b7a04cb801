// require(name) loads NAME.lua (dots become folders) from the module root the host set, and only
// from there: names are restricted to dotted identifiers and the resolved file must stay inside
// the root after symlinks are resolved. Modules are cached per name and text-only.

#include <fmt/format.h>
#include <lauxlib.h>

#include <array>
#include <string>
#include <string_view>
#include <system_error>

#include "lua/detail/compiled_chunk.hpp"
#include "lua/detail/errors.hpp"
#include "lua/detail/runtime.hpp"
#include "lua/detail/source_file.hpp"

namespace sdi::lua::detail {
namespace {

// Registry keys (their addresses are unique).
const char kModuleCacheKey = 0;
const char kLoadingSentinel = 0;

constexpr std::array<std::string_view, 5> kSandboxLibraries = {"string", "table", "math", "utf8",
                                                               "coroutine"};
constexpr std::array<std::string_view, 6> kHostLibraries = {"os",      "io",  "debug",
                                                            "package", "ffi", "jit"};

bool is_name_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// "lib.helpers" -> "lib/helpers.lua"; empty when the name is not a dotted identifier.
std::string module_relative_path(std::string_view name) {
  if (name.empty() || name.size() > 200) return {};
  std::string path;
  bool segment_empty = true;
  for (const char c : name) {
    if (c == '.') {
      if (segment_empty) return {};
      path += '/';
      segment_empty = true;
    } else if (is_name_character(c)) {
      path += c;
      segment_empty = false;
    } else {
      return {};
    }
  }
  if (segment_empty) return {};
  return path + ".lua";
}

bool is_inside(const std::filesystem::path& root, const std::filesystem::path& file) {
  const auto relative = file.lexically_relative(root);
  return !relative.empty() && *relative.begin() != "..";
}

void push_module_cache(lua_State* L) {
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kModuleCacheKey) == LUA_TTABLE) return;
  lua_pop(L, 1);
  lua_newtable(L);
  lua_pushvalue(L, -1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kModuleCacheKey);
}

// Loads the module file as a function on top of the stack and returns its display name.
std::string load_module(lua_State* L, std::string_view name) {
  Runtime& rt = runtime(L);
  if (rt.module_root.empty()) {
    raise_tagged(
        L, Error::Kind::Forbidden,
        fmt::format("require: cannot load module '{}': this sandbox has no module folder", name));
  }
  const std::string relative = module_relative_path(name);
  if (relative.empty()) {
    raise_tagged(L, Error::Kind::Forbidden,
                 fmt::format("require: invalid module name '{}' (use dotted names of files inside "
                             "the pack folder, such as 'lib.helpers')",
                             name));
  }
  const std::string display = rt.module_display_root.empty()
                                  ? relative
                                  : fmt::format("{}/{}", rt.module_display_root, relative);
  std::error_code error;
  const auto root = std::filesystem::weakly_canonical(rt.module_root, error);
  const auto file = std::filesystem::weakly_canonical(rt.module_root / relative, error);
  if (error || !is_inside(root, file)) {
    raise_tagged(L, Error::Kind::Forbidden,
                 fmt::format("require: module '{}' resolves outside the pack folder", name));
  }
  const std::string chunkname = chunkname_for(display);
  CompiledChunk compiled(file, chunkname, rt.limits.memory_bytes);
  if (compiled.load(L)) {
    remember_chunkname(L, rt, display);
    return display;
  }
  bool too_large = false;
  const auto text = read_source_file(file, rt.limits.memory_bytes, too_large);
  if (!text) {
    if (too_large) {
      raise_tagged(L, Error::Kind::Memory,
                   fmt::format("require: module file '{}' is larger than the {} memory limit",
                               display, format_bytes(rt.limits.memory_bytes)));
    }
    luaL_error(L, "module '%s' not found (no file '%s' in the pack folder)",
               std::string(name).c_str(), display.c_str());
  }
  if (!text->empty() && (*text)[0] == LUA_SIGNATURE[0]) {
    raise_tagged(
        L, Error::Kind::Forbidden,
        fmt::format("require: module '{}' is a binary chunk; only Lua source is allowed", name));
  }
  if (luaL_loadbufferx(L, text->data(), text->size(), chunkname.c_str(), "t") != LUA_OK) {
    lua_error(L);
  }
  compiled.keep(L);
  remember_chunkname(L, rt, display);
  return display;
}

}  // namespace

int safe_require(lua_State* L) {
  const std::string name = luaL_checkstring(L, 1);
  lua_settop(L, 1);
  for (const auto library : kSandboxLibraries) {
    if (name == library) {
      lua_getglobal(L, name.c_str());
      return 1;
    }
  }
  for (const auto library : kHostLibraries) {
    if (name == library) {
      return raise_tagged(
          L, Error::Kind::Forbidden,
          fmt::format("require: module '{}' is not available in the sandbox (only modules from "
                      "the pack folder can be required)",
                      name));
    }
  }
  push_module_cache(L);  // 2
  lua_getfield(L, 2, name.c_str());
  if (lua_touserdata(L, -1) == &kLoadingSentinel) {
    return raise_tagged(
        L, Error::Kind::Forbidden,
        fmt::format("require: module '{}' requires itself (circular require)", name));
  }
  if (!lua_isnil(L, -1)) return 1;
  lua_pop(L, 1);

  const std::string display = load_module(L, name);  // 3: the chunk
  lua_pushlightuserdata(L, const_cast<char*>(&kLoadingSentinel));
  lua_setfield(L, 2, name.c_str());
  lua_pushstring(L, name.c_str());
  lua_pushstring(L, display.c_str());
  if (lua_pcall(L, 2, 1, 0) != LUA_OK) {
    lua_pushnil(L);
    lua_setfield(L, 2, name.c_str());
    return lua_error(L);
  }
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    lua_pushboolean(L, 1);
  }
  lua_pushvalue(L, -1);
  lua_setfield(L, 2, name.c_str());
  return 1;
}

// Clears the module cache, when the module root changes.
void forget_modules(lua_State* L) {
  lua_pushnil(L);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kModuleCacheKey);
}

}  // namespace sdi::lua::detail
