#pragma once
// Checks an answer file's raw bytes before parsing, and normalises what is accepted.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sdi::text {

inline constexpr std::size_t kDefaultMaxInputBytes = std::size_t{4} << 20;  // 4 MiB

struct InputProblem {
  enum class Kind { TooLarge, Binary, InvalidUtf8 };
  Kind kind;
  int line;    // 1-based; 0 when the problem concerns the whole file
  int column;  // 1-based, counted in code points; 0 with line 0
  std::string message;
};

// Rejects, in this order: files over max_bytes ("file is 50.0 MB; answers are limited to 4 MiB"),
// binary content (a NUL byte, or more than 10% control characters in the first 64 KiB), UTF-16
// files, and ill-formed UTF-8 (at the line and column of the first bad byte). Lines are counted the
// way normalize_input() will split them (LF, CRLF or a lone CR each end one line); a leading UTF-8
// byte order mark is accepted and does not count as a column.
std::optional<InputProblem> check_input(std::string_view bytes,
                                        std::size_t max_bytes = kDefaultMaxInputBytes);

// Strips a leading UTF-8 byte order mark and turns CRLF and lone CR line ends into LF. Every line
// end stays exactly one line end, so line numbers mean the same before and after.
std::string normalize_input(std::string bytes);

// "PATH:LINE:COLUMN: message", or "PATH: message" for whole-file problems.
std::string describe(const InputProblem& problem, std::string_view path);

}  // namespace sdi::text
