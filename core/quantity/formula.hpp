#pragma once
// An expression lexed once and evaluated many times: a pack's estimate formula, worked out again
// for every answer from that answer's own assumptions.

#include <optional>
#include <string>
#include <vector>

#include "quantity/lexer.hpp"
#include "quantity/parse.hpp"
#include "quantity/value.hpp"

namespace sdi::quantity {

class Formula {
 public:
  explicit Formula(std::string text);

  /// The value evaluate(text, vars, expect) has, or nullopt where it fails. Only the value is
  /// worked out: no reading, echo or notes.
  std::optional<Quantity> value(const Resolver& vars, Expect expect = Expect::Any) const;

 private:
  std::string text_;
  std::vector<detail::Token> tokens_;  // of text_
};

}  // namespace sdi::quantity
