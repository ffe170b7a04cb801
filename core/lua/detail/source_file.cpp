#include "lua/detail/source_file.hpp"

#include <fstream>
#include <iterator>
#include <system_error>

namespace sdi::lua::detail {

std::optional<std::string> read_source_file(const std::filesystem::path& file,
                                            std::size_t max_bytes, bool& too_large) {
  too_large = false;
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) return std::nullopt;
  const auto size = std::filesystem::file_size(file, error);
  if (error) return std::nullopt;
  if (max_bytes != 0 && size > max_bytes) {
    too_large = true;
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  if (!text.empty() && text[0] == '#') {
    const auto line_end = text.find('\n');
    text.erase(0, line_end == std::string::npos ? text.size() : line_end);
  }
  return text;
}

}  // namespace sdi::lua::detail
