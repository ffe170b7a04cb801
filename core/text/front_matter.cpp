#include "text/front_matter.hpp"

#include <string>

#include "text/parse_error.hpp"

namespace sdi::text {
namespace {

constexpr int kFirstTomlLine = 2;  // the TOML starts on the line after the opening "+++"

bool is_fence(std::string_view line) {
  if (line.substr(0, 3) != "+++") return false;
  return line.find_first_not_of(" \t", 3) == std::string_view::npos;
}

toml::table parse_toml(std::string_view toml_text) {
#if TOML_EXCEPTIONS
  try {
    return toml::parse(toml_text);
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    throw ParseError(static_cast<int>(begin.line) + kFirstTomlLine - 1,
                     static_cast<int>(begin.column), std::string(error.description()));
  }
#else
  toml::parse_result result = toml::parse(toml_text);
  if (!result) {
    const auto& error = result.error();
    const auto& begin = error.source().begin;
    throw ParseError(static_cast<int>(begin.line) + kFirstTomlLine - 1,
                     static_cast<int>(begin.column), std::string(error.description()));
  }
  return std::move(result).table();
#endif
}

}  // namespace

FrontMatter split_front_matter(std::string_view source) {
  FrontMatter result;
  std::size_t eol = source.find('\n');
  if (!is_fence(source.substr(0, eol))) return result;
  if (eol == std::string_view::npos) {
    throw ParseError(1, 1, "front matter opened with +++ is never closed");
  }
  const std::size_t toml_begin = eol + 1;
  int line = 1;
  for (std::size_t start = toml_begin; start < source.size(); start = eol + 1) {
    ++line;
    eol = source.find('\n', start);
    const std::size_t end = eol == std::string_view::npos ? source.size() : eol;
    if (is_fence(source.substr(start, end - start))) {
      result.table = parse_toml(source.substr(toml_begin, start - toml_begin));
      result.body_offset = eol == std::string_view::npos ? source.size() : eol + 1;
      result.body_line = line + 1;
      return result;
    }
    if (eol == std::string_view::npos) break;
  }
  throw ParseError(1, 1, "front matter opened with +++ is never closed");
}

}  // namespace sdi::text
