#include "pack/loaded_pack.hpp"

#include <fmt/format.h>
#include <lauxlib.h>

#include "pack/error.hpp"
#include "pack/paths.hpp"

namespace sdi::pack {

namespace {

// Runs one file in the sandbox, passing it the registry value `argument_ref` (if any); Lua errors
// become pack::Error with the file and line intact.
void run_file(lua::Sandbox& sb, const std::filesystem::path& file, int argument_ref = LUA_NOREF) {
  std::string display = display_path(file);
  try {
    sb.load_file(file, display);
    int nargs = 0;
    if (argument_ref != LUA_NOREF) {
      lua_rawgeti(sb.state(), LUA_REGISTRYINDEX, argument_ref);
      nargs = 1;
    }
    sb.call(nargs, 0);
  } catch (const lua::Error& e) {
    throw Error(display, -1, e.what());
  }
}

}  // namespace

LoadedPack::LoadedPack(const Library& library, const Manifest& manifest, const lua::Limits& limits)
    : manifest_(manifest), sandbox_(std::make_unique<lua::Sandbox>(limits)) {
  declarations_.content = &content_;
  lua_State* L = sandbox_->state();
  sandbox_->push_env();
  push_pack_api(L, &declarations_);
  lua_setfield(L, -2, "sdi");
  lua_pop(L, 1);

  int argument_ref = LUA_NOREF;
  if (library.check_plugin_natives() != nullptr) {
    lua_pushcfunction(L, library.check_plugin_natives());
    sandbox_->call(0, 1);
    argument_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  }
  declarations_.generic = true;
  for (const auto& file : library.check_plugins()) run_file(*sandbox_, file, argument_ref);
  declarations_.generic = false;
  if (argument_ref != LUA_NOREF) luaL_unref(L, LUA_REGISTRYINDEX, argument_ref);

  std::filesystem::path main = manifest_.dir / "pack.lua";
  std::error_code ec;
  if (!std::filesystem::exists(main, ec))
    throw Error(display_path(main), 0, "is missing; a pack needs pack.lua next to pack.toml");
  sandbox_->set_module_root(manifest_.dir);
  run_file(*sandbox_, main);
}

std::vector<const Check*> LoadedPack::checks_for(const Template& t) const {
  std::vector<const Check*> out;
  for (const auto& c : content_.checks) out.push_back(&c);
  for (const auto& id : t.generic_checks) {
    for (const auto& g : content_.generic_checks) {
      if (g.id == id) {
        bool overridden = false;
        for (const auto& own : content_.checks) overridden = overridden || own.id == id;
        if (!overridden) out.push_back(&g);
        break;
      }
    }
  }
  return out;
}

const Estimate* LoadedPack::find_estimate(const std::string& id) const {
  for (const auto& e : content_.estimates)
    if (e.id == id) return &e;
  return nullptr;
}

const Assumption* LoadedPack::find_assumption(const std::string& id) const {
  for (const auto& a : content_.assumptions)
    if (a.id == id) return &a;
  return nullptr;
}

}  // namespace sdi::pack
