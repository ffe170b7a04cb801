#pragma once
// A cache on disk for what the engine derives from plugin files at every start (the parsed
// glossary, the compiled concept index), so a cold `sdi grade` need not redo it.
//
// An entry is trusted only when it is whole and was written for the same key: the identity of
// the running executable and of every source file (path, size, times, inode), all of which a
// caller puts in the key. Anything else (a missing, truncated, corrupt or foreign file, an
// unwritable folder) reads as a miss, and the caller computes the data as if there were no
// cache. Entries live in $XDG_CACHE_HOME/sdi (or ~/.cache/sdi), at most 512 of them: past that,
// the first write of a process removes the oldest written.

#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sdi::pack::cache {

// The folder entries live in, or empty when neither XDG_CACHE_HOME nor HOME names an absolute
// folder (the cache is then off).
std::filesystem::path directory();

// Releases a mapped entry file.
struct Unmap {
  std::size_t size = 0;
  void operator()(char* p) const;
};

// An entry read whole.
class Entry {
 public:
  std::string_view payload() const { return payload_; }

 private:
  friend std::optional<Entry> read(const std::string& name, std::string_view key);
  // The entry's file, read into memory or (when large) mapped: a mapping shares the page
  // cache's pages, where a copy would fault in fresh ones for as long as the entry is kept.
  std::unique_ptr<char[]> bytes_;
  std::unique_ptr<char, Unmap> mapped_;
  std::string_view payload_;
};

// Entry `name` when it is intact and was written for `key`.
std::optional<Entry> read(const std::string& name, std::string_view key);
// Stores a payload; failures are ignored (the next run recomputes). Atomic: readers see the old
// entry or the new one, never a mix.
void write(const std::string& name, std::string_view key, std::string_view payload);

// What a cached result depends on besides its inputs: the engine build (the executable's own
// identity) and the entry layout.
const std::string& engine_key();
// A file's identity for a key: path, size, modification and change times, inode and device.
// nullopt when it cannot be read, or when it changed within the settle time: file times are
// coarse, so a file rewritten again within the same tick (same size, same inode) would keep its
// identity, and only a file that has been still for a while is known by it.
std::optional<std::string> file_key(const std::filesystem::path& file);
// Two seconds unless a test shortens it.
void set_settle_time(std::chrono::nanoseconds t);
// How many entries the folder keeps: past it, the first write of a process removes the oldest
// written. 512 unless a test lowers it (which also lets the next write prune again).
void set_entry_limit(std::size_t entries);
// A short stable file name for the entry of one kind derived from `text` (e.g. a folder's path)
// by this executable.
std::string name_for(std::string_view kind, std::string_view text);

// Appends fields to a payload.
class Writer {
 public:
  void u32(std::uint32_t v);
  void f64(double v);
  void str(std::string_view s);
  void strings(const std::vector<std::string>& list);
  std::string& data() { return out_; }

 private:
  std::string out_;
};

// Reads fields back; every read is bounds-checked, and after the first failure ok() is false
// and every further read returns an empty value.
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  // Inline: the concept forms read thousands of these at every start.
  std::uint32_t u32() {
    if (!ok_ || data_.size() - pos_ < 4) {
      ok_ = false;
      return 0;
    }
    std::uint32_t v;
    std::memcpy(&v, data_.data() + pos_, 4);
    pos_ += 4;
    return v;
  }
  double f64();
  std::string str();
  std::vector<std::string> strings();
  // The same list as views into the payload, which must outlive them.
  std::vector<std::string_view> views();
  // Steps over a string or a list without copying it.
  void skip_str();
  void skip_strings();
  bool ok() const { return ok_; }
  // Marks the payload damaged (e.g. a count larger than what is left could hold).
  void fail() { ok_ = false; }
  std::size_t remaining() const { return ok_ ? data_.size() - pos_ : 0; }
  bool at_end() const { return ok_ && pos_ == data_.size(); }

 private:
  bool take(std::size_t n);
  template <typename Text>
  std::vector<Text> list();
  std::string_view data_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace sdi::pack::cache
