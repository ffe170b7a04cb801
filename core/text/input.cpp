#include "text/input.hpp"

#include <fmt/format.h>

#include "text/byte_census.hpp"
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
  // Binary content: a NUL byte anywhere, or more than 10% control characters in the sample.
  const ByteCensus census = take_census(bytes, kBinarySample);
  if (census.has_nul || census.controls * 10 > census.sampled) {
    return InputProblem{Kind::Binary, 0, 0, "binary file"};
  }
  const std::size_t bad = census.first_invalid;
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
