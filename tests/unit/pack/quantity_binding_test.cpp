// The Lua binding of the quantity engine, on a plain luaL_newstate() state.

#include "pack/quantity_binding.hpp"

#include <doctest/doctest.h>
#include <lauxlib.h>
#include <lualib.h>

#include <string>

namespace {

namespace q = sdi::quantity;
using sdi::pack::push_quantity;
using sdi::pack::push_quantity_constructor;
using sdi::pack::to_quantity;

struct State {
  lua_State* L = luaL_newstate();
  State() {
    luaL_openlibs(L);
    push_quantity_constructor(L);
    lua_setglobal(L, "q");
  }
  ~State() { lua_close(L); }
  State(const State&) = delete;
  State& operator=(const State&) = delete;

  // Runs `code` (which returns one value) and gives tostring() of the result, or "error: ...".
  std::string run(const char* code) {
    int top = lua_gettop(L);
    std::string out;
    if (luaL_dostring(L, code) != LUA_OK) {
      out = std::string("error: ") + lua_tostring(L, -1);
    } else {
      std::size_t len = 0;
      const char* s = luaL_tolstring(L, top + 1, &len);
      out.assign(s, len);
    }
    lua_settop(L, top);
    return out;
  }
};

}  // namespace

TEST_CASE("q() parses text and tostring formats it") {
  State s;
  CHECK(s.run("return q'2.5 TB/month'") == "2.5 TB/month");
  CHECK(s.run("return q'300M users'") == "300M users");
  CHECK(s.run("return q'1 Gbps'") == "1 Gbps");
  CHECK(s.run("return q'3-5K QPS'") == "3K-5K/s");
  CHECK(s.run("return q'2.5 TB/month':format()") == "2.5 TB/month");
  CHECK(s.run("return q'~4K writes/sec':format(true)") == "~4K writes/s");
}

TEST_CASE(":to converts and remembers the unit") {
  State s;
  CHECK(s.run("return q'2.5 TB/month':to('GB/day')") == "83.3 GB/day");
  CHECK(s.run("return (q'300M users' * 0.5 * 2 / q'1 day'):to('/s')") == "3.47K users/s");
  CHECK(s.run("return q'3 PB over 5 years':to('TB/day')") == "1.64 TB/day");
  std::string err = s.run("return q'5 GB':to('/s')");
  CHECK(err.find("error:") == 0);
  CHECK(err.find("cannot convert 5 GB") != std::string::npos);
}

TEST_CASE("arithmetic metamethods") {
  State s;
  CHECK(s.run("return q'1 GB' + q'500 MB'") == "1.5 GB");
  CHECK(s.run("return q'1 GB' - q'500 MB'") == "500 MB");
  CHECK(s.run("return q'200M' * 2 / q'86400 s'") == "4.63K/s");
  CHECK(s.run("return 2 * q'3 GB'") == "6 GB");
  CHECK(s.run("return -q'3 GB'") == "-3 GB");
  CHECK(s.run("return (q'10' ^ 3):value()") == "1000.0");
  CHECK(s.run("return (q'2 s' ^ 2):unit()") == "s^2");
  CHECK(s.run("return 'total: ' .. q'5 GB'") == "total: 5 GB");
}

TEST_CASE("dimension errors raise Lua errors") {
  State s;
  std::string add = s.run("return q'5 GB' + q'3 s'");
  CHECK(add.find("cannot add 5 GB (bytes) and 3 s (a duration)") != std::string::npos);
  CHECK(s.run("return q'5 GB' < q'3 s'").find("cannot compare") != std::string::npos);
  CHECK(s.run("return q'5 GB' + 1").find("cannot add") != std::string::npos);
  CHECK(s.run("return q'5 GB' * {}").find("expected a quantity or a number") != std::string::npos);
  CHECK(s.run("return q'2 s' ^ 0.5").find("non-integer power") != std::string::npos);
}

TEST_CASE("bad input raises a caret-less message") {
  State s;
  std::string err = s.run("return q'12 zorks/s'");
  CHECK(err.find("unknown unit 'zorks'") != std::string::npos);
  CHECK(err.find("at byte 4") != std::string::npos);
  CHECK(err.find('\n') == std::string::npos);
  CHECK(err.find('^') == std::string::npos);
  CHECK(s.run("return q(5, 'zorks')").find("unknown unit") != std::string::npos);
  CHECK(s.run("return q({})").find("error:") == 0);
}

TEST_CASE("comparison and equality") {
  State s;
  CHECK(s.run("return q'1 GB' < q'2 GB'") == "true");
  CHECK(s.run("return q'1 GB' <= q'1000 MB'") == "true");
  CHECK(s.run("return q'1 GB' == q'1000 MB'") == "true");
  CHECK(s.run("return q'1 GB' == q'1 s'") == "false");
  CHECK(s.run("return q'4.6K/s' > q'1K/s'") == "true");
  CHECK(s.run("return q'5' < 6") == "true");
}

TEST_CASE("methods: value, unit, noun, range, ratio") {
  State s;
  CHECK(s.run("return q'1 KB':value()") == "1000.0");
  CHECK(s.run("return q'1 KB':unit()") == "B");
  CHECK(s.run("return q'5 QPS':unit()") == "/s");
  CHECK(s.run("return q'2 TB/day':unit()") == "B/s");
  CHECK(s.run("return q'300M users':unit()") == "");
  CHECK(s.run("return q'300M users':noun()") == "user");
  CHECK(s.run("return q'5 GB':noun()") == "nil");
  CHECK(s.run("local lo, hi = q'3-5K':range(); return lo .. '..' .. hi") == "3000.0..5000.0");
  CHECK(s.run("return q'5 GB':range()") == "nil");
  CHECK(s.run("return q'4K':ratio(q'2K')") == "2.0");
  CHECK(s.run("return tostring(q'4K':ratio(q'2 s'))").find("nan") != std::string::npos);
}

TEST_CASE("q(number, unit) and the expect argument") {
  State s;
  CHECK(s.run("return q(5, 'GB')") == "5 GB");
  CHECK(s.run("return q(5, 'GB') * 2") == "10 GB");
  CHECK(s.run("return q(5)") == "5");
  CHECK(s.run("return q('5B', 'bytes')") == "5 bytes");
  CHECK(s.run("return q('5B', 'count')") == "5B");
  CHECK(s.run("return q('5B', 'sideways')").find("invalid option") != std::string::npos);
}

TEST_CASE("the metatable is protected and has no __gc") {
  State s;
  CHECK(s.run("return getmetatable(q'1')") == "sdi.quantity");
  CHECK(s.run("return pcall(setmetatable, q'1', {})") == "false");
  luaL_getmetatable(s.L, sdi::pack::kQuantityMetatable);
  REQUIRE(lua_istable(s.L, -1));
  lua_getfield(s.L, -1, "__gc");
  CHECK(lua_isnil(s.L, -1));
  lua_pop(s.L, 2);
}

TEST_CASE("push_quantity and to_quantity from C++") {
  State s;
  lua_State* L = s.L;
  q::Quantity v = q::parse("2.5 TB/month").value;
  push_quantity(L, v);
  const q::Quantity* back = to_quantity(L, -1);
  REQUIRE(back != nullptr);
  CHECK(back->value == doctest::Approx(v.value));
  CHECK(back->unit.bytes == 1);
  CHECK(back->unit.time == -1);
  lua_pop(L, 1);

  lua_pushnumber(L, 42);
  q::Quantity scratch;
  const q::Quantity* n = to_quantity(L, -1, scratch);
  REQUIRE(n == &scratch);
  CHECK(n->value == 42);
  CHECK(lua_type(L, -1) == LUA_TNUMBER);  // untouched

  const q::Quantity* m = to_quantity(L, -1);  // replaces the number in its slot
  REQUIRE(m != nullptr);
  CHECK(m->value == 42);
  CHECK(m->unit.dimensionless());
  CHECK(lua_type(L, -1) == LUA_TUSERDATA);
  lua_pop(L, 1);

  lua_pushstring(L, "5 GB");
  CHECK(to_quantity(L, -1) == nullptr);
  CHECK(to_quantity(L, -1, scratch) == nullptr);
  lua_pop(L, 1);
  lua_newuserdatauv(L, 8, 0);
  CHECK(to_quantity(L, -1) == nullptr);
  lua_pop(L, 1);
}

TEST_CASE("quantities survive garbage collection and copies") {
  State s;
  CHECK(s.run(R"(
    local t = {}
    for i = 1, 2000 do t[i] = q(i, 'GB') * 2 end
    collectgarbage()
    local sum = q'0 GB'
    for i = 1, 2000 do sum = sum + t[i] end
    return sum:to('PB'))") == "4 PB");
  // a display unit from q(number, unit) or :to() sticks through arithmetic of the same dimension
  CHECK(s.run("return q(1500, 'GB') + q'1 TB'") == "2500 GB");
}
