// Unit algebra, soft tags, arithmetic on ranges and qualifiers, ratio and log distance.

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <type_traits>

#include "quantity/quantity.hpp"

namespace q = sdi::quantity;

namespace {

q::Quantity p(const char* text, q::Expect e = q::Expect::Any) {
  q::Result r = q::parse(text, e);
  REQUIRE_MESSAGE(r.ok(), text);
  return r.value;
}

}  // namespace

TEST_CASE("Quantity is plain data") {
  CHECK(std::is_trivially_copyable_v<q::Quantity>);
  CHECK(std::is_trivially_destructible_v<q::Quantity>);
  q::Tag long_tag("a-tag-that-is-far-too-long-to-store");
  CHECK(long_tag.empty());  // never truncated into a different word
  CHECK(q::Tag("user").view() == "user");
}

TEST_CASE("dimensions") {
  CHECK(q::same_dimension(p("5 GB").unit, p("3 KiB").unit));
  CHECK(q::same_dimension(p("1 Gbps").unit, p("2.5 TB/month").unit));
  CHECK_FALSE(q::same_dimension(p("5 GB").unit, p("5 GB/s").unit));
  CHECK(q::same_dimension(p("300M users").unit, p("5").unit));  // tags are soft
  CHECK(q::same_dimension(p("4.6K/s").unit, p("2 tweets/day").unit));
  CHECK(q::unit_string(p("5 GB").unit) == "B");
  CHECK(q::unit_string(p("5 GB/s").unit) == "B/s");
  CHECK(q::unit_string(p("5 QPS").unit) == "/s");
  CHECK(q::unit_string(p("5 ms").unit) == "s");
  CHECK(q::unit_string(p("5").unit) == "");
  CHECK(q::unit_string(q::multiply(p("5 GB"), p("3 GB")).unit) == "B^2");
  CHECK(q::unit_string(q::multiply(p("5 GB"), p("3 s")).unit) == "B*s");
  CHECK(q::dimension_name(p("5 GB").unit) == "bytes");
  CHECK(q::dimension_name(p("1 Gb").unit) == "bits");
  CHECK(q::dimension_name(p("5 ms").unit) == "a duration");
  CHECK(q::dimension_name(p("4.6K/s").unit) == "a rate");
  CHECK(q::dimension_name(p("1 Gbps").unit) == "bits per time");
  CHECK(q::dimension_name(p("7").unit) == "a count");
}

TEST_CASE("counted-noun tags propagate when unambiguous and drop otherwise") {
  CHECK(q::multiply(p("300M users"), p("50%")).unit.noun.view() == "user");
  CHECK(q::divide(p("300M users"), p("1 day")).unit.noun.view() == "user");
  // users x tweets/user = tweets
  q::Quantity tweets = q::multiply(p("200M users"), p("2 tweets per user"));
  CHECK(tweets.unit.noun.view() == "tweet");
  CHECK(tweets.unit.per_noun.empty());
  // two different nouns: ambiguous, dropped; never an error
  CHECK(q::multiply(p("3 servers"), p("5 users")).unit.noun.empty());
  CHECK(q::add(p("10 users"), p("5 requests"))->unit.noun.empty());
  CHECK(q::add(p("10 users"), p("5"))->unit.noun.view() == "user");
  CHECK(q::add(p("10 users"), p("5 users"))->unit.noun.view() == "user");
  // users / users is a plain ratio
  CHECK(q::divide(p("10 users"), p("5 users")).unit.noun.empty());
  // bytes carry no counted noun
  CHECK(q::multiply(p("300M users"), p("100 bytes")).unit.noun.empty());
  // 100 KB/photo x 1M photos = bytes, per-noun cancelled
  q::Quantity total = q::multiply(p("100 KB per photo"), p("1M photos"));
  CHECK(total.unit.bytes == 1);
  CHECK(total.unit.per_noun.empty());
  CHECK(total.value == doctest::Approx(1e11));
  // bits preference follows the information dimension
  CHECK(q::multiply(p("1 Gbps"), p("2")).unit.bits);
  CHECK_FALSE(q::divide(p("1 Gbps"), p("1 Gbps")).unit.bits);
}

TEST_CASE("singular and plural") {
  CHECK(q::singular("users") == "user");
  CHECK(q::singular("Queries") == "query");
  CHECK(q::singular("messages") == "message");
  CHECK(q::singular("boxes") == "box");
  CHECK(q::singular("searches") == "search");
  CHECK(q::singular("statuses") == "status");
  CHECK(q::singular("addresses") == "address");
  CHECK(q::singular("people") == "person");
  CHECK(q::singular("ids") == "id");
  CHECK(q::singular("dau") == "dau");
  CHECK(q::plural("user") == "users");
  CHECK(q::plural("query") == "queries");
  CHECK(q::plural("day") == "days");
  CHECK(q::plural("box") == "boxes");
  CHECK(q::plural("person") == "people");
  CHECK(q::plural("dau") == "dau");
}

TEST_CASE("arithmetic keeps ranges, qualifiers and horizons") {
  q::Quantity r = q::multiply(p("3-5K QPS"), p("86400 s"));
  REQUIRE(r.is_range());
  CHECK(*r.lo == doctest::Approx(3000 * 86400.0));
  CHECK(*r.hi == doctest::Approx(5000 * 86400.0));
  CHECK(r.value == doctest::Approx(std::sqrt(*r.lo * *r.hi)));  // geometric mean survives *
  q::Quantity d = q::divide(p("10"), p("2-5"));
  REQUIRE(d.is_range());
  CHECK(*d.lo == doctest::Approx(2));
  CHECK(*d.hi == doctest::Approx(5));
  q::Quantity s = *q::subtract(p("10-20"), p("1-2"));
  CHECK(*s.lo == doctest::Approx(8));
  CHECK(*s.hi == doctest::Approx(19));
  q::Quantity around_zero = q::Quantity::count(0.5);
  around_zero.lo = -1;
  around_zero.hi = 1;
  CHECK_FALSE(q::divide(p("10"), around_zero).is_range());  // the quotient is unbounded

  CHECK(q::multiply(p("~4K"), p("2")).approx);
  CHECK(q::add(p("4K"), p("~2K"))->approx);
  CHECK(q::multiply(p("up to 10K users"), p("2")).upper_bound);
  CHECK(q::divide(p("10"), p("at least 2")).upper_bound);
  CHECK(q::negate(p("up to 10")).lower_bound);
  CHECK_FALSE(q::multiply(p("up to 10"), p("at least 2")).upper_bound);

  q::Quantity replicated = q::multiply(p("3 PB over 5 years"), p("3"));
  REQUIRE(replicated.horizon_seconds);
  CHECK(replicated.value == 9e15);
  CHECK_FALSE(q::multiply(p("3 PB over 5 years"), p("2 s")).horizon_seconds);
}

TEST_CASE("add, subtract, power, compare") {
  std::string e;
  CHECK_FALSE(q::add(p("5 GB"), p("3 s"), &e));
  CHECK(e == "cannot add 5 GB (bytes) and 3 s (a duration): the dimensions differ");
  CHECK(q::add(p("1 GB"), p("500 MB"))->value == 1.5e9);
  CHECK(q::power(p("2 s"), 2)->unit.time == 2);
  CHECK(q::power(p("4"), 0.5)->value == 2);
  CHECK_FALSE(q::power(p("4 s"), 0.5, &e));
  CHECK(e.find("non-integer power") != std::string::npos);
  CHECK(q::power(p("2 /s"), -1)->unit.time == 1);
  CHECK(q::compare(p("1 GB"), p("999 MB")) == 1);
  CHECK(q::compare(p("1 GB"), p("1000 MB")) == 0);
  CHECK_FALSE(q::compare(p("1 GB"), p("1 s")));
}

TEST_CASE("ratio and log_distance compare like an engineer") {
  CHECK(q::ratio(p("4K/s"), p("2K/s")) == doctest::Approx(2));
  CHECK(q::ratio(p("2K/s"), p("4K/s")) == doctest::Approx(2));
  CHECK(q::ratio(p("4.6K/s"), p("4.6K/s")) == 1);
  CHECK(q::ratio(p("400M/day"), p("4.63K/s")) == doctest::Approx(1.0).epsilon(0.001));
  CHECK(std::isnan(q::ratio(p("5 GB"), p("5 s"))));
  CHECK(std::isnan(q::log_distance(p("5 GB"), p("5 s"))));
  // a range is judged by its nearest end
  CHECK(q::ratio(p("4.6K QPS"), p("3-5K QPS")) == 1);
  CHECK(q::ratio(p("10K QPS"), p("3-5K QPS")) == doctest::Approx(2));
  CHECK(q::ratio(p("1-2K"), p("1.5-3K")) == 1);
  // signs and zero
  CHECK(q::ratio(p("0"), p("0")) == 1);
  CHECK(std::isinf(q::ratio(p("0"), p("5"))));
  CHECK(q::ratio(p("-4"), p("-2")) == doctest::Approx(2));
  CHECK(q::log_distance(p("1K"), p("100K")) == doctest::Approx(2));
  CHECK(q::log_distance(p("1K"), p("1K")) == 0);
  // 86,400 vs 10^5 s/day conventions land well within 25%
  CHECK(q::ratio(p("200M * 2 / 86400 s"), p("200M * 2 / 10^5 s")) < 1.25);
}
