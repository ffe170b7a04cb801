#include "repl/console.hpp"

#include <fmt/format.h>
#include <lauxlib.h>

#include <algorithm>
#include <filesystem>

#include "pack/quantity_binding.hpp"
#include "quantity/quantity.hpp"

namespace sdi::repl {

namespace {

const pack::Library& library_of(lua_State* L) {
  return *static_cast<const pack::Library*>(lua_touserdata(L, lua_upvalueindex(1)));
}

int lua_packs(lua_State* L) {
  const auto& lib = library_of(L);
  lua_createtable(L, static_cast<int>(lib.packs().size()), 0);
  lua_Integer i = 0;
  for (const auto& m : lib.packs()) {
    lua_createtable(L, 0, 4);
    lua_pushstring(L, m.id.c_str());
    lua_setfield(L, -2, "id");
    lua_pushstring(L, m.title.c_str());
    lua_setfield(L, -2, "title");
    lua_pushstring(L, m.difficulty.c_str());
    lua_setfield(L, -2, "difficulty");
    lua_pushstring(L, m.template_id.c_str());
    lua_setfield(L, -2, "template");
    lua_rawseti(L, -2, ++i);
  }
  return 1;
}

int lua_templates(lua_State* L) {
  const auto& lib = library_of(L);
  lua_newtable(L);
  lua_Integer i = 0;
  for (const auto& t : lib.templates()) {
    lua_pushstring(L, t.id.c_str());
    lua_rawseti(L, -2, ++i);
  }
  return 1;
}

int lua_concept(lua_State* L) {
  const auto& lib = library_of(L);
  const char* id = luaL_checkstring(L, 1);
  const pack::Concept* c = lib.glossary().find(id);
  if (c == nullptr) return 0;
  lua_createtable(L, 0, 4);
  lua_pushstring(L, c->id.c_str());
  lua_setfield(L, -2, "id");
  lua_pushstring(L, c->name.c_str());
  lua_setfield(L, -2, "name");
  lua_pushstring(L, c->definition.c_str());
  lua_setfield(L, -2, "definition");
  lua_createtable(L, static_cast<int>(c->synonyms.size()), 0);
  for (std::size_t k = 0; k < c->synonyms.size(); ++k) {
    lua_pushstring(L, c->synonyms[k].c_str());
    lua_rawseti(L, -2, static_cast<lua_Integer>(k + 1));
  }
  lua_setfield(L, -2, "synonyms");
  return 1;
}

int lua_calc(lua_State* L) {
  const char* expr = luaL_checkstring(L, 1);
  quantity::Result r = quantity::evaluate(expr);
  if (!r.ok()) return luaL_error(L, "calc: %s", r.error->message.c_str());
  pack::push_quantity(L, r.value);
  return 1;
}

// A readable one-line rendering of values, tables included (two levels, sorted keys).
constexpr const char* kShow = R"(
local function show(v, depth)
  if type(v) == "string" then return string.format("%q", v) end
  if type(v) ~= "table" then return tostring(v) end
  if depth > 1 then return "{...}" end
  local keys, n = {}, #v
  for k in pairs(v) do
    if not (math.type(k) == "integer" and k >= 1 and k <= n) then keys[#keys + 1] = k end
  end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {}
  for i = 1, math.min(n, 20) do parts[#parts + 1] = show(v[i], depth + 1) end
  if n > 20 then parts[#parts + 1] = "..." end
  for _, k in ipairs(keys) do
    parts[#parts + 1] = tostring(k) .. " = " .. show(v[k], depth + 1)
  end
  return "{" .. table.concat(parts, ", ") .. "}"
end
return show
)";

}  // namespace

Console::Console(const pack::Library& library, std::function<void(std::string_view)> out,
                 const std::atomic<bool>* interrupt)
    : sandbox_(std::make_unique<lua::Sandbox>()), out_(std::move(out)) {
  sandbox_->set_print([this](std::string_view line) {
    out_(line);
    out_("\n");
  });
  sandbox_->set_interrupt_flag(interrupt);
  lua_State* L = sandbox_->state();
  sandbox_->protect([&](lua_State* S) {
    sandbox_->push_env();
    lua_newtable(S);
    const luaL_Reg fns[] = {{"packs", lua_packs},
                            {"templates", lua_templates},
                            {"concept", lua_concept},
                            {"calc", lua_calc},
                            {nullptr, nullptr}};
    lua_pushlightuserdata(S, const_cast<pack::Library*>(&library));
    luaL_setfuncs(S, fns, 1);
    pack::push_quantity_constructor(S);
    lua_setfield(S, -2, "q");
    lua_pushstring(S, SDI_VERSION);
    lua_setfield(S, -2, "version");
    // The same functions as globals, for typing at the prompt: q"300M/day", packs().
    for (const char* name : {"packs", "templates", "concept", "calc", "q"}) {
      lua_getfield(S, -1, name);
      lua_setfield(S, -3, name);
    }
    lua_setfield(S, -2, "sdi");
    lua_pop(S, 1);
  });
  sandbox_->run(std::string("_show = (function() ") + kShow + " end)()", "repl");
  (void)L;
}

Console::Outcome Console::eval(const std::string& code) {
  lua_State* L = sandbox_->state();
  std::string source = code;
  if (!source.empty() && source.front() == '=') source = "return " + source.substr(1);
  int top = lua_gettop(L);
  bool loaded = false;
  // An expression first, so "1 + 1" prints 2; then the text as a statement.
  if (source.rfind("return ", 0) != 0) {
    try {
      sandbox_->load("return " + source + ";", "stdin");
      loaded = true;
    } catch (const lua::Error&) {
      lua_settop(L, top);
    }
  }
  if (!loaded) {
    try {
      sandbox_->load(source, "stdin");
    } catch (const lua::Error& e) {
      std::string msg = e.what();
      if (msg.size() >= 5 && msg.compare(msg.size() - 5, 5, "<eof>") == 0) return Outcome::NeedMore;
      out_(msg + "\n");
      lua_settop(L, top);
      return Outcome::Done;
    }
  }
  try {
    sandbox_->call(0, LUA_MULTRET);
    int n = lua_gettop(L) - top;
    if (n > 0) {
      std::string line;
      lua_getglobal(L, "_show");
      for (int i = 1; i <= n; ++i) {
        lua_pushvalue(L, -1);
        lua_pushvalue(L, top + i);
        lua_pushinteger(L, 0);
        sandbox_->call(2, 1);
        std::size_t len = 0;
        const char* s = lua_tolstring(L, -1, &len);
        line += (i > 1 ? "\t" : "") + std::string(s != nullptr ? s : "?", s != nullptr ? len : 1);
        lua_pop(L, 1);
      }
      out_(line + "\n");
    }
  } catch (const lua::Error& e) {
    out_(std::string(e.what()) + "\n");
  }
  lua_settop(L, top);
  return Outcome::Done;
}

void Console::run_file(const std::string& path, const std::vector<std::string>& args) {
  lua_State* L = sandbox_->state();
  sandbox_->protect([&](lua_State* S) {
    lua_createtable(S, static_cast<int>(args.size()), 1);
    lua_pushlstring(S, path.data(), path.size());
    lua_rawseti(S, -2, 0);
    for (std::size_t i = 0; i < args.size(); ++i) {
      lua_pushlstring(S, args[i].data(), args[i].size());
      lua_rawseti(S, -2, static_cast<lua_Integer>(i + 1));
    }
    lua_setglobal(S, "arg");
  });
  std::filesystem::path file(path);
  sandbox_->set_module_root(file.has_parent_path() ? file.parent_path()
                                                   : std::filesystem::path("."));
  sandbox_->load_file(file, path);
  sandbox_->call(0, 0);
  (void)L;
}

std::vector<std::string> Console::complete(const std::string& prefix) {
  std::vector<std::string> out;
  lua_State* L = sandbox_->state();
  int top = lua_gettop(L);
  sandbox_->push_env();
  std::size_t start = 0;
  std::string path;
  // Walk "a.b.c" through raw table fields.
  while (true) {
    std::size_t dot = prefix.find_first_of(".:", start);
    if (dot == std::string::npos) break;
    std::string name = prefix.substr(start, dot - start);
    lua_pushlstring(L, name.data(), name.size());
    lua_rawget(L, -2);
    if (!lua_istable(L, -1)) {
      lua_settop(L, top);
      return out;
    }
    lua_remove(L, -2);
    path = prefix.substr(0, dot + 1);
    start = dot + 1;
  }
  std::string last = prefix.substr(start);
  lua_pushnil(L);
  while (lua_next(L, -2) != 0) {
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING) continue;
    std::string key = lua_tostring(L, -1);
    if (key.rfind(last, 0) == 0 && key.front() != '_') out.push_back(path + key);
  }
  lua_settop(L, top);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace sdi::repl
