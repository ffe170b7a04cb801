#pragma once
// Expands the paths given to `sdi grade`: files as they are, folders recursively (*.md, sorted).

#include <string>
#include <vector>

namespace sdi::cli {

struct InputList {
  std::vector<std::string> files;
  std::vector<std::string> problems;  // e.g. a folder with no answers in it
};

InputList collect_inputs(const std::vector<std::string>& paths);

}  // namespace sdi::cli
