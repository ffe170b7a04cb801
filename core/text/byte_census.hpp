#pragma once
// What check_input() needs to know about an answer's raw bytes, found in one pass over them:
// whether any is NUL, how many control characters the sample at the start holds, and where the
// first ill-formed UTF-8 sequence starts. Answers are mostly ASCII text with no control byte, so
// the pass tests sixteen bytes at a time and looks closer only at blocks with a byte above 0x7F.

#include <cstddef>
#include <string_view>

namespace sdi::text {

struct ByteCensus {
  bool has_nul = false;
  std::size_t sampled = 0;   // bytes at the start whose control characters were counted
  std::size_t controls = 0;  // control characters among them (tab, line ends and ESC are not)
  std::size_t first_invalid = std::string_view::npos;  // as utf8::first_invalid()
};

ByteCensus take_census(std::string_view bytes, std::size_t sample);

// Whether `c` counts as a control character: tab, LF, VT, FF, CR and ESC (terminal colours
// pasted into notes) are normal in text files.
constexpr bool is_control_byte(unsigned char c) {
  if (c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == 0x1B) return false;
  return c < 0x20 || c == 0x7F;
}

}  // namespace sdi::text
