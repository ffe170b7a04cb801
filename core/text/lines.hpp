#pragma once
// Byte offsets of line starts, and the line holding a byte.

#include <cstddef>
#include <string_view>
#include <vector>

namespace sdi::text {

// Offset of the first byte of each line; lines end at '\n'. A final '\n' does not open a new,
// empty line; an empty text has one empty line.
std::vector<std::size_t> line_starts(std::string_view text);

// 1-based line holding the byte at offset (offsets past the end belong to the last line).
int line_of_offset(const std::vector<std::size_t>& starts, std::size_t offset);

}  // namespace sdi::text
