#include "grade/estimate_cues.hpp"

namespace sdi::grade {

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
  char buf[40];
  std::size_t n = offset - from;
  for (std::size_t k = 0; k < n; ++k) {
    char c = text[from + k];
    buf[k] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  // One pass over the clause, trying the cues that start with each byte.
  std::string_view before(buf, n);
  for (std::size_t k = 0; k < n; ++k) {
    std::string_view rest = before.substr(k);
    switch (buf[k]) {
      case 'i':
        if (rest.starts_with("instead of")) return true;
        break;
      case 'r':
        if (rest.starts_with("rather than")) return true;
        break;
      case 'n':
        if (rest.starts_with("not ") || rest.starts_with("no longer")) return true;
        break;
      case 'u':
        if (rest.starts_with("unlike")) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

}  // namespace sdi::grade
