#pragma once
// `sdi pack lint`: everything that can be checked about a pack without grading an answer.

#include <string>
#include <vector>

#include "pack/library.hpp"
#include "pack/manifest.hpp"

namespace sdi::pack {

struct Finding {
  enum class Severity { Error, Warning };
  Severity severity = Severity::Error;
  std::string where;  // "file:line" or "file"
  std::string message;
  std::string text() const;  // "file:line: error: message"
};

// Lints one pack folder. The library supplies templates, the glossary and check plugins.
std::vector<Finding> lint_pack(const Library& library, const std::filesystem::path& dir);

}  // namespace sdi::pack
