#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace sdi::lua {

// Every failure of sandboxed code. what() reads "file:line: message" whenever a position is known
// (memory errors only know the chunk), never carries a traceback or C++ exception text.
class Error : public std::runtime_error {
 public:
  enum class Kind {
    Syntax,       // the chunk does not compile
    Runtime,      // an ordinary Lua error (error(), a bad index, a failing host binding)
    Memory,       // the state's memory limit was reached
    Budget,       // the instruction budget of the call was spent
    Timeout,      // the wall-clock limit of the call was reached
    Forbidden,    // the code broke a sandbox rule (binary chunk, require outside the pack, __gc...)
    Io,           // a file to load could not be read
    Interrupted,  // the host asked the running call to stop (Ctrl-C at the REPL)
  };

  Error(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}

  Kind kind() const noexcept { return kind_; }

 private:
  Kind kind_;
};

// "syntax", "runtime", "memory", "budget", "timeout", "forbidden", "io".
std::string_view to_string(Error::Kind kind) noexcept;

}  // namespace sdi::lua
