#include "cli/context.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "grade/reading_lua.hpp"
#include "pack/chunk_cache.hpp"

namespace sdi::cli {

void error(const std::string& message) {
  std::cerr << "sdi: " << message << '\n';
}
void warn(const std::string& message) {
  std::cerr << "sdi: warning: " << message << '\n';
}

std::string executable_path(const char* argv0) {
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) return self.string();
  return argv0;
}

Context::Context(const char* argv0, GlobalOptions options)
    : executable_(executable_path(argv0)), options_(std::move(options)) {
  pack::use_chunk_cache();
}

const pack::Library& Context::library() {
  if (!library_) {
    pack::SearchPath sp =
        pack::make_search_path(executable_, options_.pack_paths, std::getenv("SDI_PATH"));
    library_ = pack::Library::discover(sp);
    library_->set_check_plugin_natives(grade::push_reading_library);
  }
  return *library_;
}

bool Context::print_library_problems(void (*print)(const std::string&)) {
  const auto& problems = library().problems();
  if (!problems_reported_)
    for (const auto& p : problems) print(p);
  problems_reported_ = true;
  return !problems.empty();
}

bool Context::color_for(int fd) const {
  if (options_.color == "always") return true;
  if (options_.color == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string(term) == "dumb") return false;
  return isatty(fd) != 0;
}

}  // namespace sdi::cli
