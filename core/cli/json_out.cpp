#include "cli/json_out.hpp"

#include "report/lua_values.hpp"

namespace sdi::cli {

std::string json_string(std::string_view s) {
  return report::json_quote(s);
}

std::string json_string_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + json_string(items[i]);
  return out + "]";
}

}  // namespace sdi::cli
