#include "report/atomic_file.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <stdexcept>

namespace sdi::report {

namespace {

// Temporaries being written, for the signal handler: plain arrays, so removing them is
// async-signal-safe.
constexpr int kSlots = 16;
char pending_path[kSlots][4096];
volatile std::sig_atomic_t pending_used[kSlots];
std::mutex registry;
int armed = 0;
struct sigaction old_int, old_term;

extern "C" void remove_pending_and_die(int sig) {
  for (int i = 0; i < kSlots; ++i)
    if (pending_used[i]) unlink(pending_path[i]);
  signal(sig, SIG_DFL);
  raise(sig);
}

int take_slot(const std::string& tmp) {
  std::lock_guard lock(registry);
  if (tmp.size() >= sizeof pending_path[0]) return -1;
  for (int i = 0; i < kSlots; ++i) {
    if (pending_used[i]) continue;
    std::memcpy(pending_path[i], tmp.c_str(), tmp.size() + 1);
    pending_used[i] = 1;
    // The handlers in force before (the REPL's Ctrl-C) come back when the last slot is freed.
    if (armed++ == 0) {
      struct sigaction sa {};
      sa.sa_handler = remove_pending_and_die;
      sigemptyset(&sa.sa_mask);
      sigaction(SIGINT, &sa, &old_int);
      sigaction(SIGTERM, &sa, &old_term);
    }
    return i;
  }
  return -1;
}

void free_slot(int slot) {
  if (slot < 0) return;
  std::lock_guard lock(registry);
  pending_used[slot] = 0;
  if (--armed == 0) {
    sigaction(SIGINT, &old_int, nullptr);
    sigaction(SIGTERM, &old_term, nullptr);
  }
}

}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  namespace fs = std::filesystem;
  fs::path target(path_);
  std::error_code ec;
  if (fs::exists(target, ec) && !fs::is_regular_file(target, ec)) {
    file_ = std::fopen(path_.c_str(), "wb");
  } else {
    fs::path dir = target.has_parent_path() ? target.parent_path() : ".";
    fs::create_directories(dir, ec);
    tmp_ = (dir / ("." + target.filename().string() + ".tmp." + std::to_string(getpid()))).string();
    slot_ = take_slot(tmp_);
    file_ = std::fopen(tmp_.c_str(), "wb");
  }
  if (file_ == nullptr) {
    free_slot(slot_);
    throw std::runtime_error(fmt::format("{}: cannot be written", path_));
  }
}

AtomicFile::~AtomicFile() {
  if (file_ != nullptr) {
    std::fclose(file_);
    if (!tmp_.empty()) std::remove(tmp_.c_str());
  }
  free_slot(slot_);
}

void AtomicFile::write(std::string_view text) {
  if (file_ != nullptr && std::fwrite(text.data(), 1, text.size(), file_) != text.size())
    ok_ = false;
}

void AtomicFile::commit() {
  bool ok = ok_ && std::fflush(file_) == 0;
  if (!tmp_.empty()) ok = fsync(fileno(file_)) == 0 && ok;
  ok = std::fclose(file_) == 0 && ok;
  file_ = nullptr;
  if (!tmp_.empty() && (!ok || std::rename(tmp_.c_str(), path_.c_str()) != 0)) {
    std::remove(tmp_.c_str());
    ok = false;
  }
  free_slot(slot_);
  slot_ = -1;
  if (!ok) throw std::runtime_error(fmt::format("{}: cannot be written", path_));
}

void write_atomically(const std::string& path, const std::string& content) {
  AtomicFile f(path);
  f.write(content);
  f.commit();
}

}  // namespace sdi::report
