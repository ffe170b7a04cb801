#include "report/escapes.hpp"

#include <lauxlib.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

#include "lua/binding.hpp"
#include "text/utf8.hpp"

namespace sdi::report {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

unsigned byte_at(std::string_view s, std::size_t i) {
  return static_cast<unsigned char>(s[i]);
}

// Printable ASCII, tab, LF and CR: text made only of these is already clean.
constexpr bool is_plain(unsigned c) {
  return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n' || c == '\r';
}

// Characters XML 1.0, HTML, YAML and JSON text cannot all carry.
bool is_unwanted(char32_t code) {
  if (code < 0x80) return !is_plain(code);
  return code <= 0x9F || code == 0xFFFE || code == 0xFFFF;
}

// `text` cleaned; a view of `text` itself when it is clean already, else of `scratch`.
std::string_view clean(std::string_view text, std::string& scratch) {
  std::size_t i = 0;
  while (i < text.size() && is_plain(byte_at(text, i))) ++i;
  if (i == text.size()) return text;
  scratch.assign(text.substr(0, i));
  while (i < text.size()) {
    // Well-formed as Lua's utf8.len takes it: no overlong forms, surrogates or code points above
    // U+10FFFF.
    const std::size_t length = text::utf8::sequence_length(text, i);
    if (length == 0 || is_unwanted(text::utf8::decode(text, i).code_point)) {
      scratch.append(kReplacement);
      i += length == 0 ? 1 : length;
    } else {
      scratch.append(text.substr(i, length));
      i += length;
    }
  }
  return scratch;
}

bool is_space(unsigned c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

// One line: runs of whitespace become one space, then a space at either end goes.
std::string_view one_line(std::string_view text, std::string& scratch) {
  bool single = true;
  for (std::size_t i = 0; i < text.size() && single; ++i) {
    const unsigned c = byte_at(text, i);
    single = !is_space(c) || (c == ' ' && (i + 1 == text.size() || byte_at(text, i + 1) != ' '));
  }
  if (!single) {
    scratch.clear();
    for (std::size_t i = 0; i < text.size();) {
      if (!is_space(byte_at(text, i))) {
        scratch.push_back(text[i++]);
        continue;
      }
      scratch.push_back(' ');
      while (i < text.size() && is_space(byte_at(text, i))) ++i;
    }
    text = scratch;
  }
  if (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  if (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// What each byte becomes (an empty entry keeps the byte), and which bytes make an escape do
// anything at all: the ones it replaces and the ones `clean` has to look at.
struct ByteMap {
  std::array<std::string_view, 256> to{};
  std::array<bool, 256> acts{};

  // Fills `acts` from `to`; called once the replacements are set.
  constexpr const ByteMap& done() {
    for (unsigned c = 0; c < 256; ++c) acts[c] = !to[c].empty() || !is_plain(c);
    return *this;
  }
};

constexpr ByteMap xml_map(bool attribute) {
  ByteMap map{};
  map.to['&'] = "&amp;";
  map.to['<'] = "&lt;";
  map.to['>'] = "&gt;";
  map.to['"'] = "&quot;";
  map.to['\''] = "&apos;";
  map.to['\r'] = "&#13;";
  if (attribute) {
    map.to['\n'] = "&#10;";
    map.to['\t'] = "&#9;";
  }
  return map.done();
}

constexpr ByteMap html_map() {
  ByteMap map{};
  map.to['&'] = "&amp;";
  map.to['<'] = "&lt;";
  map.to['>'] = "&gt;";
  map.to['"'] = "&quot;";
  map.to['\''] = "&#39;";
  return map.done();
}

constexpr ByteMap quote_map() {
  ByteMap map{};
  map.to['"'] = "\\\"";
  map.to['\\'] = "\\\\";
  map.to['\n'] = "\\n";
  map.to['\r'] = "\\r";
  map.to['\t'] = "\\t";
  return map.done();
}

constexpr ByteMap github_map(bool property) {
  ByteMap map{};
  map.to['%'] = "%25";
  map.to['\r'] = "%0D";
  map.to['\n'] = "%0A";
  if (property) {
    map.to[':'] = "%3A";
    map.to[','] = "%2C";
  }
  return map.done();
}

constexpr ByteMap markdown_map() {
  constexpr std::string_view kEscaped[] = {"\\\\", "\\`", "\\*", "\\_", "\\[", "\\]", "\\<",
                                           "\\>",  "\\|", "\\~", "\\&", "\\#", "\\$"};
  ByteMap map{};
  for (const std::string_view escaped : kEscaped)
    map.to[static_cast<unsigned char>(escaped[1])] = escaped;
  map.done();
  // Markdown text is one line first: tab, LF and CR become spaces.
  for (const char c : {'\t', '\n', '\r'}) map.acts[static_cast<unsigned char>(c)] = true;
  return map;
}

// Each escape's map, built at compile time.
constexpr ByteMap kXmlText = xml_map(false);
constexpr ByteMap kXmlAttribute = xml_map(true);
constexpr ByteMap kHtml = html_map();
constexpr ByteMap kQuote = quote_map();
constexpr ByteMap kGithubData = github_map(false);
constexpr ByteMap kGithubProperty = github_map(true);
constexpr ByteMap kMarkdown = markdown_map();

// JSON escapes of the characters YAML does not take literally in a double-quoted scalar.
std::string_view json_only_escape(std::string_view text, std::size_t at) {
  const std::string_view rest = text.substr(at, 3);
  if (rest == "\xE2\x80\xA8") return "\\u2028";
  if (rest == "\xE2\x80\xA9") return "\\u2029";
  if (rest == "\xEF\xBB\xBF") return "\\ufeff";
  return {};
}

// Appends `text` to `out` with each byte `map` names replaced (and, for a JSON string, the
// characters json_only_escape names).
void append_mapped(std::string& out, std::string_view text, const ByteMap& map, bool json) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::string_view replacement = map.to[byte_at(text, i)];
    std::size_t length = 1;
    if (json && replacement.empty() && byte_at(text, i) >= 0xE2) {
      replacement = json_only_escape(text, i);
      length = 3;
    }
    if (replacement.empty()) continue;
    out.append(text.substr(run, i - run));
    out.append(replacement);
    i += length - 1;
    run = i + 1;
  }
  out.append(text.substr(run));
}

bool needs_mapping(std::string_view text, const ByteMap& map, bool json) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned c = byte_at(text, i);
    if (!map.to[c].empty() || (json && c >= 0xE2 && !json_only_escape(text, i).empty()))
      return true;
  }
  return false;
}

// The text of argument 1 as the Lua functions took it: nil is "", other values go through
// tostring (which leaves its string on the stack, alive for the call).
std::string_view argument(lua_State* L) {
  std::size_t length = 0;
  const char* text = nullptr;
  switch (lua_type(L, 1)) {
    case LUA_TNONE:
    case LUA_TNIL:
      return {};
    case LUA_TSTRING:
      text = lua_tolstring(L, 1, &length);
      break;
    default:
      text = luaL_tolstring(L, 1, &length);
  }
  // Charged by its bytes, as the sandbox's own string searches are: a text left as it is makes no
  // new string, whose allocation would be charged, so a reporter could otherwise read megabytes a
  // call for free.
  lua::charge_bytes(L, length);
  return {text, length};
}

// Pushes `result`: argument 1 itself when the escape left its string as it was.
int push_text(lua_State* L, std::string_view input, std::string_view result) {
  if (lua_type(L, 1) == LUA_TSTRING && result.data() == input.data() &&
      result.size() == input.size())
    lua_pushvalue(L, 1);
  else
    lua_pushlstring(L, result.data(), result.size());
  return 1;
}

// Scratch text reused across calls; a huge text does not keep its room. Only these outlive a
// Lua error raised inside a function (a memory error from lua_pushlstring jumps over C++ frames).
struct Scratch {
  std::string cleaned, line, mapped;
  void trim() {
    constexpr std::size_t kKeep = std::size_t{1} << 20;
    for (std::string* s : {&cleaned, &line, &mapped})
      if (s->capacity() > kKeep) *s = std::string();
  }
};
thread_local Scratch scratch;

// True when no byte of `text` makes the escape of `map` change it.
bool left_alone(std::string_view text, const ByteMap& map) {
  for (const char c : text)
    if (map.acts[static_cast<unsigned char>(c)]) return false;
  return true;
}

int push_mapped(lua_State* L, std::string_view input, std::string_view text, const ByteMap& map,
                bool json = false) {
  if (!needs_mapping(text, map, json)) return push_text(L, input, text);
  scratch.mapped.clear();
  append_mapped(scratch.mapped, text, map, json);
  push_text(L, input, scratch.mapped);
  scratch.trim();
  return 1;
}

int escape_clean(lua_State* L) {
  const std::string_view input = argument(L);
  push_text(L, input, clean(input, scratch.cleaned));
  scratch.trim();
  return 1;
}

int escape_line(lua_State* L) {
  const std::string_view input = argument(L);
  push_text(L, input, one_line(clean(input, scratch.cleaned), scratch.line));
  scratch.trim();
  return 1;
}

// The escape of `Map`: argument 1 cleaned and mapped; most text needs neither, which one look at
// its bytes tells.
template <const ByteMap& Map>
int escape_with(lua_State* L) {
  const std::string_view input = argument(L);
  if (left_alone(input, Map)) return push_text(L, input, input);
  return push_mapped(L, input, clean(input, scratch.cleaned), Map);
}

int escape_quote(lua_State* L) {
  const ByteMap& map = kQuote;
  const std::string_view input = argument(L);
  scratch.mapped.assign(1, '"');
  // Text with no byte to escape and none `clean` must look at (the characters only JSON escapes
  // are not ASCII) goes between the quotes as it is.
  if (left_alone(input, map))
    scratch.mapped.append(input);
  else
    append_mapped(scratch.mapped, clean(input, scratch.cleaned), map, true);
  scratch.mapped.push_back('"');
  lua_pushlstring(L, scratch.mapped.data(), scratch.mapped.size());
  scratch.trim();
  return 1;
}

int escape_md(lua_State* L) {
  const ByteMap& map = kMarkdown;
  const std::string_view input = argument(L);
  // Plain single-spaced text without markup characters, the usual title or id, stays as it is.
  if (left_alone(input, map) && input.find("  ") == std::string_view::npos &&
      (input.empty() || (input.front() != ' ' && input.back() != ' ')))
    return push_text(L, input, input);
  return push_mapped(L, input, one_line(clean(input, scratch.cleaned), scratch.line), map);
}

// What Lua's `tonumber(v) or 0` gives for argument 1, pushed.
void push_number_or_zero(lua_State* L) {
  if (lua_type(L, 1) == LUA_TNUMBER) {
    lua_pushvalue(L, 1);
    return;
  }
  std::size_t length = 0;
  const char* text = lua_type(L, 1) == LUA_TSTRING ? lua_tolstring(L, 1, &length) : nullptr;
  if (text == nullptr || lua_stringtonumber(L, text) != length + 1) lua_pushinteger(L, 0);
}

int push_integer_text(lua_State* L, lua_Integer n) {
  char digits[24];
  const auto written = std::to_chars(digits, digits + sizeof digits, n);
  lua_pushlstring(L, digits, static_cast<std::size_t>(written.ptr - digits));
  return 1;
}

// Numbers as people read them: whole numbers under 1e15 as integers, others with at most two
// decimals and no trailing zeros (as `string.format("%.2f")` and two gsubs did in Lua).
int escape_num(lua_State* L) {
  push_number_or_zero(L);
  char text[400];
  int length = 0;
  if (lua_isinteger(L, -1)) {
    const lua_Integer n = lua_tointeger(L, -1);
    // math.abs wraps the smallest integer around to itself, which is under 1e15.
    const lua_Integer magnitude =
        n < 0 ? static_cast<lua_Integer>(0u - static_cast<lua_Unsigned>(n)) : n;
    if (magnitude < 1000000000000000) return push_integer_text(L, n);
    length = std::snprintf(text, sizeof text, "%.2f", static_cast<double>(n));
  } else {
    const lua_Number x = lua_tonumber(L, -1);
    if (x == std::floor(x) && std::fabs(x) < 1e15)
      return push_integer_text(L, static_cast<lua_Integer>(x));
    length = std::snprintf(text, sizeof text, "%.2f", static_cast<double>(x));
  }
  while (length > 0 && text[length - 1] == '0') --length;
  if (length > 0 && text[length - 1] == '.') --length;
  lua_pushlstring(L, text, static_cast<std::size_t>(length));
  return 1;
}

}  // namespace

void add_escapes(lua_State* L) {
  static constexpr luaL_Reg kFunctions[] = {
      {"clean", escape_clean},
      {"line", escape_line},
      {"xml", escape_with<kXmlText>},
      {"xml_attr", escape_with<kXmlAttribute>},
      {"html", escape_with<kHtml>},
      {"quote", escape_quote},
      {"gh_data", escape_with<kGithubData>},
      {"gh_property", escape_with<kGithubProperty>},
      {"md", escape_md},
      {"num", escape_num},
      {nullptr, nullptr},
  };
  luaL_setfuncs(L, kFunctions, 0);
}

}  // namespace sdi::report
