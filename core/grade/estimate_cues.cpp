#include "grade/estimate_cues.hpp"

namespace sdi::grade {

namespace {

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Whether the lowercase `cue` stands at `at` in `text`, in any case, ending by `end`. Its first
// byte is known to match.
bool cue_at(std::string_view text, std::size_t at, std::size_t end, std::string_view cue) {
  if (end - at < cue.size()) return false;
  for (std::size_t k = 1; k < cue.size(); ++k)
    if (lower(text[at + k]) != cue[k]) return false;
  return true;
}

}  // namespace

bool set_aside_by_cue(std::string_view text, std::size_t offset) {
  // Up to 40 bytes before the figure, in the clause the figure is in.
  std::size_t from = offset > 40 ? offset - 40 : 0;
  for (std::size_t k = offset; k > from; --k) {
    char c = text[k - 1];
    if (c == ',' || c == ';' || c == ':') {
      from = k;
      break;
    }
  }
  // One pass over the clause, read in place: only the bytes that start a cue are looked at
  // further (setting bit 5 lowercases a letter and turns no other byte into one).
  for (std::size_t k = from; k < offset; ++k) {
    switch (static_cast<char>(text[k] | 0x20)) {
      case 'i':
        if (cue_at(text, k, offset, "instead of")) return true;
        break;
      case 'r':
        if (cue_at(text, k, offset, "rather than")) return true;
        break;
      case 'n':
        if (cue_at(text, k, offset, "not ") || cue_at(text, k, offset, "no longer")) return true;
        break;
      case 'u':
        if (cue_at(text, k, offset, "unlike")) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

}  // namespace sdi::grade
