#pragma once
// Expands the paths given to `sdi grade`: files as they are, folders recursively (*.md, sorted).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/path_list.hpp"

namespace sdi::cli {

struct InputList {
  PathList files;
  std::vector<std::string> problems;  // e.g. a folder with no answers in it
};

InputList collect_inputs(const std::vector<std::string>& paths);

// "K/N" -> {K, N} with 1 <= K <= N.
std::optional<std::pair<int, int>> parse_shard(const std::string& text);
// The K-th of N contiguous, nearly equal slices, so merging shards in order restores the input
// order.
PathList shard_slice(const PathList& files, int k, int n);

}  // namespace sdi::cli
