#pragma once
// A private cache folder (XDG_CACHE_HOME) for the duration of a test, restored afterwards.

#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "../scratch_dir.hpp"
#include "pack/cache.hpp"

namespace sdi::test {

class EnvVar {
 public:
  EnvVar(const char* name, const char* value) : name_(name) {
    if (const char* old = getenv(name)) old_ = old;
    if (value != nullptr) {
      setenv(name, value, 1);
    } else {
      unsetenv(name);
    }
  }
  ~EnvVar() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  EnvVar(const EnvVar&) = delete;
  EnvVar& operator=(const EnvVar&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// Files a test has just written count as settled while it lives.
class NoSettleTime {
 public:
  NoSettleTime() { pack::cache::set_settle_time(std::chrono::nanoseconds(0)); }
  ~NoSettleTime() { pack::cache::set_settle_time(std::chrono::seconds(2)); }
  NoSettleTime(const NoSettleTime&) = delete;
  NoSettleTime& operator=(const NoSettleTime&) = delete;
};

// Points the cache at a fresh folder.
struct ScratchCache {
  ScratchDir dir;
  EnvVar xdg{"XDG_CACHE_HOME", dir.path().c_str()};
  NoSettleTime settle;
  std::filesystem::path folder() const { return dir.path() / "sdi"; }
};

}  // namespace sdi::test
