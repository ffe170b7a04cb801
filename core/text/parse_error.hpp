#pragma once
// The one error parse_document() throws: unreadable front matter, located in the file.

#include <exception>
#include <string>
#include <utility>

namespace sdi::text {

struct ParseError : std::exception {
  int line;    // 1-based line in the answer file
  int column;  // 1-based; 0 when unknown
  std::string message;

  ParseError(int line_in_file, int column_in_line, std::string what_is_wrong)
      : line(line_in_file), column(column_in_line), message(std::move(what_is_wrong)) {}
  const char* what() const noexcept override { return message.c_str(); }
};

}  // namespace sdi::text
