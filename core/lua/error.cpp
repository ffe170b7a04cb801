#include "lua/error.hpp"

namespace sdi::lua {

std::string_view to_string(Error::Kind kind) noexcept {
  switch (kind) {
    case Error::Kind::Syntax:
      return "syntax";
    case Error::Kind::Runtime:
      return "runtime";
    case Error::Kind::Memory:
      return "memory";
    case Error::Kind::Budget:
      return "budget";
    case Error::Kind::Timeout:
      return "timeout";
    case Error::Kind::Forbidden:
      return "forbidden";
    case Error::Kind::Io:
      return "io";
    case Error::Kind::Interrupted:
      return "interrupted";
  }
  return "unknown";
}

}  // namespace sdi::lua
