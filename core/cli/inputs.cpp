#include "cli/inputs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace sdi::cli {

InputList collect_inputs(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  InputList out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (!fs::is_directory(p, ec)) {
      out.files.push_back(p);  // a missing or unreadable file is reported by the grader
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec) && it->path().extension() == ".md") found.push_back(it->path().string());
    }
    if (found.empty()) {
      out.problems.push_back(fmt::format("{}: folder holds no .md answers", p));
      continue;
    }
    std::sort(found.begin(), found.end());
    out.files.insert(out.files.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace sdi::cli
