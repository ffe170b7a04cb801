#pragma once
// The paths of a batch, kept in a byte arena's large chunks: a folder of 100,000 answers then costs
// its bytes and a span a path, not a string object and a heap block a path; nothing is copied as
// the list grows or sorts, so a batch's peak memory barely grows with the number of files.

#include <algorithm>
#include <deque>
#include <string_view>

#include "grade/byte_arena.hpp"

namespace sdi::cli {

class PathList {
 public:
  std::size_t size() const { return paths_.size(); }
  bool empty() const { return paths_.empty(); }
  std::string_view operator[](std::size_t i) const { return paths_[i]; }

  void push_back(std::string_view path) { paths_.push_back(bytes_.keep(path)); }
  void append(const PathList& other, std::size_t first, std::size_t last) {
    for (std::size_t i = first; i < last; ++i) push_back(other[i]);
  }

  // In byte order, as sorting the same paths as std::strings would put them.
  void sort() { std::sort(paths_.begin(), paths_.end()); }

 private:
  grade::ByteArena bytes_;
  // A deque grows by blocks, never copying what it holds.
  std::deque<std::string_view> paths_;
};

}  // namespace sdi::cli
