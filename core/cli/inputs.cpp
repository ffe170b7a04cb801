#include "cli/inputs.hpp"

#include <fmt/format.h>
#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <iterator>

#include "cli/folder_answers.hpp"

namespace sdi::cli {

std::optional<std::pair<int, int>> parse_shard(const std::string& text) {
  std::size_t slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  try {
    std::size_t used = 0;
    int k = std::stoi(text.substr(0, slash), &used);
    if (used != slash) return std::nullopt;
    std::string rest = text.substr(slash + 1);
    int n = std::stoi(rest, &used);
    if (used != rest.size() || n < 1 || k < 1 || k > n) return std::nullopt;
    return std::make_pair(k, n);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

PathList shard_slice(const PathList& files, int k, int n) {
  std::size_t total = files.size();
  std::size_t begin = total * static_cast<std::size_t>(k - 1) / static_cast<std::size_t>(n);
  std::size_t end = total * static_cast<std::size_t>(k) / static_cast<std::size_t>(n);
  PathList slice;
  slice.append(files, begin, end);
  return slice;
}

InputList collect_inputs(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  InputList out;
  for (const auto& p : paths) {
    std::error_code ec;
    // A quoted glob the shell did not expand ("answers/**/*.md" in CI YAML).
    if (!fs::exists(p, ec) && p.find_first_of("*?[") != std::string::npos) {
      glob_t g{};
      int rc = glob(p.c_str(), 0, nullptr, &g);
      std::vector<std::string> found;
      for (std::size_t i = 0; rc == 0 && i < g.gl_pathc; ++i) found.push_back(g.gl_pathv[i]);
      globfree(&g);
      if (found.empty()) out.problems.push_back(fmt::format("{}: no file matches this pattern", p));
      std::sort(found.begin(), found.end());
      for (const auto& f : found) {
        if (fs::is_directory(f, ec)) continue;
        out.files.push_back(f);
      }
      continue;
    }
    if (!fs::is_directory(p, ec)) {
      out.files.push_back(p);  // a missing or unreadable file is reported by the grader
      continue;
    }
    PathList found;
    const std::size_t problems_before = out.problems.size();
    add_folder_answers(p, found, out.problems);
    if (found.empty()) {
      // A folder that could not be read has said so already.
      if (out.problems.size() > problems_before) continue;
      out.problems.push_back(fmt::format("{}: folder holds no .md answers", p));
      continue;
    }
    found.sort();
    // Moved, not copied: a folder of 100,000 answers would otherwise hold its paths twice at once.
    if (out.files.empty()) {
      out.files = std::move(found);
    } else {
      out.files.append(found, 0, found.size());
    }
  }
  return out;
}

}  // namespace sdi::cli
