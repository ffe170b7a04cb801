#include "pack/quantity_binding.hpp"

#include <lauxlib.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <new>
#include <string>
#include <string_view>

namespace sdi::pack {

namespace q = sdi::quantity;

namespace {

// Lua errors unwind C++ frames (the lua5.4-c++ build throws), so std::string locals are safe.

q::Quantity& check(lua_State* L, int idx) {
  return *static_cast<q::Quantity*>(luaL_checkudata(L, idx, kQuantityMetatable));
}

q::Quantity operand(lua_State* L, int idx) {
  q::Quantity scratch;
  const q::Quantity* v = to_quantity(L, idx, scratch);
  if (v == nullptr) {
    luaL_error(L, "quantity arithmetic: expected a quantity or a number, got a %s",
               luaL_typename(L, idx));
  }
  return *v;
}

q::Expect expect_arg(lua_State* L, int idx) {
  static const char* const names[] = {"any", "count", "bytes", "rate", nullptr};
  switch (luaL_checkoption(L, idx, "any", names)) {
    case 1:
      return q::Expect::Count;
    case 2:
      return q::Expect::Bytes;
    case 3:
      return q::Expect::Rate;
    default:
      return q::Expect::Any;
  }
}

int construct(lua_State* L) {
  if (lua_type(L, 1) == LUA_TNUMBER) {
    double n = lua_tonumber(L, 1);
    if (lua_isnoneornil(L, 2)) {
      push_quantity(L, q::Quantity::count(n));
      return 1;
    }
    std::size_t len = 0;
    const char* unit = luaL_checklstring(L, 2, &len);
    auto spec = q::parse_unit_spec(std::string_view(unit, len));
    if (!spec) return luaL_error(L, "q(%f, \"%s\"): unknown unit", n, unit);
    q::Quantity v;
    v.value = n * spec->factor;
    v.unit = spec->unit;
    v.display_unit.assign(spec->text);
    push_quantity(L, v);
    return 1;
  }
  std::size_t len = 0;
  const char* text = luaL_checklstring(L, 1, &len);
  q::Expect expect = lua_isnoneornil(L, 2) ? q::Expect::Any : expect_arg(L, 2);
  q::Result r = q::parse(std::string_view(text, len), expect);
  if (!r.ok()) {
    return luaL_error(L, "q(\"%s\"): %s (at byte %d)", text, r.error->message.c_str(),
                      static_cast<int>(r.error->offset) + 1);
  }
  push_quantity(L, r.value);
  return 1;
}

int add(lua_State* L) {
  std::string err;
  auto r = q::add(operand(L, 1), operand(L, 2), &err);
  if (!r) return luaL_error(L, "%s", err.c_str());
  push_quantity(L, *r);
  return 1;
}

int sub(lua_State* L) {
  std::string err;
  auto r = q::subtract(operand(L, 1), operand(L, 2), &err);
  if (!r) return luaL_error(L, "%s", err.c_str());
  push_quantity(L, *r);
  return 1;
}

int mul(lua_State* L) {
  push_quantity(L, q::multiply(operand(L, 1), operand(L, 2)));
  return 1;
}

int div(lua_State* L) {
  q::Quantity b = operand(L, 2);
  if (b.value == 0) return luaL_error(L, "quantity division by zero");
  push_quantity(L, q::divide(operand(L, 1), b));
  return 1;
}

int unm(lua_State* L) {
  push_quantity(L, q::negate(operand(L, 1)));
  return 1;
}

int pow(lua_State* L) {
  q::Quantity base = operand(L, 1);
  double e = 0;
  if (lua_type(L, 2) == LUA_TNUMBER) {
    e = lua_tonumber(L, 2);
  } else {
    q::Quantity x = operand(L, 2);
    if (!x.unit.dimensionless()) return luaL_error(L, "an exponent must be a plain number");
    e = x.value;
  }
  std::string err;
  auto r = q::power(base, e, &err);
  if (!r) return luaL_error(L, "%s", err.c_str());
  push_quantity(L, *r);
  return 1;
}

int compare_or_fail(lua_State* L) {
  q::Quantity a = operand(L, 1), b = operand(L, 2);
  auto c = q::compare(a, b);
  if (!c) {
    std::string msg = "cannot compare " + q::format(a) + " (" + q::dimension_name(a.unit) +
                      ") with " + q::format(b) + " (" + q::dimension_name(b.unit) + ")";
    return luaL_error(L, "%s", msg.c_str());
  }
  return *c;
}

int eq(lua_State* L) {
  q::Quantity scratch_a, scratch_b;
  const q::Quantity* a = to_quantity(L, 1, scratch_a);
  const q::Quantity* b = to_quantity(L, 2, scratch_b);
  bool same =
      a && b && q::same_dimension(a->unit, b->unit) &&
      (a->value == b->value ||
       std::fabs(a->value - b->value) <= 1e-9 * std::max(std::fabs(a->value), std::fabs(b->value)));
  lua_pushboolean(L, same);
  return 1;
}

int lt(lua_State* L) {
  lua_pushboolean(L, compare_or_fail(L) < 0);
  return 1;
}

int le(lua_State* L) {
  lua_pushboolean(L, compare_or_fail(L) <= 0);
  return 1;
}

void push_string(lua_State* L, const std::string& s) {
  lua_pushlstring(L, s.data(), s.size());
}

int tostring(lua_State* L) {
  push_string(L, q::format(check(L, 1)));
  return 1;
}

int format_method(lua_State* L) {
  q::FormatOptions o;
  o.approx = lua_toboolean(L, 2) != 0;
  push_string(L, q::format(check(L, 1), o));
  return 1;
}

int concat(lua_State* L) {
  std::string out;
  for (int i = 1; i <= 2; ++i) {
    if (const void* p = luaL_testudata(L, i, kQuantityMetatable)) {
      out += q::format(*static_cast<const q::Quantity*>(p));
    } else {
      std::size_t len = 0;
      const char* s = luaL_tolstring(L, i, &len);
      out.append(s, len);
      lua_pop(L, 1);
    }
  }
  push_string(L, out);
  return 1;
}

int to(lua_State* L) {
  const q::Quantity& self = check(L, 1);
  std::size_t len = 0;
  const char* unit = luaL_checklstring(L, 2, &len);
  q::Result r = q::convert(self, std::string_view(unit, len));
  if (!r.ok()) return luaL_error(L, ":to(\"%s\"): %s", unit, r.error->message.c_str());
  push_quantity(L, r.value);
  return 1;
}

int value(lua_State* L) {
  lua_pushnumber(L, check(L, 1).value);
  return 1;
}

int unit(lua_State* L) {
  push_string(L, q::unit_string(check(L, 1).unit));
  return 1;
}

int noun(lua_State* L) {
  const q::Quantity& self = check(L, 1);
  if (self.unit.noun.empty()) {
    lua_pushnil(L);
  } else {
    push_string(L, self.unit.noun.str());
  }
  return 1;
}

int range(lua_State* L) {
  const q::Quantity& self = check(L, 1);
  if (!self.is_range()) {
    lua_pushnil(L);
    return 1;
  }
  lua_pushnumber(L, *self.lo);
  lua_pushnumber(L, *self.hi);
  return 2;
}

int ratio(lua_State* L) {
  lua_pushnumber(L, q::ratio(operand(L, 1), operand(L, 2)));
  return 1;
}

void push_metatable(lua_State* L) {
  if (luaL_newmetatable(L, kQuantityMetatable)) {
    static const luaL_Reg meta[] = {{"__add", add},
                                    {"__sub", sub},
                                    {"__mul", mul},
                                    {"__div", div},
                                    {"__unm", unm},
                                    {"__pow", pow},
                                    {"__eq", eq},
                                    {"__lt", lt},
                                    {"__le", le},
                                    {"__concat", concat},
                                    {"__tostring", tostring},
                                    {nullptr, nullptr}};
    luaL_setfuncs(L, meta, 0);
    static const luaL_Reg methods[] = {
        {"to", to},     {"value", value}, {"unit", unit},   {"format", format_method},
        {"noun", noun}, {"range", range}, {"ratio", ratio}, {nullptr, nullptr}};
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "__index");
    lua_pushstring(L, "quantity");  // friendlier argument errors: "quantity expected"
    lua_setfield(L, -2, "__name");
    lua_pushstring(L, kQuantityMetatable);  // getmetatable() returns this; setmetatable fails
    lua_setfield(L, -2, "__metatable");
  }
}

}  // namespace

void push_quantity(lua_State* L, const q::Quantity& v) {
  void* p = lua_newuserdatauv(L, sizeof(q::Quantity), 0);
  new (p) q::Quantity(v);
  push_metatable(L);
  lua_setmetatable(L, -2);
}

const q::Quantity* to_quantity(lua_State* L, int idx, q::Quantity& scratch) {
  if (lua_type(L, idx) == LUA_TNUMBER) {
    scratch = q::Quantity::count(lua_tonumber(L, idx));
    return &scratch;
  }
  return static_cast<const q::Quantity*>(luaL_testudata(L, idx, kQuantityMetatable));
}

const q::Quantity* to_quantity(lua_State* L, int idx) {
  idx = lua_absindex(L, idx);
  if (lua_type(L, idx) == LUA_TNUMBER) {
    push_quantity(L, q::Quantity::count(lua_tonumber(L, idx)));
    lua_replace(L, idx);
  }
  return static_cast<const q::Quantity*>(luaL_testudata(L, idx, kQuantityMetatable));
}

void push_quantity_constructor(lua_State* L) {
  push_metatable(L);
  lua_pop(L, 1);
  lua_pushcfunction(L, construct);
}

}  // namespace sdi::pack
