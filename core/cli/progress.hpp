#pragma once
// A progress line on stderr (files done, rate, ETA), only when stderr is a terminal outside CI.

#include <chrono>
#include <cstddef>

namespace sdi::cli {

class Progress {
 public:
  Progress(std::size_t total, bool enabled);
  void step();
  void clear();

 private:
  std::size_t total_;
  std::size_t done_ = 0;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace sdi::cli
