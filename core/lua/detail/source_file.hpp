#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace sdi::lua::detail {

// Reads a Lua source file as Lua's own loader would see it: a UTF-8 byte order mark is dropped
// and a first line starting with '#' is blanked (its newline kept, so line numbers hold).
// Returns nothing when the file cannot be read; files above `max_bytes` are not read at all and
// set `too_large`.
std::optional<std::string> read_source_file(const std::filesystem::path& file,
                                            std::size_t max_bytes, bool& too_large);

}  // namespace sdi::lua::detail
