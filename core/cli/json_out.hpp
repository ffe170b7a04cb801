#pragma once
// Small JSON writing helpers for the commands that print JSON directly (list, show).

#include <string>
#include <string_view>
#include <vector>

namespace sdi::cli {

std::string json_string(std::string_view s);
std::string json_string_list(const std::vector<std::string>& items);

}  // namespace sdi::cli
