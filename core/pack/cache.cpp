#include "pack/cache.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <utility>
#include <vector>

namespace sdi::pack::cache {

namespace fs = std::filesystem;

namespace {

// Bumped whenever the layout of an entry or of any payload changes.
constexpr std::uint32_t kLayout = 2;
constexpr char kMagic[8] = {'s', 'd', 'i', 'c', 'a', 'c', 'h', 'e'};
// magic, layout, key length, payload length, checksum
constexpr std::size_t kHeader = sizeof kMagic + 4 + 8 + 8 + 8;
// Entries are small (the glossary is a few hundred KB); anything larger is not ours.
constexpr std::uint64_t kMaxEntry = std::uint64_t{64} << 20;
// Entries from this size on are mapped rather than read: below it, the two system calls of a
// mapping cost more than the copy and the page faults they spare.
constexpr std::size_t kMapFrom = 32 * 1024;

// Detects torn and damaged files (not tampering: whoever can write the cache can write the
// plugins it is derived from). Four independent lanes of eight bytes, folded at the end: a cold
// start checks a few hundred kilobytes of entries, so the loop is kept to a few instructions per
// 32 bytes.
std::uint64_t checksum(std::string_view a, std::string_view b) {
  constexpr std::uint64_t kMul = 0xff51afd7ed558ccdULL;
  auto mix = [](std::uint64_t h, std::uint64_t w) {
    h = (h ^ w) * kMul;
    return h ^ (h >> 29);
  };
  auto word = [](const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
  };
  std::uint64_t h0 = 0x9e3779b97f4a7c15ULL, h1 = 0xc2b2ae3d27d4eb4fULL;
  std::uint64_t h2 = 0x165667b19e3779f9ULL, h3 = 0x27d4eb2f165667c5ULL;
  for (std::string_view s : {a, b}) {
    const char* p = s.data();
    std::size_t i = 0;
    for (; i + 32 <= s.size(); i += 32) {
      h0 = mix(h0, word(p + i));
      h1 = mix(h1, word(p + i + 8));
      h2 = mix(h2, word(p + i + 16));
      h3 = mix(h3, word(p + i + 24));
    }
    for (; i + 8 <= s.size(); i += 8) h0 = mix(h0, word(p + i));
    std::uint64_t tail = 0;
    if (i < s.size()) std::memcpy(&tail, p + i, s.size() - i);
    h1 = mix(h1, tail);
    h2 = mix(h2, static_cast<std::uint64_t>(s.size()));
  }
  return mix(mix(mix(h0, h1), h2), h3);
}

void put_u64(std::string& out, std::uint64_t v) {
  char b[8];
  std::memcpy(b, &v, 8);
  out.append(b, 8);
}

std::uint64_t get_u64(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

std::string stat_key(const struct stat& st) {
  return fmt::format("{}:{}:{}:{}.{}:{}.{}", st.st_dev, st.st_ino, st.st_size, st.st_mtim.tv_sec,
                     st.st_mtim.tv_nsec, st.st_ctim.tv_sec, st.st_ctim.tv_nsec);
}

std::atomic<std::int64_t> settle_ns{2'000'000'000};
std::atomic<std::size_t> entry_limit{512};
std::atomic<bool> pruned{false};

// Keeps the folder bounded: entries named after folders and builds that are gone (temporary pack
// folders, old builds) would otherwise pile up forever. Oldest written first, down to three
// quarters of the limit so that the next writes need not prune again. Only the first write of a
// process looks (a warm start writes nothing); another process reading an entry removed here
// just sees a miss and rebuilds it.
void prune(const fs::path& dir) {
  if (pruned.exchange(true)) return;
  std::vector<std::pair<fs::file_time_type, fs::path>> entries;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.empty() || name[0] == '.') continue;  // a writer's temporary
    std::error_code time_ec;
    const auto written = e.last_write_time(time_ec);
    if (!time_ec) entries.emplace_back(written, e.path());
  }
  const std::size_t limit = entry_limit.load();
  if (entries.size() <= limit) return;
  std::sort(entries.begin(), entries.end());
  const std::size_t keep = limit - limit / 4;
  for (std::size_t i = 0; i + keep < entries.size(); ++i) fs::remove(entries[i].second, ec);
}

struct Engine {
  std::string path;
  std::string key;
};

const Engine& engine() {
  static const Engine e = [] {
    Engine out;
    std::error_code ec;
    out.path = fs::read_symlink("/proc/self/exe", ec).string();
    struct stat st {};
    // A rebuilt engine may parse or compile differently, so nothing it did not write is used.
    if (out.path.empty() || ::stat(out.path.c_str(), &st) != 0) {
      out.path.clear();  // an engine that cannot tell its own build apart uses no cache
      return out;
    }
    std::string id = stat_key(st);
    out.key = fmt::format("engine {} layout {} exe {} {}\n", SDI_VERSION, kLayout, out.path, id);
    return out;
  }();
  return e;
}

fs::path absolute_dir(const char* value) {
  if (value == nullptr || *value != '/') return {};
  return fs::path(value);
}

}  // namespace

fs::path directory() {
  if (engine().path.empty()) return {};
  // A start reads a dozen entries: the folder is worked out again only when the variables it
  // comes from changed (tests point them elsewhere).
  struct Memo {
    std::string xdg, home;
    fs::path dir;
    bool known = false;
  };
  thread_local Memo memo;
  const char* xdg_value = std::getenv("XDG_CACHE_HOME");
  const char* home_value = std::getenv("HOME");
  const std::string_view xdg_text = xdg_value != nullptr ? xdg_value : "";
  const std::string_view home_text = home_value != nullptr ? home_value : "";
  if (memo.known && memo.xdg == xdg_text && memo.home == home_text) return memo.dir;
  fs::path dir;
  if (fs::path xdg = absolute_dir(xdg_value); !xdg.empty()) {
    dir = xdg / "sdi";
  } else if (fs::path home = absolute_dir(home_value); !home.empty()) {
    dir = home / ".cache" / "sdi";
  }
  memo = {std::string(xdg_text), std::string(home_text), dir, true};
  return dir;
}

void Unmap::operator()(char* p) const {
  ::munmap(p, size);
}

std::optional<Entry> read(const std::string& name, std::string_view key) {
  fs::path dir = directory();
  if (dir.empty()) return std::nullopt;
  const std::string file = dir.native() + '/' + name;
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0 &&
            static_cast<std::uint64_t>(st.st_size) >= kHeader &&
            static_cast<std::uint64_t>(st.st_size) <= kMaxEntry;
  std::size_t size = ok ? static_cast<std::size_t>(st.st_size) : 0;
  Entry e;
  const char* data = nullptr;
  std::size_t got = 0;
  if (ok && size >= kMapFrom) {
    // Entries are replaced by renaming a new file over them, never rewritten in place, so a
    // mapped file keeps its size while it is mapped.
    void* m = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (m != MAP_FAILED) {
      e.mapped_ = std::unique_ptr<char, Unmap>(static_cast<char*>(m), Unmap{size});
      data = e.mapped_.get();
      got = size;
    }
  }
  if (ok && data == nullptr) {
    // Not a std::string: zeroing a buffer that read() fills anyway is measurable at start-up.
    e.bytes_.reset(new char[size]);
    while (got < size) {
      ssize_t n = ::read(fd, e.bytes_.get() + got, size - got);
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    data = e.bytes_.get();
  }
  ::close(fd);
  if (!ok || got != size || std::memcmp(data, kMagic, sizeof kMagic) != 0) return std::nullopt;
  const char* p = data + sizeof kMagic;
  std::uint32_t layout;
  std::memcpy(&layout, p, 4);
  std::uint64_t key_len = get_u64(p + 4);
  std::uint64_t payload_len = get_u64(p + 12);
  std::uint64_t sum = get_u64(p + 20);
  if (layout != kLayout || key_len > size || payload_len > size ||
      kHeader + key_len + payload_len != size)
    return std::nullopt;
  std::string_view stored_key(data + kHeader, key_len);
  std::string_view payload(data + kHeader + key_len, payload_len);
  if (stored_key != key || checksum(stored_key, payload) != sum) return std::nullopt;
  e.payload_ = payload;
  return e;
}

void write(const std::string& name, std::string_view key, std::string_view payload) {
  fs::path dir = directory();
  if (dir.empty()) return;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return;
  std::string bytes(kMagic, sizeof kMagic);
  char layout[4];
  std::memcpy(layout, &kLayout, 4);
  bytes.append(layout, 4);
  put_u64(bytes, key.size());
  put_u64(bytes, payload.size());
  put_u64(bytes, checksum(key, payload));
  bytes.append(key);
  bytes.append(payload);
  // Unique per process and per call, so concurrent writers (other processes, other workers of
  // this one) never share a temporary.
  static std::atomic<unsigned> serial{0};
  fs::path tmp = dir / fmt::format(".{}.{}.{}.tmp", name, ::getpid(), serial.fetch_add(1));
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return;
  std::size_t put = 0;
  while (put < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + put, bytes.size() - put);
    if (n <= 0) break;
    put += static_cast<std::size_t>(n);
  }
  bool ok = ::close(fd) == 0 && put == bytes.size();
  if (!ok || std::rename(tmp.c_str(), (dir / name).c_str()) != 0) {
    ::unlink(tmp.c_str());
    return;
  }
  prune(dir);
}

const std::string& engine_key() {
  return engine().key;
}

std::string name_for(std::string_view kind, std::string_view text) {
  // Named after the executable's path, not its identity, so a rebuild replaces its entries
  // rather than adding to them, while two builds (release, sanitizer, tests) keep their own.
  return fmt::format("{}-{:016x}", kind, checksum(engine().path, text));
}

std::optional<std::string> file_key(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return std::nullopt;
  struct timespec now {};
  ::clock_gettime(CLOCK_REALTIME, &now);
  auto ns = [](const struct timespec& t) {
    return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
  };
  // A time in the future (a skewed clock) is as unsettled as a recent one.
  if (std::max(ns(st.st_mtim), ns(st.st_ctim)) > ns(now) - settle_ns.load()) return std::nullopt;
  return file.string() + '\n' + stat_key(st) + '\n';
}

void set_entry_limit(std::size_t entries) {
  entry_limit = entries;
  pruned = false;
}

void set_settle_time(std::chrono::nanoseconds t) {
  settle_ns = t.count();
}

void Writer::u32(std::uint32_t v) {
  char b[4];
  std::memcpy(b, &v, 4);
  out_.append(b, 4);
}

void Writer::f64(double v) {
  char b[8];
  std::memcpy(b, &v, 8);
  out_.append(b, 8);
}

void Writer::str(std::string_view s) {
  u32(static_cast<std::uint32_t>(s.size()));
  out_.append(s);
}

void Writer::strings(const std::vector<std::string>& list) {
  u32(static_cast<std::uint32_t>(list.size()));
  for (const auto& s : list) str(s);
}

bool Reader::take(std::size_t n) {
  if (!ok_ || n > data_.size() - pos_) {
    ok_ = false;
    return false;
  }
  return true;
}

double Reader::f64() {
  if (!take(8)) return 0;
  double v;
  std::memcpy(&v, data_.data() + pos_, 8);
  pos_ += 8;
  return v;
}

std::string Reader::str() {
  std::uint32_t n = u32();
  if (!take(n)) return {};
  std::string s(data_.data() + pos_, n);
  pos_ += n;
  return s;
}

template <typename Text>
std::vector<Text> Reader::list() {
  std::uint32_t n = u32();
  std::vector<Text> out;
  // Each string takes at least four bytes, so a damaged count cannot reserve a huge vector.
  if (!take(std::size_t{n} * 4)) return out;
  out.reserve(n);
  // Built in place, one bounds check per string: the glossary and the concept forms hold
  // thousands of short lists, read at every start.
  for (std::uint32_t i = 0; i < n; ++i) {
    if (data_.size() - pos_ < 4) {
      ok_ = false;
      break;
    }
    std::uint32_t len;
    std::memcpy(&len, data_.data() + pos_, 4);
    pos_ += 4;
    if (len > data_.size() - pos_) {
      ok_ = false;
      break;
    }
    out.emplace_back(data_.data() + pos_, len);
    pos_ += len;
  }
  if (!ok_) out.clear();
  return out;
}

void Reader::skip_str() {
  std::uint32_t n = u32();
  if (take(n)) pos_ += n;
}

void Reader::skip_strings() {
  std::uint32_t n = u32();
  // Each string takes at least four bytes, as in list().
  if (!take(std::size_t{n} * 4)) return;
  for (std::uint32_t i = 0; i < n && ok_; ++i) skip_str();
}

std::vector<std::string> Reader::strings() {
  return list<std::string>();
}

std::vector<std::string_view> Reader::views() {
  return list<std::string_view>();
}

}  // namespace sdi::pack::cache
