#pragma once
// Lua at the prompt: a sandbox whose environment holds the engine API (q, calc, packs,
// templates, concept, explain). Expressions print their values; statements run; an unfinished
// statement asks for more lines, as the `lua` interpreter does.

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "lua/sandbox.hpp"
#include "pack/library.hpp"

namespace sdi::repl {

class Console {
 public:
  Console(const pack::Library& library, std::function<void(std::string_view)> out,
          const std::atomic<bool>* interrupt);

  enum class Outcome { Done, NeedMore };
  // Runs a chunk (possibly several lines). Prints results or one clear error line.
  Outcome eval(const std::string& code);
  // Names visible at `prefix` ("sd" -> sdi, "sdi.q" -> fields of sdi starting with q), read with
  // raw accesses so completing never runs code.
  std::vector<std::string> complete(const std::string& prefix);
  // Runs a script file with `arg` set to its arguments (`sdi run`); errors are lua::Error.
  void run_file(const std::string& path, const std::vector<std::string>& args);

 private:
  std::unique_ptr<lua::Sandbox> sandbox_;
  std::function<void(std::string_view)> out_;
};

}  // namespace sdi::repl
