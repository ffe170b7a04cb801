#pragma once
// Helpers for the text module's tests: fixture files, and an independent way to find a line.

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "text/document.hpp"

namespace sdi::text::testing {

inline std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(SDI_FIXTURES) + "/text/" + name, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "missing fixture " << name);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// 1-based number of the first line of `text` containing `needle`, counted without the parser.
inline int line_containing(std::string_view text, std::string_view needle) {
  int line = 1;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (text.substr(start, end - start).find(needle) != std::string_view::npos) return line;
    if (end == text.size()) break;
    start = end + 1;
    ++line;
  }
  FAIL("no line contains " << needle);
  return 0;
}

// The first block whose text contains `needle`.
inline const Block& block_containing(const Document& doc, std::string_view needle) {
  for (const Block& block : doc.blocks) {
    if (block.text.find(needle) != std::string::npos) return block;
  }
  FAIL("no block contains " << needle);
  return doc.blocks.front();
}

}  // namespace sdi::text::testing
