#pragma once
// A report file written atomically: text goes to a temporary beside the target as it comes,
// and commit() renames it into place. Until then the previous file stays whole; if the process
// is interrupted (SIGINT, SIGTERM) or the run fails, the temporary is removed. Devices and pipes
// (/dev/stdout, a fifo) are written in place, since renaming over them would replace them.

#include <cstdio>
#include <string>
#include <string_view>

namespace sdi::report {

class AtomicFile {
 public:
  // Throws std::runtime_error naming the path when it cannot be created.
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view text);
  // Flushes, syncs and renames into place; throws std::runtime_error naming the path.
  void commit();

 private:
  std::string path_;
  std::string tmp_;  // empty when writing in place
  std::FILE* file_ = nullptr;
  int slot_ = -1;  // in the table of temporaries a signal removes
  bool ok_ = true;
};

// Writes `content` to `path` through an AtomicFile.
void write_atomically(const std::string& path, const std::string& content);

}  // namespace sdi::report
