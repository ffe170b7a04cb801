#pragma once
// TOML front matter between "+++" lines at the very top of an answer.

#include <toml++/toml.h>

#include <cstddef>
#include <optional>
#include <string_view>

namespace sdi::text {

struct FrontMatter {
  std::optional<toml::table> table;  // absent when the answer does not open with "+++"
  std::size_t body_offset = 0;       // first byte after the closing "+++" line
  int body_line = 1;                 // file line of body_offset
};

// The first line must be "+++" and a later line "+++" closes the block (trailing spaces or tabs
// are tolerated on both). Expects normalised text (LF line ends, no byte order mark). Throws
// ParseError at the file's line and column for TOML syntax errors, and at line 1 when the block is
// never closed.
FrontMatter split_front_matter(std::string_view source);

}  // namespace sdi::text
