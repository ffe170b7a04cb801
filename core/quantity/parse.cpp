#include "quantity/parse.hpp"

#include <fmt/format.h>

#include "quantity/format.hpp"
#include "quantity/lexer.hpp"
#include "quantity/parser.hpp"

namespace sdi::quantity {

Result evaluate(std::string_view expr, const Resolver& vars, Expect expect) {
  auto tokens = detail::lex(expr, false);
  detail::ParseConfig cfg;
  cfg.expect = expect;
  cfg.resolver = &vars;
  detail::Parser parser(expr, tokens, cfg);
  std::optional<UnitSpec> target;
  auto node = parser.parse_all(&target);
  Result r;
  r.notes = parser.notes();
  if (!node) {
    r.error = parser.error().value_or(ParseError{0, 1, "cannot parse the input"});
    return r;
  }
  r.value = node->q;
  r.echo = node->echo;
  r.reading = detail::join_reading(r.echo, r.notes);
  if (target) {
    r.target = target->unit;
    r.target_text = target->text;
  }
  return r;
}

Result parse(std::string_view text, Expect expect) {
  return evaluate(text, Resolver{}, expect);
}

std::optional<UnitSpec> parse_unit_spec(std::string_view text) {
  auto tokens = detail::lex(text, false);
  detail::Parser parser(text, tokens, detail::ParseConfig{});
  return parser.parse_unit_all();
}

std::optional<Unit> parse_unit(std::string_view text) {
  auto spec = parse_unit_spec(text);
  if (!spec) return std::nullopt;
  return spec->unit;
}

Result convert(const Quantity& q, std::string_view unit) {
  Result r;
  auto spec = parse_unit_spec(unit);
  if (!spec) {
    r.error = ParseError{0, std::max<std::size_t>(1, unit.size()),
                         fmt::format("unknown unit '{}'", unit)};
    return r;
  }
  std::string err, note;
  auto c = detail::convert_to(q, *spec, &err, &note);
  if (!c) {
    r.error = ParseError{0, std::max<std::size_t>(1, unit.size()), err};
    return r;
  }
  r.value = *c;
  r.target = spec->unit;
  r.target_text = spec->text;
  if (!note.empty()) r.notes.push_back(note);
  r.echo = format(*c);
  r.reading = detail::join_reading(r.echo, r.notes);
  return r;
}

std::optional<Quantity> convert(const Quantity& q, const UnitSpec& unit) {
  return detail::convert_to(q, unit, nullptr, nullptr);
}

std::string render_error(std::string_view input, const ParseError& error) {
  std::size_t off = std::min(error.offset, input.size());
  std::size_t line_start = input.rfind('\n', off == 0 ? std::string_view::npos : off - 1);
  line_start = (line_start == std::string_view::npos || off == 0) ? 0 : line_start + 1;
  if (off > 0 && input[off - 1] == '\n') line_start = off;
  std::size_t line_end = input.find('\n', off);
  if (line_end == std::string_view::npos) line_end = input.size();
  std::string_view line = input.substr(line_start, line_end - line_start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

  auto columns = [](std::string_view s) {
    std::size_t n = 0;
    for (char c : s) {
      if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    }
    return n;
  };
  std::string caret;
  for (std::size_t i = line_start; i < off; ++i) {
    char c = input[i];
    if (c == '\t') {
      caret += '\t';
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      caret += ' ';
    }
  }
  std::size_t len_end = std::min(off + std::max<std::size_t>(1, error.length), line_end);
  std::size_t width = off < line_end ? columns(input.substr(off, len_end - off)) : 1;
  if (width == 0) width = 1;
  caret += '^';
  caret.append(width - 1, '~');
  std::string out(line);
  out += '\n';
  out += caret;
  out += '\n';
  out += error.message;
  return out;
}

}  // namespace sdi::quantity
