#pragma once
// The strings result tables are built from, made once per Lua state instead of once per table:
// the field names, the status words, the array marker, and text that repeats from one result to
// the next (ids, titles, facets, kinds, suggestions: the pack's own, the same for every answer).

#include <lua.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace sdi::report {

inline constexpr std::string_view kResultNames[] = {
    // sdi.Result
    "file", "problem", "template", "matched_by", "score", "level", "graded", "steps", "facets",
    "estimates", "flags", "errors",
    // steps, checks, facets, estimates, flags, evidence
    "id", "title", "points", "max", "verdict", "sections", "checks", "facet", "kind", "status",
    "feedback", "suggestion", "evidence", "line", "text", "stated", "expected", "derivation",
    "ratio", "credit", "range",
    // status words
    "pass", "partial", "fail", "error"};

// One of kResultNames, found when compiling: a misspelt name does not build.
struct Name {
  int slot;  // in the strings table: 1-based
  template <std::size_t N>
  consteval Name(const char (&text)[N]) : slot(find(std::string_view(text, N - 1))) {}  // NOLINT
  static consteval int find(std::string_view text) {
    for (std::size_t i = 0; i < std::size(kResultNames); ++i)
      if (kResultNames[i] == text) return static_cast<int>(i) + 1;
    throw "not a result field name";
  }
};

class ResultStrings {
 public:
  // Pushes the state's strings table (made on first use) and keeps its stack index; `close`
  // removes it. The table lives in the registry, out of reach of sandboxed code.
  explicit ResultStrings(lua_State* L);
  void close() const;

  void push(Name name) const { lua_rawgeti(L_, table_, name.slot); }
  // Sets the array marker as the metatable of the table on top.
  void mark_array() const;
  // Pushes `text`, the same Lua string for the same text while the cache has room.
  void push_shared(const std::string& text) const;

  struct Cache;  // kept in a userdata the registry holds

 private:
  lua_State* L_;
  int table_;
  Cache* cache_;
};

}  // namespace sdi::report
