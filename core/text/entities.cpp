#include "text/entities.hpp"

#include <array>
#include <charconv>
#include <utility>

#include "text/utf8.hpp"

namespace sdi::text {
namespace {

constexpr std::array<std::pair<std::string_view, char32_t>, 44> kNamed{{
    {"amp", U'&'},         {"lt", U'<'},         {"gt", U'>'},          {"quot", U'"'},
    {"apos", U'\''},       {"nbsp", U' '},       {"ensp", U' '},        {"emsp", U' '},
    {"thinsp", U' '},      {"ndash", U'\u2013'}, {"mdash", U'\u2014'},  {"hellip", U'\u2026'},
    {"lsquo", U'\u2018'},  {"rsquo", U'\u2019'}, {"ldquo", U'\u201C'},  {"rdquo", U'\u201D'},
    {"laquo", U'\u00AB'},  {"raquo", U'\u00BB'}, {"middot", U'\u00B7'}, {"bull", U'\u2022'},
    {"copy", U'\u00A9'},   {"reg", U'\u00AE'},   {"trade", U'\u2122'},  {"deg", U'\u00B0'},
    {"plusmn", U'\u00B1'}, {"times", U'\u00D7'}, {"divide", U'\u00F7'}, {"micro", U'\u00B5'},
    {"le", U'\u2264'},     {"ge", U'\u2265'},    {"ne", U'\u2260'},     {"asymp", U'\u2248'},
    {"infin", U'\u221E'},  {"sup2", U'\u00B2'},  {"sup3", U'\u00B3'},   {"euro", U'\u20AC'},
    {"pound", U'\u00A3'},  {"yen", U'\u00A5'},   {"cent", U'\u00A2'},   {"rarr", U'\u2192'},
    {"larr", U'\u2190'},   {"harr", U'\u2194'},  {"rArr", U'\u21D2'},   {"hArr", U'\u21D4'},
}};

bool append_numeric(std::string& out, std::string_view digits) {
  int base = 10;
  if (!digits.empty() && (digits[0] == 'x' || digits[0] == 'X')) {
    base = 16;
    digits.remove_prefix(1);
  }
  std::uint32_t value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
  if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty()) return false;
  utf8::append(out, value == 0 ? char32_t{0xFFFD} : static_cast<char32_t>(value));
  return true;
}

}  // namespace

void append_entity(std::string& out, std::string_view entity) {
  if (entity.size() >= 3 && entity.front() == '&' && entity.back() == ';') {
    const std::string_view name = entity.substr(1, entity.size() - 2);
    if (name[0] == '#') {
      if (append_numeric(out, name.substr(1))) return;
    } else {
      for (const auto& [known, code_point] : kNamed) {
        if (known == name) {
          utf8::append(out, code_point);
          return;
        }
      }
    }
  }
  out.append(entity);
}

}  // namespace sdi::text
