#include "quantity/formula.hpp"

#include <utility>

#include "quantity/parser.hpp"

namespace sdi::quantity {

Formula::Formula(std::string text) : text_(std::move(text)), tokens_(detail::lex(text_, false)) {}

std::optional<Quantity> Formula::value(const Resolver& vars, Expect expect) const {
  detail::ParseConfig cfg;
  cfg.expect = expect;
  cfg.resolver = &vars;
  cfg.echo = false;  // the echo formats every literal, and no one reads it here
  detail::Parser parser(text_, tokens_, cfg);
  std::optional<UnitSpec> target;
  std::optional<detail::Node> node = parser.parse_all(&target);
  if (!node) return std::nullopt;
  return node->q;
}

}  // namespace sdi::quantity
