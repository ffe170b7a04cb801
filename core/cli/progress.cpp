#include "cli/progress.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace sdi::cli {

Progress::Progress(std::size_t total, bool enabled)
    : total_(total),
      enabled_(enabled && total > 1),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void Progress::step() {
  ++done_;
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(100) && done_ < total_) return;
  last_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  double rate = seconds > 0 ? done_ / seconds : 0;
  double eta = rate > 0 ? (total_ - done_) / rate : 0;
  int width = 30;
  int filled = static_cast<int>(width * done_ / total_);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(static_cast<std::size_t>(width), '.');
  std::fprintf(stderr, "\r[%s] %zu/%zu  %.0f files/s  ETA %.0fs ", bar.c_str(), done_, total_, rate,
               eta);
  std::fflush(stderr);
  shown_ = true;
}

void Progress::clear() {
  if (!shown_) return;
  std::fprintf(stderr, "\r%*s\r", 80, "");
  std::fflush(stderr);
  shown_ = false;
}

}  // namespace sdi::cli
