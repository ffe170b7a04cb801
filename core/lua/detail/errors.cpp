#include "lua/detail/errors.hpp"

#include <fmt/format.h>
#include <lauxlib.h>

#include <cctype>

namespace sdi::lua::detail {
namespace {

constexpr std::string_view kNotEnoughMemory = "not enough memory";

bool ends_with(std::string_view text, std::string_view suffix) noexcept {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

int describe_with_tostring(lua_State* L) {
  luaL_tolstring(L, 1, nullptr);
  return 1;
}

// A readable text for a non-string error value: its __tostring if it has a working one.
std::string describe_error_value(lua_State* L) {
  if (lua_type(L, 1) == LUA_TNUMBER) return luaL_tolstring(L, 1, nullptr);
  if (luaL_getmetafield(L, 1, "__tostring") != LUA_TNIL) {
    lua_pop(L, 1);
    lua_pushcfunction(L, describe_with_tostring);
    lua_pushvalue(L, 1);
    if (lua_pcall(L, 1, 1, 0) == LUA_OK && lua_type(L, -1) == LUA_TSTRING) {
      return lua_tostring(L, -1);
    }
    lua_pop(L, 1);
  }
  return fmt::format("(error object is a {} value)", luaL_typename(L, 1));
}

std::string strip_traceback(std::string message) {
  const auto traceback = message.find("\nstack traceback:");
  if (traceback != std::string::npos) message.erase(traceback);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

// Lua prints long chunk names truncated; give the host the full name back.
std::string expand_chunkname(const Runtime& rt, std::string message) {
  for (const auto& [truncated, full] : rt.long_chunknames) {
    if (message.compare(0, truncated.size(), truncated) == 0) {
      return full + message.substr(truncated.size());
    }
  }
  return message;
}

}  // namespace

bool has_position(std::string_view message) noexcept {
  const auto line_end = message.find('\n');
  const std::string_view line = message.substr(0, line_end);
  for (std::size_t colon = line.find(':'); colon != std::string_view::npos;
       colon = line.find(':', colon + 1)) {
    std::size_t digits = colon + 1;
    while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) {
      ++digits;
    }
    if (colon > 0 && digits > colon + 1 && digits < line.size() && line[digits] == ':') return true;
  }
  return false;
}

int message_handler(lua_State* L) {
  if (lua_type(L, 1) == LUA_TSTRING) {
    std::size_t length = 0;
    const char* text = lua_tolstring(L, 1, &length);
    if (has_position({text, length})) return 1;
    // Errors raised by library functions called from other C functions carry no position.
    std::string with_position = innermost_position(L);
    with_position.append(text, length);
    lua_pushlstring(L, with_position.data(), with_position.size());
    return 1;
  }
  const std::string message = innermost_position(L) + describe_error_value(L);
  lua_pushlstring(L, message.data(), message.size());
  return 1;
}

Error make_error(lua_State* L, const Runtime& rt, int status, std::string_view chunk) {
  std::string message;
  if (const char* text = lua_tostring(L, -1)) {
    message = text;
  } else {
    message = fmt::format("(error object is a {} value)", luaL_typename(L, -1));
  }
  lua_pop(L, 1);
  message = expand_chunkname(rt, strip_traceback(std::move(message)));

  if (rt.exhausted) {
    return Error(rt.exhausted_kind, expand_chunkname(rt, rt.exhausted_message));
  }
  const std::string chunk_prefix =
      chunk.empty() ? std::string() : expand_chunkname(rt, std::string(chunk)) + ": ";
  if (status == LUA_ERRMEM) {
    if (!rt.memory_refused) return Error(Error::Kind::Memory, chunk_prefix + "out of memory");
    return Error(Error::Kind::Memory, chunk_prefix + memory_limit_message(rt));
  }
  if (rt.memory_refused && ends_with(message, kNotEnoughMemory)) {
    message.replace(message.size() - kNotEnoughMemory.size(), kNotEnoughMemory.size(),
                    memory_limit_message(rt));
    return Error(Error::Kind::Memory, message);
  }
  if (!rt.tagged_message.empty() && ends_with(message, rt.tagged_message)) {
    return Error(rt.tagged_kind, message);
  }
  if (status == LUA_ERRSYNTAX) return Error(Error::Kind::Syntax, message);
  if (status != LUA_ERRRUN && status != LUA_ERRERR) {
    // A C++ exception escaped a host binding; its text is not for users.
    return Error(Error::Kind::Runtime, chunk_prefix + "a host function failed unexpectedly");
  }
  return Error(Error::Kind::Runtime, message);
}

std::string chunkname_for(std::string_view display) {
  // "=name" prints verbatim when it fits Lua's short source field; "@name" keeps the end of a
  // long name (the file name), which is the useful part.
  return fmt::format("{}{}", display.size() < LUA_IDSIZE ? '=' : '@', display);
}

void remember_chunkname(lua_State* L, Runtime& rt, std::string_view display) {
  // Bounded: a host loading endless distinct long names must not grow this forever.
  constexpr std::size_t kMaxRemembered = 4096;
  if (display.size() < LUA_IDSIZE) return;
  lua_Debug ar;
  lua_pushvalue(L, -1);
  if (lua_getinfo(L, ">S", &ar) == 0) return;
  if (rt.long_chunknames.size() >= kMaxRemembered) rt.long_chunknames.clear();
  // Two names may truncate alike; the latest load is the one most likely to fail next.
  rt.long_chunknames.insert_or_assign(ar.short_src, std::string(display));
}

}  // namespace sdi::lua::detail
