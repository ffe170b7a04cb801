// Expressions (calc), identifiers, conversion targets and error reporting.

#include <doctest/doctest.h>

#include <map>
#include <string>

#include "quantity/quantity.hpp"

namespace q = sdi::quantity;

namespace {

constexpr double kDay = 86400;

q::Result ok(const char* text) {
  q::Result r = q::parse(text);
  if (!r) FAIL_CHECK(q::render_error(text, *r.error));
  return r;
}

q::ParseError err(const char* text) {
  q::Result r = q::parse(text);
  REQUIRE_FALSE(r.ok());
  return *r.error;
}

}  // namespace

TEST_CASE("the DESIGN.md calc example") {
  q::Result r = ok("300M users * 50% * 2 /day -> /s");
  CHECK(r.value.value == doctest::Approx(300e6 * 0.5 * 2 / kDay));
  CHECK(r.value.unit.time == -1);
  CHECK(r.value.unit.noun.view() == "user");
  CHECK(r.target_text == "/s");
  REQUIRE(r.target);
  CHECK(r.target->time == -1);
  CHECK(q::format(r.value) == "3.47K users/s");
  CHECK(r.echo == "300M users × 50% × 2/day → /s");
  CHECK(q::format(ok("300M users * 50% * 2 /day").value) == "300M users/day");
}

TEST_CASE("arithmetic") {
  CHECK(ok("10^7 x 20 / 10^5").value.value == doctest::Approx(2000));
  CHECK(q::format(ok("10^7 x 20 / 10^5").value) == "2K");
  CHECK(ok("200M * 2 / 86400").value.value == doctest::Approx(4629.63).epsilon(1e-4));
  CHECK(ok("200M × 2 ÷ 86400").value.value == doctest::Approx(4629.63).epsilon(1e-4));
  CHECK(ok("2 \\cdot 3").value.value == 6);
  CHECK(ok("(1 + 2) * 3").value.value == 9);
  CHECK(ok("{1 + 2} * 3").value.value == 9);
  CHECK(ok("1 + 2 * 3").value.value == 7);
  CHECK(ok("2^10").value.value == 1024);
  CHECK(ok("2^-1").value.value == 0.5);
  CHECK(ok("-5 + 3").value.value == -2);
  CHECK(ok("1/2").value.value == 0.5);
  CHECK(ok("3 - 5").value.value == -2);
  CHECK(ok("10 GB / 2 s").value.value == 5e9);
  CHECK(ok("10 GB / 2 s").value.unit.time == -1);
  CHECK(ok("1 day / 1 hour").value.value == doctest::Approx(24));
  CHECK(ok("1 day / 1 hour").value.unit.dimensionless());
  CHECK(ok("(3 + 4) GB").value.value == 7e9);
  CHECK(ok("(3 + 4) GB").value.unit.bytes == 1);
  CHECK(ok("86400 s/day").value.value == doctest::Approx(1));
}

TEST_CASE("units standing alone are quantities of one") {
  double per_s = 200e6 * 2 / kDay;
  CHECK(ok("200M * 2 / day").value.value == doctest::Approx(per_s));
  CHECK(ok("200M * 2 /day").value.value == doctest::Approx(per_s));
  CHECK(ok("200M * 2 per day").value.value == doctest::Approx(per_s));
  CHECK(ok("200M * 2 / 86400 s").value.value == doctest::Approx(per_s));
  CHECK(ok("200M * 2 / 1 day").value.value == doctest::Approx(per_s));
  CHECK(ok("200M * 2 / 1 day").value.unit.time == -1);
  CHECK(ok("day").value.value == kDay);
  CHECK(ok("1 / day").value.value == doctest::Approx(1 / kDay));
  CHECK(ok("GB / s").value.value == 1e9);
  CHECK(ok("GB / s").value.unit.time == -1);
}

TEST_CASE("LaTeX") {
  double v = 200e6 * 2 / 86400;
  CHECK(ok("\\frac{200M \\times 2}{86400}").value.value == doctest::Approx(v));
  CHECK(ok("$\\frac{200M \\times 2}{86400}$").value.value == doctest::Approx(v));
  CHECK(ok("\\dfrac{200M \\cdot 2}{86400 \\text{ s}}").value.unit.time == -1);
  CHECK(ok("\\left( 3 + 4 \\right) \\times 10^{3}").value.value == 7000);
  CHECK(ok("$200M \\times 2$").value.value == 4e8);
}

TEST_CASE("conversion targets") {
  CHECK(q::format(ok("2.5 TB/month -> GB/day").value) == "83.3 GB/day");
  CHECK(ok("2.5 TB/month -> GB/day").value.value == doctest::Approx(2.5e12 / (30 * kDay)));
  CHECK(q::format(ok("2.5 TB/month in GB/day").value) == "83.3 GB/day");
  CHECK(q::format(ok("2.5 TB/month → GB/day").value) == "83.3 GB/day");
  CHECK(q::format(ok("4.6K/s to /day").value) == "397M/day");
  CHECK(q::format(ok("400M/day to /s").value) == "4.63K/s");
  CHECK(q::format(ok("400M tweets per day to /s").value) == "4.63K tweets/s");
  CHECK(q::format(ok("100 GB/day -> Mbps").value) == "9.26 Mbps");
  CHECK(q::format(ok("1 GB in MB").value) == "1000 MB");
  CHECK(q::format(ok("1 day -> s").value) == "86,400 s");
  CHECK(q::format(ok("1 year -> days").value) == "365 days");
  CHECK(q::format(ok("3-5K QPS -> /day").value) == "259M-432M/day");
  CHECK(q::format(ok("5 GB as bytes").value) == "5,000,000,000 bytes");
  CHECK(q::format(ok("0.25 -> %").value) == "25%");
  // totals over a horizon become rates and back
  q::Result spread = ok("3 PB over 5 years -> TB/day");
  CHECK(q::format(spread.value) == "1.64 TB/day");
  CHECK(spread.reading.find("spread over its horizon of 5 years") != std::string::npos);
  CHECK(q::format(ok("1 TB/day for 10 years -> PB").value) == "3.65 PB");
}

TEST_CASE("convert()") {
  q::Quantity rate = q::parse("2.5 TB/month").value;
  q::Result r = q::convert(rate, "GB/day");
  REQUIRE(r.ok());
  CHECK(q::format(r.value) == "83.3 GB/day");
  CHECK(r.target_text == "GB/day");
  CHECK(r.value.value == doctest::Approx(rate.value));  // same quantity, new display unit
  CHECK(q::format(q::convert(q::parse("1 Gbps").value, "MB/s").value) == "125 MB/s");
  CHECK(q::format(q::convert(q::parse("125 MB/s").value, "Gbps").value) == "1 Gbps");
  CHECK_FALSE(q::convert(q::parse("4629.6").value, "").ok());
  q::Result bad = q::convert(q::parse("5 GB").value, "/s");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error->message == "cannot convert 5 GB (bytes) to /s (a rate)");
  q::Result unknown = q::convert(q::parse("5 GB").value, "zorks");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error->message == "unknown unit 'zorks'");
}

TEST_CASE("identifiers resolve through the resolver") {
  std::map<std::string, q::Quantity, std::less<>> vars = {
      {"dau", q::parse("200M users").value},
      {"tweets_per_user", q::parse("2 tweets/user").value},
      {"tweet_size", q::parse("300 bytes").value},
  };
  q::Resolver resolve = [&](std::string_view name) -> std::optional<q::Quantity> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
  q::Result r = q::evaluate("dau * tweets_per_user / day", resolve);
  REQUIRE(r.ok());
  CHECK(r.value.value == doctest::Approx(200e6 * 2 / kDay));
  CHECK(r.value.unit.noun.view() == "tweet");  // users x tweets/user
  CHECK(q::format(r.value) == "400M tweets/day");
  CHECK(q::format(q::evaluate("dau * tweets_per_user / day -> /s", resolve).value) ==
        "4.63K tweets/s");
  q::Result storage = q::evaluate("dau * tweets_per_user * tweet_size * 365 * 5", resolve);
  REQUIRE(storage.ok());
  CHECK(storage.value.unit.bytes == 1);
  CHECK(storage.value.value == doctest::Approx(200e6 * 2 * 300 * 365 * 5));

  q::Result missing = q::evaluate("dau * followers / day", resolve);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error->offset == 6);
  CHECK(missing.error->length == 9);
  CHECK(missing.error->message == "unknown identifier 'followers'");
  // without a resolver identifiers are errors too
  q::ParseError e = err("foo * 2");
  CHECK(e.offset == 0);
  CHECK(e.message == "unknown identifier 'foo'");
}

TEST_CASE("errors carry the byte offset of the offending spot") {
  SUBCASE("3 ** 4") {
    q::ParseError e = err("3 ** 4");
    CHECK(e.offset == 3);
    CHECK(e.message.find("unexpected '*'") != std::string::npos);
  }
  SUBCASE("a dimension error names both sides") {
    q::ParseError e = err("5 GB + 3 s");
    CHECK(e.offset == 5);
    CHECK(e.message == "cannot add 5 GB (bytes) and 3 s (a duration): the dimensions differ");
    q::ParseError s = err("5 s - 3 GB");
    CHECK(s.offset == 4);
    CHECK(s.message.find("cannot subtract 3 GB (bytes) from 5 s (a duration)") == 0);
  }
  SUBCASE("unknown unit") {
    q::ParseError e = err("12 zorks/s");
    CHECK(e.offset == 3);
    CHECK(e.length == 5);
    CHECK(e.message == "unknown unit 'zorks'");
    CHECK(err("2 tweets per zork").offset == 13);
    CHECK(err("5 GB -> zorks").offset == 8);
    CHECK(err("5 widgets").message == "unknown unit 'widgets'");
  }
  SUBCASE("structure") {
    CHECK(err("").message == "empty expression");
    CHECK(err("   ").offset == 3);
    CHECK(err("(3 + 4").offset == 6);
    CHECK(err("(3 + 4").message.find("expected ')'") == 0);
    CHECK(err("3 + 4)").offset == 5);
    CHECK(err("3 + 4)").message == "unmatched ')'");
    CHECK(err("3 +").offset == 3);
    CHECK(err("3 +").message == "expected a number at the end of the input");
    CHECK(err("-> GB").offset == 0);
    CHECK(err("2 ^ x").offset == 4);
    CHECK(err("10 servers and 5").offset == 11);
    CHECK(err("5 m").offset == 2);
  }
  SUBCASE("values") {
    CHECK(err("5 / 0").offset == 2);
    CHECK(err("5 / 0").message == "division by zero");
    CHECK(err("5 GB -> /s").offset == 8);
    CHECK(err("5 GB in /day").message == "cannot convert 5 GB (bytes) to /day (a rate)");
    CHECK(err("(2 s)^0.5").message.find("non-integer power") != std::string::npos);
    CHECK(err("(2 s)^0.5").offset == 5);
    CHECK(ok("(2 s)^2").value.unit.time == 2);
  }
}

TEST_CASE("render_error prints the line, a caret and the message") {
  std::string input = "5 GB + 3 s";
  CHECK(q::render_error(input, err("5 GB + 3 s")) ==
        "5 GB + 3 s\n"
        "     ^\n"
        "cannot add 5 GB (bytes) and 3 s (a duration): the dimensions differ");
  CHECK(q::render_error("12 zorks/s", err("12 zorks/s")) ==
        "12 zorks/s\n"
        "   ^~~~~\n"
        "unknown unit 'zorks'");
  // columns count characters, not bytes
  q::ParseError u = err("≈ 5 GB + 3 s");
  CHECK(u.offset == 9);
  CHECK(q::render_error("≈ 5 GB + 3 s", u).find("\n       ^\n") != std::string::npos);
  // only the offending line of a multi-line input
  q::ParseError multi{9, 1, "boom"};
  CHECK(q::render_error("line one\nline two", multi) == "line two\n^\nboom");
  // past the end
  CHECK(q::render_error("3 +", err("3 +")) ==
        "3 +\n   ^\nexpected a number at the end of the input");
}

TEST_CASE("readings explain every interpretation") {
  q::Result r = ok("2.5 TB/month -> GB/day");
  CHECK(r.reading == "2.5 TB/month → GB/day; month = 30 days");
  CHECK(r.notes == std::vector<std::string>{"month = 30 days"});
  CHECK(ok("3-5K QPS")
            .reading.find("3K-5K/s read as a range; its value is the geometric mean 3.87K/s") !=
        std::string::npos);
  CHECK(ok("100gb").reading.find("'gb' read as GB (an all-lowercase b") != std::string::npos);
  CHECK(ok("4K").reading == "4K");  // nothing to explain: the echo alone
}
