#pragma once
// The quantity engine as a Lua value type.
//
//   local q = sdi.q
//   local rate = q"2.5 TB/month"            -- q(text [, expect]); expect: "any" "count" "bytes"
//   "rate" local n = q(5, "GB")                     -- q(number [, unit]) rate:to("GB/day") -- a
//   new quantity shown in GB/day (83.3 GB/day) rate:value()  rate:unit()                -- number
//   in base units (bytes, seconds), "B/s" rate:format() tostring(rate)             -- "2.5
//   TB/month"; rate:format(true) adds "~" if approx rate:noun()   rate:range()               --
//   "user" or nil; lo, hi in base units or nil a:ratio(b)                               -- factor
//   >= 1 between two quantities (NaN: dimensions)
//   + - * / unary- ^(number) == < <= ..      -- dimension errors raise Lua errors
//
// Userdata of metatable "sdi.quantity" holding a quantity::Quantity by value: the type is
// trivially copyable and destructible (tags live in inline buffers), so no __gc is needed. The
// metatable is protected (__metatable), so sandboxed code cannot alter it.

#include <lua.h>

#include "quantity/quantity.hpp"

namespace sdi::pack {

inline constexpr const char* kQuantityMetatable = "sdi.quantity";

/// Pushes the constructor function q(text) / q(number, unit).
void push_quantity_constructor(lua_State* L);

/// Pushes a new quantity userdata.
void push_quantity(lua_State* L, const quantity::Quantity& q);

/// The quantity at `idx`; nullptr when it is neither a quantity nor a number. A number is
/// converted to a dimensionless quantity that REPLACES the number in its stack slot, so the
/// returned pointer stays valid as long as that slot does.
const quantity::Quantity* to_quantity(lua_State* L, int idx);

/// Same, leaving the stack alone: a number is converted into `scratch` and &scratch returned.
const quantity::Quantity* to_quantity(lua_State* L, int idx, quantity::Quantity& scratch);

}  // namespace sdi::pack
