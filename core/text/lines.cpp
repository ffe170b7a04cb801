#include "text/lines.hpp"

#include <algorithm>
#include <cstring>

namespace sdi::text {

std::vector<std::size_t> line_starts(std::string_view text) {
  std::vector<std::size_t> starts;
  starts.reserve(text.size() / 40 + 1);
  starts.push_back(0);
  const char* begin = text.data();
  const char* end = begin + text.size();
  for (const char* p = begin; p < end;) {
    const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (nl == nullptr) break;
    p = static_cast<const char*>(nl) + 1;
    if (p < end) starts.push_back(static_cast<std::size_t>(p - begin));
  }
  return starts;
}

int line_of_offset(const std::vector<std::size_t>& starts, std::size_t offset) {
  const auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  return static_cast<int>(it - starts.begin());
}

}  // namespace sdi::text
