#include "lua/detail/source_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace sdi::lua::detail {

namespace {

// Closes the descriptor on every way out.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::optional<std::string> read_source_file(const std::filesystem::path& file,
                                            std::size_t max_bytes, bool& too_large) {
  too_large = false;
  // One read of the known size rather than a stream read byte by byte: every cold start loads
  // several of these files. O_NONBLOCK so that opening a FIFO cannot hang before it is refused.
  Fd f{::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
  if (f.fd < 0) return std::nullopt;
  struct stat st {};
  if (::fstat(f.fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 0) return std::nullopt;
  const auto size = static_cast<std::size_t>(st.st_size);
  if (max_bytes != 0 && size > max_bytes) {
    too_large = true;
    return std::nullopt;
  }
  // One byte more than the size, so a file that grew since is still read to its end.
  std::string text(size + 1, '\0');
  std::size_t got = 0;
  while (true) {
    if (got == text.size()) text.resize(text.size() * 2);
    const ssize_t n = ::read(f.fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return std::nullopt;
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  text.resize(got);
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  if (!text.empty() && text[0] == '#') {
    const auto line_end = text.find('\n');
    text.erase(0, line_end == std::string::npos ? text.size() : line_end);
  }
  return text;
}

}  // namespace sdi::lua::detail
