#pragma once
// What every subcommand shares: the search path and library, colour, and error output.

#include <optional>
#include <string>
#include <vector>

#include "pack/library.hpp"

namespace sdi::cli {

struct GlobalOptions {
  std::vector<std::string> pack_paths;
  std::string color = "auto";  // auto | always | never
};

// "sdi: message" on stderr.
void error(const std::string& message);
void warn(const std::string& message);

class Context {
 public:
  Context(const char* argv0, GlobalOptions options);

  // Adds a folder to the search path; only before the library is first used.
  void add_pack_path(const std::string& dir) { options_.pack_paths.push_back(dir); }
  // Discovers plugins and packs on first use.
  const pack::Library& library();
  // Prints discovery problems once (e.g. a broken pack.toml) as errors, for the commands whose
  // job is the library (list, pack test); returns true when there were any.
  bool report_library_problems() { return print_library_problems(error); }
  // The same as warnings, for the commands a problem elsewhere in the library does not stop
  // (grade, show, the REPL): a pack that silently went missing would leave users guessing.
  void warn_library_problems() { print_library_problems(warn); }
  bool color_for(int fd) const;
  const GlobalOptions& options() const { return options_; }

 private:
  // Prints each discovery problem with `print`, once per run.
  bool print_library_problems(void (*print)(const std::string&));
  std::string executable_;
  GlobalOptions options_;
  std::optional<pack::Library> library_;
  bool problems_reported_ = false;
};

// The path of the running executable (for finding the built-in plugins and problems).
std::string executable_path(const char* argv0);

}  // namespace sdi::cli
