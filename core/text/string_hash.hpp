#pragma once
// A hash for maps keyed by std::string that can be searched with a string_view, without making a
// std::string for each lookup (use with std::equal_to<>).

#include <functional>
#include <string_view>

namespace sdi::text {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace sdi::text
