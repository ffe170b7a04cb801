#include "pack/pack_api.hpp"

#include <fmt/format.h>
#include <lauxlib.h>

#include "pack/facets.hpp"
#include "pack/lua_fields.hpp"
#include "pack/quantity_binding.hpp"

namespace sdi::pack {

namespace {

Declarations& decl(lua_State* L) {
  return *static_cast<Declarations*>(lua_touserdata(L, lua_upvalueindex(1)));
}

int declare_question(lua_State* L) {
  LuaFields f(L, 1, "sdi.question");
  Question q;
  q.where = caller_location(L);
  q.id = f.string("id", true);
  q.text = f.string("text", true);
  q.phrasings = f.strings("phrasings");
  q.answer = f.string("answer", true);
  f.reject_unknown();
  decl(L).content->questions.push_back(std::move(q));
  return 0;
}

int declare_assumption(lua_State* L) {
  LuaFields f(L, 1, "sdi.assumption");
  Assumption a;
  a.where = caller_location(L);
  a.id = f.string("id", true);
  a.title = f.string("title", false);
  a.default_value = f.string("default", true);
  std::vector<std::string> range = f.strings("range");
  if (!range.empty() && range.size() != 2) f.fail("field 'range' must be { low, high }");
  if (range.size() == 2) {
    a.low = range[0];
    a.high = range[1];
  }
  a.names = f.strings("names");
  if (a.names.empty()) f.fail("field 'names' must list the phrases that name this assumption");
  f.reject_unknown();
  if (a.title.empty()) a.title = a.names.front();
  decl(L).content->assumptions.push_back(std::move(a));
  return 0;
}

int declare_estimate(lua_State* L) {
  LuaFields f(L, 1, "sdi.estimate");
  Estimate e;
  e.where = caller_location(L);
  e.id = f.string("id", true);
  e.title = f.string("title", false);
  e.formula = f.string("formula", true);
  e.unit = f.string("unit", false);
  e.names = f.strings("names");
  if (e.names.empty()) f.fail("field 'names' must list the phrases that name this estimate");
  f.reject_unknown();
  if (e.title.empty()) e.title = e.names.front();
  decl(L).content->estimates.push_back(std::move(e));
  return 0;
}

CheckKind parse_kind(LuaFields& f, const std::string& kind) {
  if (kind == "concepts") return CheckKind::Concepts;
  if (kind == "estimate") return CheckKind::Estimate;
  if (kind == "diagram") return CheckKind::Diagram;
  if (kind == "questions") return CheckKind::Questions;
  if (kind == "custom") return CheckKind::Custom;
  f.fail(
      fmt::format("kind '{}' is not one of concepts, estimate, diagram, questions, custom", kind));
}

std::vector<Connection> read_connections(lua_State* L, LuaFields& f) {
  std::vector<Connection> out;
  if (!f.has("connections")) return out;
  lua_getfield(L, 1, "connections");
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    return out;
  }
  if (!lua_istable(L, -1)) f.fail("field 'connections' must be a list of { from, to, text }");
  lua_Integer n = luaL_len(L, -1);
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_geti(L, -1, i);
    LuaFields c(L, -1, f.function() + " connection " + std::to_string(i));
    Connection conn;
    conn.from = c.strings("from");
    conn.to = c.strings("to");
    if (conn.from.empty() || conn.to.empty())
      c.fail("'from' and 'to' must each be a concept id or a list of alternative ids");
    conn.text = c.string("text", false);
    c.reject_unknown();
    out.push_back(std::move(conn));
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  return out;
}

int declare_check(lua_State* L) {
  LuaFields f(L, 1, "sdi.check");
  Check c;
  c.where = caller_location(L);
  c.generic = decl(L).generic;
  c.id = f.string("id", true);
  c.title = f.string("title", false);
  c.facet = f.string("facet", true);
  if (!is_facet(c.facet)) {
    std::string all;
    for (auto k : kFacets) all += (all.empty() ? "" : ", ") + std::string(k);
    f.fail(fmt::format("facet '{}' is not one of {}", c.facet, all));
  }
  c.kind = parse_kind(f, f.string("kind", true));
  c.weight = f.number("weight", 1);
  if (c.weight <= 0 || c.weight > 100) f.fail("field 'weight' must be between 0 and 100");
  c.feedback = f.string("feedback", true);
  c.praise = f.string("praise", false);
  switch (c.kind) {
    case CheckKind::Concepts:
      c.concepts = f.groups("concepts");
      if (c.concepts.empty()) f.fail("a concepts check needs field 'concepts'");
      c.need = static_cast<int>(f.number("need", 0));
      if (c.need < 0 || c.need > static_cast<int>(c.concepts.size()))
        f.fail(fmt::format(
            "field 'need' must be between 1 and the {} concept groups (0 or absent: all)",
            c.concepts.size()));
      break;
    case CheckKind::Estimate:
      c.estimate = f.string("estimate", true);
      break;
    case CheckKind::Diagram:
      c.components = f.groups("components");
      c.connections = read_connections(L, f);
      if (c.components.empty() && c.connections.empty())
        f.fail("a diagram check needs 'components' or 'connections'");
      break;
    case CheckKind::Questions:
      c.questions_for_full = static_cast<int>(f.number("full", 0));
      break;
    case CheckKind::Custom:
      lua_getfield(L, 1, "run");
      if (!lua_isfunction(L, -1))
        f.fail("a custom check needs field 'run', a function(answer, ctx)");
      c.lua_ref = luaL_ref(L, LUA_REGISTRYINDEX);
      f.has("run");
      break;
  }
  f.reject_unknown();
  if (c.title.empty()) c.title = c.id;
  Content& content = *decl(L).content;
  (c.generic ? content.generic_checks : content.checks).push_back(std::move(c));
  return 0;
}

int declare_hint(lua_State* L) {
  LuaFields f(L, 1, "sdi.hint");
  Hint h;
  h.where = caller_location(L);
  h.facet = f.string("facet", true);
  if (!is_facet(h.facet)) f.fail(fmt::format("facet '{}' is not a facet", h.facet));
  h.levels = f.strings("levels");
  if (h.levels.empty()) f.fail("field 'levels' must list hints from gentle to specific");
  f.reject_unknown();
  decl(L).content->hints.push_back(std::move(h));
  return 0;
}

int declare_concept(lua_State* L) {
  LuaFields f(L, 1, "sdi.concept");
  Concept c;
  Where w = caller_location(L);
  c.file = w.file;
  c.line = w.line;
  c.id = f.string("id", true);
  c.name = f.string("name", true);
  c.definition = f.string("definition", true);
  c.synonyms = f.strings("synonyms");
  c.abbreviations = f.strings("abbreviations");
  c.exact = f.strings("exact");
  c.products = f.strings("products");
  c.broader = f.strings("broader");
  c.related = f.strings("related");
  c.category = f.string("category", false);
  c.risk = f.boolean("risk", false);
  f.reject_unknown();
  decl(L).content->concepts.push_back(std::move(c));
  return 0;
}

int declare_cache_rule(lua_State* L) {
  decl(L).content->cache_rule = luaL_checkstring(L, 1);
  return 0;
}

}  // namespace

Where caller_location(lua_State* L) {
  Where w;
  lua_Debug ar;
  for (int level = 1; lua_getstack(L, level, &ar); ++level) {
    lua_getinfo(L, "Sl", &ar);
    if (ar.currentline > 0) {
      w.file = ar.short_src;
      w.line = ar.currentline;
      break;
    }
  }
  return w;
}

void push_pack_api(lua_State* L, Declarations* d) {
  static const luaL_Reg functions[] = {{"question", declare_question},
                                       {"assumption", declare_assumption},
                                       {"estimate", declare_estimate},
                                       {"check", declare_check},
                                       {"hint", declare_hint},
                                       {"concept", declare_concept},
                                       {"cache_rule", declare_cache_rule},
                                       {nullptr, nullptr}};
  lua_newtable(L);
  lua_pushlightuserdata(L, d);
  luaL_setfuncs(L, functions, 1);
  push_quantity_constructor(L);
  lua_setfield(L, -2, "q");
  lua_pushstring(L, SDI_VERSION);
  lua_setfield(L, -2, "version");
}

const char* kind_name(CheckKind k) {
  switch (k) {
    case CheckKind::Concepts:
      return "concepts";
    case CheckKind::Estimate:
      return "estimate";
    case CheckKind::Diagram:
      return "diagram";
    case CheckKind::Questions:
      return "questions";
    case CheckKind::Custom:
      return "custom";
  }
  return "?";
}

}  // namespace sdi::pack
