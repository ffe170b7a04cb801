// Keeps plugins/types/sdi.lua, the LuaLS definitions pack authors' editors read, in step with the
// bindings: the fields each declaration accepts (asked of the real binding), the quantity methods
// and operators (read from the real metatable), and the shapes of the tables custom checks and
// reporters receive (read from the binding sources, which build them field by field).

#include <doctest/doctest.h>
#include <lauxlib.h>

#include <cctype>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "lua/error.hpp"
#include "lua/sandbox.hpp"
#include "pack/content.hpp"
#include "pack/facets.hpp"
#include "pack/pack_api.hpp"
#include "pack/quantity_binding.hpp"

namespace {

using Names = std::set<std::string>;

std::string read_source(const std::string& relative) {
  std::string path = std::string(SDI_SOURCE_DIR) + "/" + relative;
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string join(const Names& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "(none)" : out;
}

Names minus(const Names& a, const Names& b) {
  Names out;
  for (const auto& x : a)
    if (!b.count(x)) out.insert(x);
  return out;
}

Names unite(Names a, const Names& b) {
  a.insert(b.begin(), b.end());
  return a;
}

// "sdi.lua lacks: x; sdi.lua has but the binding does not: y", or "" when the sets agree.
std::string differences(const Names& documented, const Names& actual) {
  std::string out;
  Names lacking = minus(actual, documented);
  Names extra = minus(documented, actual);
  if (!lacking.empty()) out += "sdi.lua lacks: " + join(lacking);
  if (!extra.empty())
    out += (out.empty() ? "" : "; ") + std::string("sdi.lua has but the binding does not: ") +
           join(extra);
  return out;
}

#define CHECK_SAME_NAMES(what, documented, actual)         \
  do {                                                     \
    std::string diff_ = differences(documented, actual);   \
    CHECK_MESSAGE(diff_.empty(), (what) << ": " << diff_); \
  } while (false)

// ------------------------------------------------------------------------------------------------
// A reader for the subset of LuaLS annotations sdi.lua uses.

struct Field {
  std::string type;
  std::string description;
  bool optional = false;
  bool function = false;
  std::map<std::string, std::string> params;  // for functions: @param name -> type
};

struct Class {
  std::string parent;
  std::map<std::string, Field> fields;
  Names operators;
};

struct Definitions {
  std::map<std::string, Class> classes;
  std::map<std::string, Names> aliases;  // alias -> the string literals among its types
  std::vector<std::string> problems;     // annotations the reader could not place

  bool has_class(const std::string& name) const { return classes.count(name) > 0; }

  const Class& cls(const std::string& name) const {
    auto it = classes.find(name);
    REQUIRE_MESSAGE(it != classes.end(), "sdi.lua declares no class " << name);
    return it->second;
  }

  // Field names of a class, inherited ones included.
  Names fields_of(const std::string& name) const {
    Names out;
    for (std::string at = name; !at.empty() && has_class(at); at = cls(at).parent)
      for (const auto& [field, _] : cls(at).fields) out.insert(field);
    return out;
  }

  const Field* field(const std::string& name, const std::string& field_name) const {
    for (std::string at = name; !at.empty() && has_class(at); at = cls(at).parent) {
      auto it = cls(at).fields.find(field_name);
      if (it != cls(at).fields.end()) return &it->second;
    }
    return nullptr;
  }
};

bool starts_with(const std::string& s, const char* prefix) {
  return s.rfind(prefix, 0) == 0;
}

std::string trim(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

// Reads a LuaLS type starting at `pos` ("string|string[]", "fun(a: x, b: y): z?") and moves
// `pos` past it. Spaces end the type unless brackets are open or the type goes on after them
// (a ':' or '|' on either side).
std::string read_type(const std::string& s, std::size_t& pos) {
  while (pos < s.size() && s[pos] == ' ') ++pos;
  std::size_t start = pos;
  int depth = 0;
  while (pos < s.size()) {
    char c = s[pos];
    if (c == '(' || c == '[' || c == '{' || c == '<') ++depth;
    if (c == ')' || c == ']' || c == '}' || c == '>') --depth;
    if (c == ' ' && depth == 0) {
      std::size_t next = s.find_first_not_of(' ', pos);
      char before = s[pos - 1];
      bool goes_on = before == ':' || before == '|' || before == ',' ||
                     (next != std::string::npos && (s[next] == ':' || s[next] == '|'));
      if (!goes_on) break;
    }
    ++pos;
  }
  return s.substr(start, pos - start);
}

Names quoted_strings(const std::string& s) {
  Names out;
  static const std::regex quoted("\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), quoted); it != std::sregex_iterator();
       ++it)
    out.insert((*it)[1]);
  return out;
}

Definitions parse_definitions(const std::string& text) {
  Definitions d;
  std::string cls, alias;
  std::map<std::string, std::string> vars;  // Lua variable -> the class it stands for
  std::map<std::string, std::string> params;
  bool described = false;  // the current comment block has a description line
  static const std::regex table_var(R"re(^(?:local\s+)?([A-Za-z_]\w*)\s*=\s*\{\s*\}\s*$)re");
  static const std::regex function_def(R"re(^function\s+([A-Za-z_]\w*)[.:]([A-Za-z_]\w*)\s*\()re");
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string where = "sdi.lua:" + std::to_string(number) + ": ";
    if (starts_with(line, "---@class ")) {
      std::string rest = trim(line.substr(10));
      std::size_t colon = rest.find(':');
      cls = trim(rest.substr(0, colon));
      d.classes[cls].parent = colon == std::string::npos ? "" : trim(rest.substr(colon + 1));
    } else if (starts_with(line, "---@field ")) {
      if (cls.empty()) {
        d.problems.push_back(where + "@field outside a class");
        continue;
      }
      std::size_t pos = 10;
      std::size_t end = line.find(' ', pos);
      std::string name = line.substr(pos, end - pos);
      Field f;
      if (!name.empty() && name.back() == '?') {
        f.optional = true;
        name.pop_back();
      }
      pos = end == std::string::npos ? line.size() : end;
      f.type = read_type(line, pos);
      f.description = trim(line.substr(pos));
      d.classes[cls].fields[name] = f;
    } else if (starts_with(line, "---@operator ")) {
      if (cls.empty()) {
        d.problems.push_back(where + "@operator outside a class");
        continue;
      }
      std::size_t pos = 13;
      std::size_t end = pos;
      while (end < line.size() && std::isalpha(static_cast<unsigned char>(line[end]))) ++end;
      d.classes[cls].operators.insert(line.substr(pos, end - pos));
    } else if (starts_with(line, "---@alias ")) {
      std::size_t pos = 10;
      std::size_t end = line.find(' ', pos);
      alias = line.substr(pos, end - pos);
      if (end != std::string::npos)
        d.aliases[alias] = quoted_strings(line.substr(end));
      else
        d.aliases[alias];
    } else if (starts_with(line, "---|")) {
      if (alias.empty()) {
        d.problems.push_back(where + "---| outside an alias");
        continue;
      }
      std::size_t comment = line.find('#');
      Names v =
          quoted_strings(line.substr(4, comment == std::string::npos ? comment : comment - 4));
      d.aliases[alias].insert(v.begin(), v.end());
    } else if (starts_with(line, "---@param ")) {
      std::size_t pos = 10;
      std::size_t end = line.find(' ', pos);
      std::string name = line.substr(pos, end - pos);
      if (!name.empty() && name.back() == '?') name.pop_back();
      pos = end == std::string::npos ? line.size() : end;
      params[name] = read_type(line, pos);
    } else if (starts_with(line, "---@")) {
      // @meta, @return, @overload: nothing to check here
    } else if (starts_with(line, "---")) {
      described = described || !trim(line.substr(3)).empty();
    } else if (starts_with(line, "--")) {
      // a plain comment
    } else {
      std::smatch m;
      std::string code = trim(line);
      if (std::regex_match(code, m, table_var) && !cls.empty()) {
        vars[m[1]] = cls;
      } else if (std::regex_search(code, m, function_def)) {
        auto owner = vars.find(m[1]);
        if (owner == vars.end()) {
          d.problems.push_back(where + "function on " + m[1].str() + ", which stands for no class");
        } else {
          Field f;
          f.function = true;
          f.type = "function";
          f.params = params;
          if (!described)
            d.problems.push_back(where + "function " + m[2].str() + " has no description");
          d.classes[owner->second].fields[m[2]] = f;
        }
      }
      cls.clear();
      alias.clear();
      params.clear();
      described = false;
    }
  }
  return d;
}

const Definitions& definitions() {
  static const Definitions d = parse_definitions(read_source("plugins/types/sdi.lua"));
  return d;
}

// The class documenting the table `sdi.NAME` takes: the type of its first @param.
std::string spec_class(const std::string& function) {
  const Field* f = definitions().field("sdi", function);
  REQUIRE_MESSAGE(f != nullptr, "sdi.lua does not declare sdi." << function);
  REQUIRE_MESSAGE(f->params.count("spec"), "sdi." << function << " has no @param spec");
  return f->params.at("spec");
}

std::string element_type(std::string type) {
  if (!type.empty() && type.back() == '?') type.pop_back();
  if (type.size() > 2 && type.compare(type.size() - 2, 2, "[]") == 0)
    return type.substr(0, type.size() - 2);
  return "";
}

// ------------------------------------------------------------------------------------------------
// The real binding, set up the way LoadedPack sets it up.

struct PackState {
  sdi::pack::Content content;
  sdi::pack::Declarations declarations;
  sdi::lua::Sandbox sandbox;

  PackState() {
    declarations.content = &content;
    lua_State* L = sandbox.state();
    sandbox.push_env();
    sdi::pack::push_pack_api(L, &declarations);
    lua_setfield(L, -2, "sdi");
    lua_pop(L, 1);
  }

  // "" when the code runs, otherwise the error message.
  std::string run(const std::string& code) {
    try {
      sandbox.run(code, "spec.lua");
      return "";
    } catch (const sdi::lua::Error& e) {
      return e.what();
    }
  }
};

constexpr const char* kUnknown = "zz_not_a_field";

Names split_list(const std::string& list) {
  Names out;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    std::string item = trim(list.substr(start, comma - start));
    if (!item.empty()) out.insert(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// The fields `sdi.FUNCTION { FIELDS }` accepts, from the binding's "unknown field" error. The
// fields must be valid on their own, so that the unknown one is the only thing wrong.
Names accepted_fields(const std::string& function, const std::string& fields) {
  PackState state;
  std::string valid = "sdi." + function + " { " + fields + " }";
  INFO("probe: " << valid);
  REQUIRE_MESSAGE(state.run(valid) == "", "the probe must be a valid declaration");
  std::string message =
      state.run("sdi." + function + " { " + fields + ", " + kUnknown + " = true }");
  std::string marker = std::string("unknown field '") + kUnknown + "' (allowed: ";
  std::size_t at = message.find(marker);
  REQUIRE_MESSAGE(at != std::string::npos, "no unknown-field error, got: " << message);
  std::size_t start = at + marker.size();
  std::size_t end = message.find(')', start);
  REQUIRE(end != std::string::npos);
  return split_list(message.substr(start, end - start));
}

// The minimal valid fields of each check kind. Every kind-specific field is read before the
// binding looks for unknown fields, so the error lists them all.
const std::map<std::string, std::string>& check_probes() {
  static const std::map<std::string, std::string> probes = {
      {"concepts", "concepts = { 'load_balancer' }"}, {"estimate", "estimate = 'write_qps'"},
      {"diagram", "components = { 'cache' }"},        {"questions", ""},
      {"custom", "run = function() return true end"},
  };
  return probes;
}

std::string check_fields(const std::string& kind, const std::string& extra) {
  std::string out = "id = 'probe', facet = 'high_level', kind = '" + kind + "', feedback = 'f'";
  if (!extra.empty()) out += ", " + extra;
  return out;
}

// ------------------------------------------------------------------------------------------------
// Table shapes built by C++ bindings, read from their sources. The bindings build each table in
// straight-line order (loops are balanced), so replaying their Lua stack calls in source order
// gives the fields of every table they push.

struct Shape;
using ShapePtr = std::shared_ptr<Shape>;

struct Shape {
  bool table = false;
  bool dynamic_keys = false;  // some keys are not string literals (e.g. one per level)
  std::map<std::string, ShapePtr> fields;
  ShapePtr items;  // the merged shape of list elements
};

ShapePtr new_shape(bool table) {
  auto s = std::make_shared<Shape>();
  s->table = table;
  return s;
}

ShapePtr copy(const ShapePtr& s) {
  if (!s) return nullptr;
  auto out = std::make_shared<Shape>(*s);
  for (auto& [_, f] : out->fields) f = copy(f);
  out->items = copy(s->items);
  return out;
}

void merge_into(ShapePtr& into, const ShapePtr& from) {
  if (!from) return;
  if (!into) {
    into = from;
    return;
  }
  into->table = into->table || from->table;
  into->dynamic_keys = into->dynamic_keys || from->dynamic_keys;
  for (const auto& [k, v] : from->fields) merge_into(into->fields[k], v);
  merge_into(into->items, from->items);
}

// The body of the function whose definition starts with `signature`, braces included.
std::string function_body(const std::string& src, const std::string& signature,
                          const std::string& file) {
  std::size_t at = src.find(signature);
  REQUIRE_MESSAGE(at != std::string::npos, file << " no longer defines '" << signature
                                                << "'; update this test to follow it");
  std::size_t open = src.find('{', at);
  REQUIRE(open != std::string::npos);
  int depth = 0;
  for (std::size_t i = open; i < src.size(); ++i) {
    char c = src[i];
    if (c == '"' || c == '\'') {
      for (++i; i < src.size() && src[i] != c; ++i)
        if (src[i] == '\\') ++i;
    } else if (c == '/' && i + 1 < src.size() && src[i + 1] == '/') {
      i = src.find('\n', i);
      if (i == std::string::npos) break;
    } else if (c == '{') {
      ++depth;
    } else if (c == '}' && --depth == 0) {
      return src.substr(open, i - open + 1);
    }
  }
  FAIL(file << ": unbalanced braces after '" << signature << "'");
  return "";
}

// The argument text of the call whose '(' ends just before `pos`.
std::string call_arguments(const std::string& body, std::size_t pos) {
  int depth = 1;
  for (std::size_t i = pos; i < body.size(); ++i) {
    if (body[i] == '"') {
      for (++i; i < body.size() && body[i] != '"'; ++i)
        if (body[i] == '\\') ++i;
    } else if (body[i] == '(') {
      ++depth;
    } else if (body[i] == ')' && --depth == 0) {
      return body.substr(pos, i - pos);
    }
  }
  return body.substr(pos);
}

std::vector<std::string> split_arguments(const std::string& args) {
  std::vector<std::string> out(1);
  int depth = 0;
  for (char c : args) {
    if (c == '(' || c == '<' || c == '[') ++depth;
    if (c == ')' || c == '>' || c == ']') --depth;
    if (c == ',' && depth == 0) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  for (auto& a : out) a = trim(a);
  return out;
}

int int_or(const std::string& s, int fallback) {
  if (s.empty() || !std::isdigit(static_cast<unsigned char>(s[0]))) return fallback;
  return std::stoi(s);
}

struct Replay {
  ShapePtr top;                              // the value left on top at the end (the result)
  std::map<std::string, ShapePtr> refs;      // luaL_ref'd values, by the variable assigned
  std::vector<std::vector<ShapePtr>> calls;  // the arguments of each Sandbox::call
  std::vector<ShapePtr> tables;              // every table created, in order
};

Replay replay(const std::string& body, const std::map<std::string, ShapePtr>& known = {}) {
  static const std::regex call_re(
      R"re((?:([A-Za-z_]\w*)\s*=\s*)?\b(lua_\w+|luaL_\w+|set_field|set|push_\w+|call)\s*\()re");
  Replay r;
  std::vector<ShapePtr> stack;
  auto pop = [&stack]() {
    if (stack.empty()) return new_shape(false);
    ShapePtr v = stack.back();
    stack.pop_back();
    return v;
  };
  for (auto it = std::sregex_iterator(body.begin(), body.end(), call_re);
       it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    std::string target = m[1], name = m[2];
    std::string args = call_arguments(body, static_cast<std::size_t>(m.position(0) + m.length(0)));
    std::vector<std::string> parts = split_arguments(args);
    std::smatch key_match;
    static const std::regex first_literal("\"(\\w+)\"");
    std::string key = std::regex_search(args, key_match, first_literal) ? key_match[1].str() : "";

    if (name == "lua_createtable" || name == "lua_newtable" || name == "push_array" ||
        name == "push_env") {
      r.tables.push_back(new_shape(true));
      stack.push_back(r.tables.back());
    } else if (known.count(name)) {
      stack.push_back(copy(known.at(name)));
    } else if (starts_with(name, "lua_push") || name == "luaL_pushresult" ||
               name == "lua_getfield" || name == "lua_rawgeti" || name == "lua_geti" ||
               name == "lua_rawgetp" || name == "lua_rawget") {
      stack.push_back(new_shape(false));
    } else if (name == "set_field" || name == "set") {
      if (!stack.empty() && !key.empty()) merge_into(stack.back()->fields[key], new_shape(false));
    } else if (name == "lua_setfield") {
      ShapePtr v = pop();
      if (stack.empty()) continue;
      if (parts.size() == 3 && !parts[2].empty() && parts[2].front() == '"') {
        merge_into(stack.back()->fields[key], v);
      } else {
        stack.back()->dynamic_keys = true;
      }
    } else if (name == "lua_rawseti" || name == "lua_seti") {
      ShapePtr v = pop();
      if (!stack.empty()) merge_into(stack.back()->items, v);
    } else if (name == "lua_rawsetp" || name == "lua_setmetatable" || name == "lua_remove" ||
               name == "lua_setglobal" || name == "lua_replace") {
      pop();
    } else if (name == "lua_pop") {
      for (int n = int_or(parts.size() > 1 ? parts[1] : "", 1); n > 0; --n) pop();
    } else if (name == "luaL_ref") {
      ShapePtr v = pop();
      if (!target.empty()) r.refs[target] = v;
    } else if (name == "call" && parts.size() == 2) {
      int nargs = int_or(parts[0], 0), nresults = int_or(parts[1], 0);
      std::vector<ShapePtr> a(static_cast<std::size_t>(nargs));
      for (int i = nargs - 1; i >= 0; --i) a[static_cast<std::size_t>(i)] = pop();
      pop();  // the function
      r.calls.push_back(a);
      for (int i = 0; i < nresults; ++i) stack.push_back(new_shape(false));
    }
  }
  r.top = stack.empty() ? nullptr : stack.back();
  return r;
}

Names keys(const Shape& s) {
  Names out;
  for (const auto& [k, _] : s.fields) out.insert(k);
  return out;
}

// Compares a built table with a documented class, then its nested tables with the classes the
// documented field types name. Appends one line per disagreement.
void compare_shape(const ShapePtr& shape, const std::string& cls, const std::string& path,
                   std::vector<std::string>& out) {
  const Definitions& d = definitions();
  if (!d.has_class(cls)) {
    out.push_back(path + ": sdi.lua declares no class " + cls);
    return;
  }
  if (!shape->dynamic_keys) {
    std::string diff = differences(d.fields_of(cls), keys(*shape));
    if (!diff.empty()) out.push_back(path + " (" + cls + "): " + diff);
  }
  for (const auto& [name, sub] : shape->fields) {
    const Field* f = d.field(cls, name);
    if (f == nullptr || !sub->table) continue;
    std::string type = f->type;
    if (!type.empty() && type.back() == '?') type.pop_back();
    if (sub->items && sub->items->table) {
      std::string element = element_type(type);
      if (d.has_class(element))
        compare_shape(sub->items, element, path + "." + name + "[]", out);
      else
        out.push_back(path + "." + name + ": a list of tables, documented as " + f->type);
    } else if (!sub->fields.empty() || sub->dynamic_keys) {
      if (d.has_class(type))
        compare_shape(sub, type, path + "." + name, out);
      else
        out.push_back(path + "." + name + ": a table, documented as " + f->type);
    }
  }
}

void check_shape(const ShapePtr& shape, const std::string& cls, const std::string& what) {
  REQUIRE_MESSAGE(shape != nullptr, what << ": the replay found no table");
  REQUIRE_MESSAGE(shape->table, what << ": the replay found no table");
  std::vector<std::string> problems;
  compare_shape(shape, cls, what, problems);
  std::string all;
  for (const auto& p : problems) all += "\n  " + p;
  CHECK_MESSAGE(problems.empty(), "sdi.lua and the binding disagree:" << all);
}

// Field names read with lua_getfield / string_field from a table in `body`.
Names fields_read(const std::string& body) {
  static const std::regex read_re(
      R"re((?:lua_getfield|string_field)\s*\(\s*L\s*,[^,]*,\s*"(\w+)")re");
  Names out;
  for (auto it = std::sregex_iterator(body.begin(), body.end(), read_re);
       it != std::sregex_iterator(); ++it)
    out.insert((*it)[1]);
  return out;
}

Names table_keys(lua_State* L, int index) {
  Names out;
  index = lua_absindex(L, index);
  lua_pushnil(L);
  while (lua_next(L, index) != 0) {
    lua_pop(L, 1);
    if (lua_type(L, -1) == LUA_TSTRING) out.insert(lua_tostring(L, -1));
  }
  return out;
}

}  // namespace

TEST_CASE("sdi.lua: every annotation is readable and every field is described") {
  const Definitions& d = definitions();
  std::string all;
  for (const auto& p : d.problems) all += "\n  " + p;
  CHECK_MESSAGE(d.problems.empty(), "sdi.lua:" << all);
  CHECK(d.has_class("sdi"));
  for (const auto& [name, cls] : d.classes) {
    CHECK_MESSAGE(!cls.fields.empty(), "class " << name << " documents no fields");
    for (const auto& [field, f] : cls.fields) {
      if (f.function) continue;
      CHECK_MESSAGE(!f.type.empty(), name << "." << field << " has no type");
      CHECK_MESSAGE(!f.description.empty(), name << "." << field << " has no description");
    }
  }
}

TEST_CASE("sdi.lua documents exactly the fields each declaration accepts") {
  const std::map<std::string, std::string> probes = {
      {"question", "id = 'q', text = 'How many users?', answer = 'Many.'"},
      {"assumption", "id = 'dau', default = '100M users', names = { 'daily users' }"},
      {"estimate", "id = 'qps', formula = 'dau / day', names = { 'qps' }"},
      {"hint", "facet = 'api', levels = { 'gentle', 'specific' }"},
      {"concept", "id = 'probe_concept', name = 'Probe', definition = 'A probe.'"},
  };
  for (const auto& [function, fields] : probes) {
    CAPTURE(function);
    std::string cls = spec_class(function);
    CHECK_SAME_NAMES("sdi." + function + " (" + cls + ")", definitions().fields_of(cls),
                     accepted_fields(function, fields));
  }
}

TEST_CASE("sdi.lua documents exactly the fields sdi.check accepts, kind by kind") {
  const Definitions& d = definitions();
  std::string cls = spec_class("check");
  Names documented = d.fields_of(cls);
  const Names& kinds = d.aliases.at("sdi.CheckKind");

  // Kind-specific fields say so: 'For kind "concepts": ...'.
  static const std::regex marker(R"re(^For kind "(\w+)":)re");
  Names common;
  std::map<std::string, Names> specific;
  for (const auto& name : documented) {
    std::smatch m;
    const std::string& description = d.field(cls, name)->description;
    if (std::regex_search(description, m, marker)) {
      CHECK_MESSAGE(kinds.count(m[1]), cls << "." << name << " names an unknown kind " << m[1]);
      specific[m[1]].insert(name);
    } else {
      common.insert(name);
    }
  }

  Names accepted;
  for (const auto& [kind, extra] : check_probes()) {
    CAPTURE(kind);
    Names for_kind = accepted_fields("check", check_fields(kind, extra));
    CHECK_SAME_NAMES("sdi.check kind " + kind, unite(common, specific[kind]), for_kind);
    accepted = unite(accepted, for_kind);
  }
  CHECK_SAME_NAMES("sdi.check (" + cls + ")", documented, accepted);
}

TEST_CASE("sdi.lua documents exactly the fields of a diagram connection") {
  const Field* connections = definitions().field(spec_class("check"), "connections");
  REQUIRE(connections != nullptr);
  std::string cls = element_type(connections->type);
  REQUIRE_MESSAGE(definitions().has_class(cls),
                  "connections is documented as " << connections->type);
  PackState state;
  std::string code =
      "sdi.check { " +
      check_fields("diagram", std::string("connections = { { from = 'a', to = 'b', ") + kUnknown +
                                  " = 1 } }") +
      " }";
  std::string message = state.run(code);
  std::string marker = std::string("unknown field '") + kUnknown + "' (allowed: ";
  std::size_t at = message.find(marker);
  REQUIRE_MESSAGE(at != std::string::npos, message);
  std::size_t start = at + marker.size();
  Names accepted = split_list(message.substr(start, message.find(')', start) - start));
  CHECK_SAME_NAMES("connection (" + cls + ")", definitions().fields_of(cls), accepted);
}

TEST_CASE("sdi.lua lists the check kinds and facets the binding knows") {
  const Definitions& d = definitions();
  PackState state;
  std::string message = state.run("sdi.check { " + check_fields("zz_kind", "") + " }");
  std::string marker = "is not one of ";
  std::size_t at = message.find(marker);
  REQUIRE_MESSAGE(at != std::string::npos, message);
  CHECK_SAME_NAMES("sdi.CheckKind", d.aliases.at("sdi.CheckKind"),
                   split_list(message.substr(at + marker.size())));
  Names probed;
  for (const auto& entry : check_probes()) probed.insert(entry.first);
  CHECK_SAME_NAMES("kinds probed by this test", d.aliases.at("sdi.CheckKind"), probed);

  Names facets;
  for (auto f : sdi::pack::kFacets) facets.insert(std::string(f));
  REQUIRE(d.aliases.count("sdi.Facet"));
  CHECK_SAME_NAMES("sdi.Facet", d.aliases.at("sdi.Facet"), facets);
}

TEST_CASE("sdi.lua declares every member of the sdi table packs get") {
  PackState state;
  lua_State* L = state.sandbox.state();
  sdi::pack::push_pack_api(L, &state.declarations);
  Names pack_api = table_keys(L, -1);
  lua_pop(L, 1);
  REQUIRE(pack_api.count("question"));
  Names lacking = minus(pack_api, definitions().fields_of("sdi"));
  CHECK_MESSAGE(lacking.empty(), "sdi.lua lacks sdi." << join(lacking));
}

TEST_CASE("sdi.lua declares exactly the quantity methods and operators") {
  const Definitions& d = definitions();
  PackState state;
  lua_State* L = state.sandbox.state();
  sdi::pack::push_quantity(L, sdi::quantity::Quantity::count(1));
  REQUIRE(lua_getmetatable(L, -1));
  Names metamethods = table_keys(L, -1);
  REQUIRE(lua_getfield(L, -1, "__index") == LUA_TTABLE);
  Names methods = table_keys(L, -1);
  lua_pop(L, 3);
  REQUIRE(methods.count("to"));

  const Class& quantity = d.cls("sdi.Quantity");
  Names documented_methods;
  for (const auto& [name, f] : quantity.fields)
    if (f.function) documented_methods.insert(name);
  CHECK_SAME_NAMES("sdi.Quantity methods", documented_methods, methods);

  // The metamethods LuaLS can describe with @operator; ==, <, <= and tostring it cannot.
  static const Names describable = {"add",  "sub", "mul",    "div",  "mod",  "idiv",
                                    "pow",  "unm", "concat", "len",  "band", "bor",
                                    "bxor", "shl", "shr",    "bnot", "call"};
  Names operators;
  for (const auto& m : metamethods)
    if (starts_with(m, "__") && describable.count(m.substr(2))) operators.insert(m.substr(2));
  REQUIRE(operators.count("add"));
  CHECK_SAME_NAMES("sdi.Quantity @operator", quantity.operators, operators);
}

TEST_CASE("sdi.lua describes the answer table custom checks receive") {
  const std::string file = "core/grade/answer_lua.cpp";
  std::string src = read_source(file);
  // Block texts are pushed from the strings made once per answer.
  std::map<std::string, ShapePtr> known;
  known["push_block_text"] = new_shape(false);
  known["push_run_text"] = new_shape(false);
  known["push_answer_metatable"] = new_shape(false);
  known["push_question"] =
      replay(function_body(src, "void push_question(lua_State* L", file), known).top;
  known["push_answer_block"] =
      replay(function_body(src, "void push_answer_block(lua_State* L", file), known).top;
  ShapePtr answer = replay(function_body(src, "int build_answer(lua_State* L)", file), known).top;
  REQUIRE(answer != nullptr);
  // The bulky fields are made on first read, each by the function kLazyFields names for it.
  static const std::regex lazy_re(R"re(\{\s*"(\w+)"\s*,\s*(push_\w+)\s*\})re");
  const std::string lazy_list = function_body(src, "constexpr LazyField kLazyFields[] =", file);
  int lazy = 0;
  for (auto it = std::sregex_iterator(lazy_list.begin(), lazy_list.end(), lazy_re);
       it != std::sregex_iterator(); ++it, ++lazy) {
    const std::string field = (*it)[1], builder = (*it)[2];
    ShapePtr made =
        replay(function_body(src, "void " + builder + "(lua_State* L", file), known).top;
    REQUIRE_MESSAGE(made != nullptr, builder << " pushes nothing");
    answer->fields[field] = made;
  }
  CHECK(lazy >= 4);
  check_shape(answer, "sdi.Answer", "answer");
  known["push_hit"] = replay(function_body(src, "void push_hit(lua_State* L", file)).top;
  check_shape(known["push_hit"], "sdi.ConceptUse", "answer.concept()");
  ShapePtr mentions =
      replay(function_body(src, "int answer_concepts(lua_State* L)", file), known).top;
  REQUIRE(mentions != nullptr);
  REQUIRE(mentions->items != nullptr);
  check_shape(mentions->items, "sdi.ConceptUse", "answer.concepts()[]");
  check_shape(replay(function_body(src, "int answer_estimate(lua_State* L)", file)).top,
              "sdi.EstimateFinding", "answer.estimate()");

  // find() and said() return a list of blocks.
  known["push_block_hit"] =
      replay(function_body(src, "void push_block_hit(lua_State* L", file), known).top;
  ShapePtr found = replay(function_body(src, "int find_blocks(lua_State* L", file), known).top;
  REQUIRE(found != nullptr);
  REQUIRE(found->items != nullptr);
  check_shape(found->items, "sdi.FoundBlock", "answer.find()[]");
  const Field* find = definitions().field("sdi.Answer", "find");
  REQUIRE(find != nullptr);
  CHECK(find->function);
}

TEST_CASE("sdi.lua describes the ctx argument and the return values of custom checks") {
  const std::string file = "core/grade/check_custom.cpp";
  std::string src = read_source(file);
  Replay run = replay(function_body(src, "CheckResult run_custom_check(", file));
  REQUIRE_MESSAGE(run.calls.size() == 1, "run_custom_check should call run() once");
  REQUIRE(run.calls[0].size() == 2);
  check_shape(run.calls[0][1], "sdi.CheckContext", "ctx");

  const Definitions& d = definitions();
  Names read = unite(fields_read(function_body(src, "std::string read_outcome(", file)),
                     fields_read(function_body(src, "void read_evidence(", file)));
  CHECK_SAME_NAMES("custom check verdict (sdi.CheckVerdict + sdi.EvidenceSpec)",
                   unite(d.fields_of("sdi.CheckVerdict"), d.fields_of("sdi.EvidenceSpec")), read);

  // The status words run() may return.
  std::string outcome = function_body(src, "std::string read_outcome(", file);
  static const std::regex status_re(R"re(status == "(\w+)")re");
  Names statuses;
  for (auto it = std::sregex_iterator(outcome.begin(), outcome.end(), status_re);
       it != std::sregex_iterator(); ++it)
    statuses.insert((*it)[1]);
  REQUIRE(!statuses.empty());
  CHECK_SAME_NAMES("sdi.CheckOutcome status words", d.aliases.at("sdi.CheckOutcome"), statuses);
  const Field* status = d.field("sdi.CheckVerdict", "status");
  REQUIRE(status != nullptr);
  CHECK_SAME_NAMES("sdi.CheckVerdict.status", quoted_strings(status->type), statuses);
}

TEST_CASE("sdi.lua describes what reporters receive") {
  const Definitions& d = definitions();
  const std::string values_file = "core/report/lua_values.cpp";
  std::string values = read_source(values_file);
  std::map<std::string, ShapePtr> known;
  known["push_evidence"] =
      replay(function_body(values, "void push_evidence(lua_State* L", values_file)).top;
  known["push_check"] =
      replay(function_body(values, "void push_check(lua_State* L", values_file), known).top;
  known["push_step"] =
      replay(function_body(values, "void push_step(lua_State* L", values_file), known).top;
  check_shape(
      replay(function_body(values, "void push_result(lua_State* L", values_file), known).top,
      "sdi.Result", "result");

  const std::string reporter_file = "core/report/reporter.cpp";
  std::string reporter = read_source(reporter_file);
  check_shape(
      replay(function_body(reporter, "int push_summary_cfn(lua_State* L)", reporter_file)).top,
      "sdi.Summary", "summary");

  std::string ctor = function_body(reporter, "Reporter::Reporter(", reporter_file);
  Replay setup = replay(ctor);
  REQUIRE_MESSAGE(setup.refs.count("run_ref_"), "the run table is no longer kept in run_ref_");
  check_shape(setup.refs["run_ref_"], "sdi.Run", "run");

  // The reporter's `sdi` table; together with the packs' one it is the documented `sdi` class.
  ShapePtr reporter_sdi;
  for (const auto& t : setup.tables)
    if (t->fields.count("sdi")) reporter_sdi = t->fields["sdi"];
  REQUIRE_MESSAGE(reporter_sdi != nullptr, "no sdi table found in " << reporter_file);
  PackState state;
  lua_State* L = state.sandbox.state();
  sdi::pack::push_pack_api(L, &state.declarations);
  // Check plugins add to the table packs see: run the shared helpers as a pack's sandbox does.
  lua_pushvalue(L, -1);
  lua_setglobal(L, "sdi");
  state.sandbox.load_file(std::string(SDI_SOURCE_DIR) + "/plugins/checks/helpers.lua",
                          "plugins/checks/helpers.lua");
  // The engine's natives live in the grade layer (whose tests check that they provide what
  // helpers.lua takes from them); here any name read from them is a function.
  state.sandbox.load("return setmetatable({}, { __index = function() return function() end end })",
                     "natives");
  state.sandbox.call(0, 1);
  state.sandbox.call(1, 0);
  Names pack_api = table_keys(L, -1);
  lua_getfield(L, -1, "helpers");
  REQUIRE_MESSAGE(lua_istable(L, -1), "plugins/checks/helpers.lua does not publish sdi.helpers");
  Names helpers = table_keys(L, -1);
  lua_pop(L, 2);
  CHECK_SAME_NAMES("sdi (packs and reporters)", d.fields_of("sdi"),
                   unite(pack_api, keys(*reporter_sdi)));
  CHECK_SAME_NAMES("sdi.helpers", d.fields_of("sdi.Helpers"), helpers);

  // The hooks the engine calls and the description it reads.
  static const std::regex hook_re(R"re(call_hook\("(\w+)")re");
  Names hooks = fields_read(ctor);
  for (auto it = std::sregex_iterator(reporter.begin(), reporter.end(), hook_re);
       it != std::sregex_iterator(); ++it)
    hooks.insert((*it)[1]);
  REQUIRE(hooks.count("result"));
  CHECK_SAME_NAMES("sdi.Reporter", d.fields_of("sdi.Reporter"), hooks);
}
