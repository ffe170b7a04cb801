#include "text/input.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "text/utf8.hpp"

namespace sdi::text {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::size_t kBinarySample = 64 * 1024;

std::string human_size(std::size_t bytes) {
  const double b = static_cast<double>(bytes);
  if (bytes < 1000) return fmt::format("{} bytes", bytes);
  if (b < 1e6) return fmt::format("{:.1f} KB", b / 1e3);
  if (b < 1e9) return fmt::format("{:.1f} MB", b / 1e6);
  return fmt::format("{:.1f} GB", b / 1e9);
}

std::string human_limit(std::size_t bytes) {
  constexpr std::size_t kKiB = 1024;
  constexpr std::size_t kMiB = kKiB * 1024;
  if (bytes >= kMiB && bytes % kMiB == 0) return fmt::format("{} MiB", bytes / kMiB);
  if (bytes >= kKiB && bytes % kKiB == 0) return fmt::format("{} KiB", bytes / kKiB);
  return fmt::format("{} bytes", bytes);
}

constexpr bool is_control(unsigned char c) {
  // Tab, LF, VT, FF, CR and ESC (terminal colours pasted into notes) are normal in text files.
  if (c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == 0x1B) return false;
  return c < 0x20 || c == 0x7F;
}

// is_control() without branches, so the compiler can test many bytes at once.
constexpr bool is_control_branchless(unsigned char c) {
  const bool tab_to_cr = static_cast<unsigned char>(c - '\t') <= '\r' - '\t';
  return (static_cast<unsigned>(c < 0x20) & static_cast<unsigned>(!tab_to_cr) &
          static_cast<unsigned>(c != 0x1B)) |
         static_cast<unsigned>(c == 0x7F);
}

constexpr bool same_for_every_byte() {
  for (int c = 0; c < 256; ++c)
    if (is_control(static_cast<unsigned char>(c)) !=
        is_control_branchless(static_cast<unsigned char>(c)))
      return false;
  return true;
}
static_assert(same_for_every_byte());

bool looks_binary(std::string_view bytes) {
  if (std::memchr(bytes.data(), '\0', bytes.size()) != nullptr) return true;
  // Every answer is sampled.
  const std::size_t n = std::min(bytes.size(), kBinarySample);
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t controls = 0;
  // A byte counter per 255 bytes keeps the vector lanes bytes wide.
  for (std::size_t i = 0; i < n;) {
    const std::size_t end = std::min(n, i + 255);
    unsigned char run = 0;
    for (; i < end; ++i) run = static_cast<unsigned char>(run + is_control_branchless(data[i]));
    controls += run;
  }
  return controls * 10 > n;
}

bool is_utf16(std::string_view bytes) {
  return bytes.size() >= 2 &&
         ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'));
}

struct Position {
  int line;
  int column;
};

// Line and code-point column of offset, with the same line ends as normalize_input().
Position position_of(std::string_view bytes, std::size_t offset) {
  std::size_t start = bytes.substr(0, kBom.size()) == kBom ? kBom.size() : 0;
  int line = 1;
  std::size_t line_start = start;
  for (std::size_t i = start; i < offset; ++i) {
    const char c = bytes[i];
    if (c == '\n' || (c == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n'))) {
      ++line;
      line_start = i + 1;
    }
  }
  int column = 1;
  for (std::size_t i = line_start; i < offset;) {
    i += utf8::decode(bytes, i).length;
    ++column;
  }
  return {line, column};
}

}  // namespace

std::optional<InputProblem> check_input(std::string_view bytes, std::size_t max_bytes) {
  using Kind = InputProblem::Kind;
  if (bytes.size() > max_bytes) {
    return InputProblem{Kind::TooLarge, 0, 0,
                        fmt::format("file is {}; answers are limited to {}",
                                    human_size(bytes.size()), human_limit(max_bytes))};
  }
  if (is_utf16(bytes)) {
    return InputProblem{Kind::InvalidUtf8, 0, 0, "file is UTF-16; answers must be UTF-8"};
  }
  if (looks_binary(bytes)) return InputProblem{Kind::Binary, 0, 0, "binary file"};
  const std::size_t bad = utf8::first_invalid(bytes);
  if (bad != std::string_view::npos) {
    const Position at = position_of(bytes, bad);
    return InputProblem{
        Kind::InvalidUtf8, at.line, at.column,
        fmt::format("invalid UTF-8 (byte 0x{:02X})", static_cast<unsigned char>(bytes[bad]))};
  }
  return std::nullopt;
}

std::string normalize_input(std::string bytes) {
  if (std::string_view(bytes).substr(0, kBom.size()) == kBom) bytes.erase(0, kBom.size());
  const std::size_t first_cr = bytes.find('\r');
  if (first_cr == std::string::npos) return bytes;
  std::size_t out = first_cr;
  for (std::size_t in = first_cr; in < bytes.size(); ++in) {
    if (bytes[in] == '\r') {
      bytes[out++] = '\n';
      if (in + 1 < bytes.size() && bytes[in + 1] == '\n') ++in;
    } else {
      bytes[out++] = bytes[in];
    }
  }
  bytes.resize(out);
  return bytes;
}

std::string describe(const InputProblem& problem, std::string_view path) {
  if (problem.line <= 0) return fmt::format("{}: {}", path, problem.message);
  return fmt::format("{}:{}:{}: {}", path, problem.line, problem.column, problem.message);
}

}  // namespace sdi::text
