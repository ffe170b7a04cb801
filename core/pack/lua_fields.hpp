#pragma once
// Checked reads of the table a pack passes to an `sdi.*` declaration. Errors are Lua errors
// raised at the caller's line ("problems/x/pack.lua:12: sdi.check: ..."), so authors see where.

#include <lua.h>

#include <string>
#include <vector>

namespace sdi::pack {

// Keys are names that outlive the reader (string literals).
class LuaFields {
 public:
  LuaFields(lua_State* L, int index, std::string function);

  std::string string(const char* key, bool required);
  std::vector<std::string> strings(const char* key);              // a string or a list of strings
  std::vector<std::vector<std::string>> groups(const char* key);  // list of ids or lists of ids
  double number(const char* key, double fallback);
  bool boolean(const char* key, bool fallback);
  bool has(const char* key);
  [[noreturn]] void fail(const std::string& message);
  void reject_unknown();
  const std::string& function() const { return function_; }

 private:
  void push(const char* key);
  lua_State* L_;
  int index_;
  std::string function_;
  // The keys read so far: a handful per declaration, so a list beats a set built for each one.
  std::vector<const char*> known_;
};

}  // namespace sdi::pack
