#pragma once
// The md4c walk behind parse_document(): Markdown body -> blocks with file line numbers.

#include <cstddef>
#include <string_view>
#include <vector>

#include "text/document.hpp"

namespace sdi::text {

// Parses source[body_offset, end) as Markdown. line_offsets are those of the whole source, so
// every line number is a file line. Blocks come back in document order with `section` unset.
std::vector<Block> parse_markdown_blocks(std::string_view source, std::size_t body_offset,
                                         const std::vector<std::size_t>& line_offsets);

// Numbers sections from the Heading blocks and sets each block's `section`.
std::vector<Section> build_sections(std::vector<Block>& blocks);

}  // namespace sdi::text
