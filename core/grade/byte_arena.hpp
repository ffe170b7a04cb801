#pragma once
// Bytes that never move or get freed while the arena lives: word tables and token lists keep
// string_views into it. Copies go into large chunks, so keeping a word allocates nothing most of
// the time.

#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace sdi::grade {

class ByteArena {
 public:
  // A copy of `s` that stays put.
  std::string_view keep(std::string_view s) {
    if (s.size() > kChunk) {
      // A word larger than a chunk gets one of its own.
      large_.push_back(std::make_unique_for_overwrite<char[]>(s.size()));
      std::memcpy(large_.back().get(), s.data(), s.size());
      return {large_.back().get(), s.size()};
    }
    if (chunks_.empty() || s.size() > kChunk - used_) {
      chunks_.push_back(std::make_unique_for_overwrite<char[]>(kChunk));
      used_ = 0;
    }
    char* p = chunks_.back().get() + used_;
    if (!s.empty()) std::memcpy(p, s.data(), s.size());
    used_ += s.size();
    return {p, s.size()};
  }

 private:
  static constexpr std::size_t kChunk = 64 * 1024;
  std::vector<std::unique_ptr<char[]>> chunks_;
  std::vector<std::unique_ptr<char[]>> large_;
  std::size_t used_ = 0;  // in chunks_.back()
};

}  // namespace sdi::grade
