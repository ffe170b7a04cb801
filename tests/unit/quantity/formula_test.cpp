// Formulas lexed once and evaluated many times agree with evaluate() on every value.

#include "quantity/formula.hpp"

#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "quantity/quantity.hpp"

namespace q = sdi::quantity;

namespace {

void check_same(const q::Quantity& a, const q::Quantity& b) {
  CHECK(a.value == b.value);
  CHECK(q::format(a) == q::format(b));
  CHECK(a.unit.bytes == b.unit.bytes);
  CHECK(a.unit.time == b.unit.time);
  CHECK(a.unit.bits == b.unit.bits);
  CHECK(a.unit.noun.view() == b.unit.noun.view());
  CHECK(a.unit.per_noun.view() == b.unit.per_noun.view());
  CHECK(a.lo == b.lo);
  CHECK(a.hi == b.hi);
  CHECK(a.approx == b.approx);
  CHECK(a.upper_bound == b.upper_bound);
  CHECK(a.lower_bound == b.lower_bound);
  CHECK(a.horizon_seconds == b.horizon_seconds);
  CHECK(a.time_hint == b.time_hint);
  CHECK(a.display_unit.view() == b.display_unit.view());
}

}  // namespace

TEST_CASE("a formula's value is the one evaluate() gives, for every set of identifiers") {
  std::map<std::string, q::Quantity, std::less<>> vars;
  q::Resolver resolver = [&](std::string_view id) -> std::optional<q::Quantity> {
    auto at = vars.find(id);
    if (at == vars.end()) return std::nullopt;
    return at->second;
  };
  const char* formulas[] = {
      "dau * writes_per_user / day",
      "dau * writes_per_user * size -> GB/day",
      "dau * 0.2 * 5B",
      "(dau + 3-5K) * ~2 per day over 5 years",
      "\\frac{dau}{86400} * 3x",
      "10% * size * 1,000 users",
      "unknown_id * 2",
      "dau * ",
      "size / (dau - dau)",
  };
  for (int round = 0; round < 3; ++round) {
    vars["dau"] = q::parse(round == 0 ? "200M users" : round == 1 ? "1.5B" : "50M DAU").value;
    vars["writes_per_user"] = q::parse(round == 2 ? "2 tweets" : "10").value;
    vars["size"] = q::parse(round == 1 ? "300B" : "2 KB").value;
    for (const char* text : formulas) {
      CAPTURE(text);
      CAPTURE(round);
      q::Formula formula(text);
      q::Result expected = q::evaluate(text, resolver);
      std::optional<q::Quantity> value = formula.value(resolver);
      REQUIRE(value.has_value() == expected.ok());
      if (value) check_same(*value, expected.value);
    }
  }
}

TEST_CASE("a formula reads the ambiguous B the way it is asked to") {
  q::Formula formula("5B");
  for (q::Expect expect : {q::Expect::Any, q::Expect::Count, q::Expect::Bytes, q::Expect::Rate}) {
    std::optional<q::Quantity> value = formula.value({}, expect);
    q::Result expected = q::evaluate("5B", {}, expect);
    REQUIRE(value);
    check_same(*value, expected.value);
  }
}
