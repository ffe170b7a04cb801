#pragma once
// The paths of a batch, kept in large chunks: a folder of 100,000 answers then costs its bytes
// and a span a path, not a string object and a heap block a path; nothing is copied as the list
// grows or sorts, so a batch's peak memory barely grows with the number of files.

#include <algorithm>
#include <cstring>
#include <deque>
#include <memory>
#include <string_view>
#include <vector>

namespace sdi::cli {

class PathList {
 public:
  std::size_t size() const { return paths_.size(); }
  bool empty() const { return paths_.empty(); }
  std::string_view operator[](std::size_t i) const { return paths_[i]; }

  void push_back(std::string_view path) { paths_.push_back(keep(path)); }
  void append(const PathList& other, std::size_t first, std::size_t last) {
    for (std::size_t i = first; i < last; ++i) push_back(other[i]);
  }

  // In byte order, as sorting the same paths as std::strings would put them.
  void sort() { std::sort(paths_.begin(), paths_.end()); }

 private:
  static constexpr std::size_t kChunk = 64 * 1024;

  // A copy of `path` that stays where it is for as long as the list lives.
  std::string_view keep(std::string_view path) {
    if (path.size() > room_) {
      // A path longer than a chunk gets a chunk of its own size.
      room_ = std::max(kChunk, path.size());
      chunks_.push_back(std::make_unique_for_overwrite<char[]>(room_));
      next_ = chunks_.back().get();
    }
    char* at = next_;
    if (!path.empty()) std::memcpy(at, path.data(), path.size());
    next_ += path.size();
    room_ -= path.size();
    return {at, path.size()};
  }

  std::vector<std::unique_ptr<char[]>> chunks_;
  char* next_ = nullptr;  // where the next path goes in chunks_.back()
  std::size_t room_ = 0;  // bytes left there
  // A deque grows by blocks, never copying what it holds.
  std::deque<std::string_view> paths_;
};

}  // namespace sdi::cli
