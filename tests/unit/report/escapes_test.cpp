// sdi.escape must give what the Lua escapes lib/escape.lua used to define gave, byte for byte:
// the reference definitions below run in the same sandbox over hostile text (invalid UTF-8,
// controls, markup, runs of whitespace) and every native must agree with them.

#include "report/escapes.hpp"

#include <doctest/doctest.h>
#include <lua.h>

#include <chrono>
#include <string>

#include "lua/error.hpp"
#include "lua/sandbox.hpp"

namespace {

const char* const kReference = R"lua(
local R = {}
local REPLACEMENT = "\239\191\189"
local function str(v) if v == nil then return "" end return tostring(v) end
local function valid_utf8(s)
  if not s:find("[\128-\255]") or utf8.len(s) then return s end
  local out, i, n = {}, 1, #s
  while i <= n do
    local len, bad = utf8.len(s, i)
    if len then out[#out + 1] = s:sub(i) break end
    out[#out + 1] = s:sub(i, bad - 1)
    out[#out + 1] = REPLACEMENT
    i = bad + 1
  end
  return table.concat(out)
end
function R.clean(v)
  local s = str(v)
  if not s:find("[^\9\10\13\32-\126]") then return s end
  s = valid_utf8(s)
  s = s:gsub("[\0-\8\11\12\14-\31\127]", REPLACEMENT)
  if s:find("[\194\239]") then
    s = s:gsub("\194[\128-\159]", REPLACEMENT):gsub("\239\191[\190\191]", REPLACEMENT)
  end
  return s
end
function R.line(v)
  local s = R.clean(v)
  if s:find("  ", 1, true) or s:find("[^ %S]") then s = s:gsub("%s+", " ") end
  if s:byte(1) == 32 then s = s:sub(2) end
  if s:byte(-1) == 32 then s = s:sub(1, -2) end
  return s
end
local xml = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&apos;",
  ["\r"] = "&#13;", ["\n"] = "&#10;", ["\t"] = "&#9;" }
function R.xml(v) return (R.clean(v):gsub("[&<>\"'\r]", xml)) end
function R.xml_attr(v) return (R.clean(v):gsub("[&<>\"'\r\n\t]", xml)) end
local html = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;" }
function R.html(v) return (R.clean(v):gsub("[&<>\"']", html)) end
local json = { ['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }
function R.quote(v)
  local s = R.clean(v):gsub('["\\\n\r\t]', json)
  s = s:gsub("\226\128\168", "\\u2028"):gsub("\226\128\169", "\\u2029"):gsub("\239\187\191", "\\ufeff")
  return '"' .. s .. '"'
end
function R.gh_data(v) return (R.clean(v):gsub("%%", "%%25"):gsub("\r", "%%0D"):gsub("\n", "%%0A")) end
function R.gh_property(v) return (R.gh_data(v):gsub(":", "%%3A"):gsub(",", "%%2C")) end
function R.md(v) return (R.line(v):gsub("[\\`*_%[%]<>|~&#$]", "\\%0")) end
function R.num(x)
  x = tonumber(x) or 0
  if x == math.floor(x) and math.abs(x) < 1e15 then return string.format("%d", x) end
  return (string.format("%.2f", x):gsub("0+$", ""):gsub("%.$", ""))
end
return R
)lua";

const char* const kCompare = R"lua(
local R = ...
local pieces = { "a", " ", "  ", "\t", "\n", "\r", "\11", "\12", "\0", "\127", "&", "<", ">", '"',
  "'", "%", ":", ",", "\\", "`", "*", "_", "[", "]", "|", "~", "#", "$", "\194\128", "\194\159",
  "\194\160", "\194", "\239\191\190", "\239\191\191", "\239\191\189", "\239\187\191",
  "\226\128\168", "\226\128\169", "\226\128", "\128", "\191", "\255", "\192\128", "\193\191",
  "\224\128\128", "\224\160\128", "\237\160\128", "\237\159\191", "\240\144\128\128",
  "\244\143\191\191", "\244\144\128\128", "\245\128\128\128", "\248\136\128\128\128", "\195\169",
  "\240\159\152\128", "\240\159\152" }
local seed = 7
local function pick(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n + 1 end
local texts = { "", " ", "plain words", " x ", 12, 2.5, true }
for _ = 1, 3000 do
  local parts = {}
  for _ = 1, pick(10) - 1 do parts[#parts + 1] = pieces[pick(#pieces)] end
  texts[#texts + 1] = table.concat(parts)
end
local names = { "clean", "line", "xml", "xml_attr", "html", "quote", "gh_data", "gh_property", "md" }
for _, v in ipairs(texts) do
  for _, name in ipairs(names) do
    if R[name](v) ~= sdi.escape[name](v) then return name .. " of " .. string.format("%q", tostring(v)) end
  end
end
for _, name in ipairs(names) do
  if R[name](nil) ~= sdi.escape[name](nil) then return name .. " of nil" end
end
local numbers = { 0, -1, 8, 2.7, 97.25, 0.005, 2.675, -0.001, -0.0, 1e15, 1e15 - 1, 1e15 + 0.5,
  999999999999999.5, 2^63, 1e300, math.huge, -math.huge, 0/0, math.mininteger, math.maxinteger,
  "12", " 0x10 ", "1e3", "abc", "", true, {} }
for _ = 1, 500 do numbers[#numbers + 1] = (pick(2000001) - 1000001) / pick(1000) end
for _, x in ipairs(numbers) do
  if R.num(x) ~= sdi.escape.num(x) then return "num of " .. tostring(x) end
end
return "same"
)lua";

// Offers the escapes to the sandbox's code as `sdi.escape`, as reporters see them.
void offer_escapes(sdi::lua::Sandbox& sandbox) {
  lua_State* L = sandbox.state();
  sandbox.push_env();
  lua_createtable(L, 0, 1);
  lua_createtable(L, 0, 10);
  sdi::report::add_escapes(L);
  lua_setfield(L, -2, "escape");
  lua_setfield(L, -2, "sdi");
  lua_pop(L, 1);
}

}  // namespace

TEST_CASE("sdi.escape gives what the Lua escapes gave") {
  sdi::lua::Sandbox sandbox;
  lua_State* L = sandbox.state();
  offer_escapes(sandbox);
  sandbox.load(kReference, "reference.lua");
  sandbox.call(0, 1);
  sandbox.load(kCompare, "compare.lua");
  lua_insert(L, -2);
  sandbox.call(1, 1);
  REQUIRE(lua_type(L, -1) == LUA_TSTRING);
  CHECK(std::string(lua_tostring(L, -1)) == "same");
  lua_pop(L, 1);
}

TEST_CASE("escaping long texts is charged to the sandbox budget") {
  // Each call is a handful of VM instructions but reads a megabyte: without a charge for the bytes
  // this loop would run for minutes inside a budget of a million units.
  sdi::lua::Limits limits;
  limits.instructions = 1'000'000;
  limits.wall_time = std::chrono::milliseconds{0};
  sdi::lua::Sandbox sandbox(limits);
  offer_escapes(sandbox);
  sandbox.load("local s = string.rep('a', 1 << 20) for _ = 1, 100000 do sdi.escape.xml(s) end",
               "loop.lua");
  try {
    sandbox.call(0, 0);
    FAIL("the loop finished within the budget");
  } catch (const sdi::lua::Error& e) {
    CHECK(e.kind() == sdi::lua::Error::Kind::Budget);
  }
}
