// Single quantities written the way interview answers write them.

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "quantity/quantity.hpp"

namespace q = sdi::quantity;

namespace {

constexpr double kDay = 86400;
constexpr double kMonth = 30 * kDay;
constexpr double kYear = 365 * kDay;

struct Case {
  const char* text;
  double value;         // base units: bytes, seconds, counts
  int bytes;            // exponent
  int time;             // exponent
  const char* noun;     // expected tag ("" = none)
  const char* reading;  // substring of Result::reading (nullptr = not checked)
};

void check_case(const Case& c) {
  CAPTURE(c.text);
  q::Result r = q::parse(c.text);
  if (!r) {
    FAIL_CHECK(q::render_error(c.text, *r.error));
    return;
  }
  CHECK(r.value.value == doctest::Approx(c.value).epsilon(1e-9));
  CHECK(r.value.unit.bytes == c.bytes);
  CHECK(r.value.unit.time == c.time);
  CHECK(r.value.unit.noun.view() == std::string_view(c.noun));
  CHECK_FALSE(r.reading.empty());
  if (c.reading) {
    CAPTURE(r.reading);
    CHECK(r.reading.find(c.reading) != std::string::npos);
  }
}

void check_all(const std::vector<Case>& cases) {
  for (const auto& c : cases) check_case(c);
}

}  // namespace

TEST_CASE("plain numbers") {
  check_all({
      {"4000", 4000, 0, 0, "", nullptr},
      {"4,000", 4000, 0, 0, "", nullptr},
      {"1,000,000", 1e6, 0, 0, "", nullptr},
      {"300,000,000", 3e8, 0, 0, "", nullptr},
      {"1.2e9", 1.2e9, 0, 0, "", nullptr},
      {"1.2E9", 1.2e9, 0, 0, "", nullptr},
      {"2.5e-3", 2.5e-3, 0, 0, "", nullptr},
      {"10^7", 1e7, 0, 0, "", nullptr},
      {"10^{7}", 1e7, 0, 0, "", nullptr},
      {"10 ^ 9", 1e9, 0, 0, "", nullptr},
      {"2 x 10^5", 2e5, 0, 0, "", nullptr},
      {"2×10^5", 2e5, 0, 0, "", nullptr},
      {"2*10^5", 2e5, 0, 0, "", nullptr},
      {"2x10^5", 2e5, 0, 0, "", nullptr},
      {"2 \\times 10^5", 2e5, 0, 0, "", nullptr},
      {"2 \\cdot 10^{5}", 2e5, 0, 0, "", nullptr},
      {"2 · 10^5", 2e5, 0, 0, "", nullptr},
      {"0.5", 0.5, 0, 0, "", nullptr},
      {"50%", 0.5, 0, 0, "", "50%"},
      {"99.9%", 0.999, 0, 0, "", nullptr},
      {"50 percent", 0.5, 0, 0, "", nullptr},
      {"3x", 3, 0, 0, "", "3x read as a factor of 3"},
  });
}

TEST_CASE("scales: letters and words") {
  check_all({
      {"4K", 4e3, 0, 0, "", nullptr},
      {"4k", 4e3, 0, 0, "", nullptr},
      {"4.6K", 4.6e3, 0, 0, "", nullptr},
      {"1.5M", 1.5e6, 0, 0, "", nullptr},
      {"300M", 3e8, 0, 0, "", nullptr},
      {"2bn", 2e9, 0, 0, "", nullptr},
      {"1T", 1e12, 0, 0, "", nullptr},
      {"4 thousand", 4e3, 0, 0, "", nullptr},
      {"2.5 million", 2.5e6, 0, 0, "", nullptr},
      {"1 billion", 1e9, 0, 0, "", nullptr},
      {"3 trillion", 3e12, 0, 0, "", nullptr},
      {"365bil", 3.65e11, 0, 0, "", nullptr},
      {"1.5 mil", 1.5e6, 0, 0, "", nullptr},
      {"5m", 5e6, 0, 0, "", "'m' read as million"},
      {"5b", 5e9, 0, 0, "", "'b' read as billion"},
      {"200 M users", 2e8, 0, 0, "user", nullptr},
      {"a million users", 1e6, 0, 0, "user", nullptr},
  });
}

TEST_CASE("qualifiers: approximate and bounds") {
  check_all({
      {"~4K", 4e3, 0, 0, "", "~4K"},
      {"about 4K", 4e3, 0, 0, "", "~4K"},
      {"roughly 4K", 4e3, 0, 0, "", nullptr},
      {"approx. 4K", 4e3, 0, 0, "", nullptr},
      {"approximately 1B users", 1e9, 0, 0, "user", nullptr},
      {"≈ 4K", 4e3, 0, 0, "", nullptr},
      {"~= 4K", 4e3, 0, 0, "", nullptr},
      {"around 10M", 1e7, 0, 0, "", nullptr},
      {"up to 10K", 1e4, 0, 0, "", "upper bound"},
      {"at most 10K", 1e4, 0, 0, "", "upper bound"},
      {"< 10K", 1e4, 0, 0, "", "upper bound"},
      {"<= 200 ms", 0.2, 0, 1, "", "upper bound"},
      {"no more than 100ms", 0.1, 0, 1, "", "upper bound"},
      {"at least 5 replicas", 5, 0, 0, "replica", "lower bound"},
      {"> 1M", 1e6, 0, 0, "", "lower bound"},
      {"10K+ users", 1e4, 0, 0, "user", "lower bound"},
  });
  q::Result a = q::parse("~4K");
  CHECK(a.value.approx);
  CHECK(q::parse("up to 10K").value.upper_bound);
  CHECK(q::parse("at least 5 replicas").value.lower_bound);
  CHECK(q::parse("10K+ users").value.lower_bound);
  CHECK_FALSE(q::parse("4K").value.approx);
}

TEST_CASE("ranges keep both ends, the value is the geometric mean") {
  check_all({
      {"3-5K", std::sqrt(3e3 * 5e3), 0, 0, "", "geometric mean"},
      {"3–5K", std::sqrt(3e3 * 5e3), 0, 0, "", nullptr},
      {"3K-5K", std::sqrt(3e3 * 5e3), 0, 0, "", nullptr},
      {"3K to 5K", std::sqrt(3e3 * 5e3), 0, 0, "", nullptr},
      {"between 3K and 5K users", std::sqrt(3e3 * 5e3), 0, 0, "user", nullptr},
      {"10-20%", std::sqrt(0.1 * 0.2), 0, 0, "", nullptr},
      {"15-20 min", std::sqrt(900.0 * 1200.0), 0, 1, "", nullptr},
      {"1-2 GB", std::sqrt(1e9 * 2e9), 1, 0, "", nullptr},
      {"500K-2M", std::sqrt(5e5 * 2e6), 0, 0, "", nullptr},
      {"3-5K QPS", std::sqrt(3e3 * 5e3), 0, -1, "", nullptr},
  });
  q::Result r = q::parse("3-5K QPS");
  REQUIRE(r.value.is_range());
  CHECK(*r.value.lo == 3000);
  CHECK(*r.value.hi == 5000);
  // the scale of the upper end applies to the lower one only when that keeps lo < hi
  q::Result s = q::parse("500-2K");
  REQUIRE(s.value.is_range());
  CHECK(*s.value.lo == 500);
  CHECK(*s.value.hi == 2000);
  // a dash whose left side is not smaller is subtraction; spaced dashes always are
  CHECK(q::parse("10-5").value.value == 5);
  CHECK_FALSE(q::parse("10-5").value.is_range());
  CHECK(q::parse("3 - 5").value.value == -2);
}

TEST_CASE("bytes and bits") {
  check_all({
      {"1 KB", 1e3, 1, 0, "", nullptr},
      {"1 kB", 1e3, 1, 0, "", nullptr},
      {"1 KiB", 1024, 1, 0, "", nullptr},
      {"1 MB", 1e6, 1, 0, "", nullptr},
      {"1 MiB", 1048576, 1, 0, "", nullptr},
      {"1 GB", 1e9, 1, 0, "", nullptr},
      {"1 GiB", 1073741824.0, 1, 0, "", nullptr},
      {"5 TiB", 5 * 1099511627776.0, 1, 0, "", nullptr},
      {"1 TB", 1e12, 1, 0, "", nullptr},
      {"3 PB", 3e15, 1, 0, "", nullptr},
      {"100gb", 1e11, 1, 0, "", "'gb' read as GB"},
      {"3tb", 3e12, 1, 0, "", "lowercase"},
      {"500kb", 5e5, 1, 0, "", nullptr},
      {"64 bytes", 64, 1, 0, "", nullptr},
      {"2 gigabytes", 2e9, 1, 0, "", nullptr},
      {"1 Gb", 1.25e8, 1, 0, "", "read as bits"},
      {"8 bits", 1, 1, 0, "", nullptr},
      {"300B per tweet", 300, 1, 0, "", "B read as bytes"},
      {"2 MB per photo", 2e6, 1, 0, "", nullptr},
  });
  CHECK(q::parse("1 Gb").value.unit.bits);
  CHECK_FALSE(q::parse("1 GB").value.unit.bits);
  CHECK(q::parse("300B per tweet").value.unit.per_noun.view() == "tweet");
}

TEST_CASE("bit and byte rates") {
  check_all({
      {"1 Gbps", 1.25e8, 1, -1, "", nullptr},
      {"10 Mbps", 1.25e6, 1, -1, "", nullptr},
      {"100 Kbps", 12500, 1, -1, "", nullptr},
      {"10 Gb/s", 1.25e9, 1, -1, "", nullptr},
      {"50 MB/s", 5e7, 1, -1, "", nullptr},
      {"1 MBps", 1e6, 1, -1, "", nullptr},
      {"500kb/sec", 5e5, 1, -1, "", nullptr},
      {"2.5 TB/month", 2.5e12 / kMonth, 1, -1, "", "month = 30 days"},
      {"2.5 TB per month", 2.5e12 / kMonth, 1, -1, "", nullptr},
      {"100 GB/day", 1e11 / kDay, 1, -1, "", nullptr},
      {"5 GB a month", 5e9 / kMonth, 1, -1, "", nullptr},
  });
  CHECK(q::parse("1 Gbps").value.unit.bits);
}

TEST_CASE("durations") {
  check_all({
      {"100 ms", 0.1, 0, 1, "", nullptr},
      {"500 µs", 5e-4, 0, 1, "", nullptr},
      {"5 s", 5, 0, 1, "", nullptr},
      {"30 sec", 30, 0, 1, "", nullptr},
      {"1 second", 1, 0, 1, "", nullptr},
      {"10 min", 600, 0, 1, "", nullptr},
      {"2 minutes", 120, 0, 1, "", nullptr},
      {"1 h", 3600, 0, 1, "", nullptr},
      {"3 hr", 10800, 0, 1, "", nullptr},
      {"2 hours", 7200, 0, 1, "", nullptr},
      {"1 day", kDay, 0, 1, "", nullptr},
      {"30d", 30 * kDay, 0, 1, "", nullptr},
      {"2 weeks", 14 * kDay, 0, 1, "", nullptr},
      {"1 month", kMonth, 0, 1, "", "month = 30 days"},
      {"1 year", kYear, 0, 1, "", "year = 365 days"},
      {"5 yrs", 5 * kYear, 0, 1, "", nullptr},
      {"day", kDay, 0, 1, "", nullptr},
  });
}

TEST_CASE("rates of counted things") {
  check_all({
      {"2 /day", 2 / kDay, 0, -1, "", nullptr},
      {"/s", 1, 0, -1, "", nullptr},
      {"per day", 1 / kDay, 0, -1, "", nullptr},
      {"4.6K/s", 4600, 0, -1, "", nullptr},
      {"100 per second", 100, 0, -1, "", nullptr},
      {"200M/day", 2e8 / kDay, 0, -1, "", nullptr},
      {"2 tweets/day", 2 / kDay, 0, -1, "tweet", nullptr},
      {"2 tweets per day", 2 / kDay, 0, -1, "tweet", nullptr},
      {"2 tweets a day", 2 / kDay, 0, -1, "tweet", nullptr},
      {"2 tweets each day", 2 / kDay, 0, -1, "tweet", nullptr},
      {"2 tweets daily", 2 / kDay, 0, -1, "tweet", nullptr},
      {"10 QPS", 10, 0, -1, "", "QPS/RPS/TPS read as per second"},
      {"10 qps", 10, 0, -1, "", nullptr},
      {"20 RPS", 20, 0, -1, "", nullptr},
      {"1K TPS", 1000, 0, -1, "", nullptr},
      {"4.6K req/s", 4600, 0, -1, "request", nullptr},
      {"1.2e9 req/day", 1.2e9 / kDay, 0, -1, "request", nullptr},
      {"200 requests per second", 200, 0, -1, "request", nullptr},
      {"500M writes per day", 5e8 / kDay, 0, -1, "write", nullptr},
      {"1K writes per second", 1000, 0, -1, "write", nullptr},
      {"50 views/sec", 50, 0, -1, "view", nullptr},
      {"~4K writes/sec", 4000, 0, -1, "write", nullptr},
      {"70k users per second", 7e4, 0, -1, "user", nullptr},
      {"1M messages/hour", 1e6 / 3600, 0, -1, "message", nullptr},
      {"4.6K write QPS", 4600, 0, -1, "write", nullptr},
      {"100 requests per second per server", 100, 0, -1, "request", nullptr},
  });
  CHECK(q::parse("100 requests per second per server").value.unit.per_noun.view() == "server");
}

TEST_CASE("counted nouns") {
  check_all({
      {"300M users", 3e8, 0, 0, "user", nullptr},
      {"200M DAU", 2e8, 0, 0, "dau", nullptr},
      {"500 million active users", 5e8, 0, 0, "user", nullptr},
      {"500M daily active users", 5e8, 0, 0, "user", nullptr},
      {"1000 concurrent users", 1e3, 0, 0, "user", nullptr},
      {"10 servers", 10, 0, 0, "server", nullptr},
      {"1e6 users", 1e6, 0, 0, "user", nullptr},
      {"10^7 users", 1e7, 0, 0, "user", nullptr},
      {"2 x 10^5 users", 2e5, 0, 0, "user", nullptr},
      {"5 queries", 5, 0, 0, "query", nullptr},
      {"2 tweets per user", 2, 0, 0, "tweet", nullptr},
      {"3x replication", 3, 0, 0, "replication", nullptr},
      {"$5K", 5e3, 0, 0, "dollar", nullptr},
      {"$5K/month", 5e3 / kMonth, 0, -1, "dollar", nullptr},
  });
  CHECK(q::parse("2 tweets per user").value.unit.per_noun.view() == "user");
}

TEST_CASE("totals with a horizon") {
  check_all({
      {"3 PB over 5 years", 3e15, 1, 0, "", "year = 365 days"},
      {"3PB over 5 years", 3e15, 1, 0, "", nullptr},
      {"3 PB in 5 years", 3e15, 1, 0, "", nullptr},
      {"100 TB over the next 3 years", 1e14, 1, 0, "", nullptr},
      {"1 TB/day for 10 years", 1e12 / kDay, 1, -1, "", nullptr},
  });
  q::Result r = q::parse("3 PB over 5 years");
  REQUIRE(r.value.horizon_seconds.has_value());
  CHECK(*r.value.horizon_seconds == doctest::Approx(5 * kYear));
  CHECK(*q::parse("1 TB/day for 10 years").value.horizon_seconds == doctest::Approx(10 * kYear));
}

TEST_CASE("the B ambiguity follows Expect and context, and is always explained") {
  struct BCase {
    const char* text;
    q::Expect expect;
    double value;
    int bytes;
    const char* reading;
  };
  const BCase cases[] = {
      {"5B", q::Expect::Any, 5e9, 0, "B read as billion (no unit follows"},
      {"5B", q::Expect::Count, 5e9, 0, "B read as billion (a count was expected)"},
      {"5B", q::Expect::Rate, 5e9, 0, "B read as billion (a rate of events was expected)"},
      {"5B", q::Expect::Bytes, 5, 1, "B read as bytes (bytes were expected)"},
      {"5 B", q::Expect::Bytes, 5, 1, "B read as bytes"},
      {"5B users", q::Expect::Any, 5e9, 0, "B read as billion (followed by 'users')"},
      {"5B users", q::Expect::Bytes, 5e9, 0, "followed by 'users'"},
      {"2B requests/day", q::Expect::Any, 2e9 / kDay, 0, "B read as billion"},
      {"5B/s", q::Expect::Any, 5, 1, "B read as bytes (followed by a rate"},
      {"5B/s", q::Expect::Count, 5e9, 0, "B read as billion"},
      {"5B per day", q::Expect::Any, 5 / kDay, 1, "B read as bytes"},
      {"300B per tweet", q::Expect::Any, 300, 1, "followed by 'per tweet'"},
      {"3-5B", q::Expect::Bytes, std::sqrt(15.0), 1, "B read as bytes"},
      {"3-5B", q::Expect::Any, std::sqrt(15.0) * 1e9, 0, "B read as billion"},
      {"7B QPS", q::Expect::Any, 7e9, 0, "followed by a unit"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CAPTURE(static_cast<int>(c.expect));
    q::Result r = q::parse(c.text, c.expect);
    REQUIRE(r.ok());
    CHECK(r.value.value == doctest::Approx(c.value));
    CHECK(r.value.unit.bytes == c.bytes);
    CAPTURE(r.reading);
    CHECK(r.reading.find(c.reading) != std::string::npos);
  }
  // Unambiguous spellings are not affected by Expect, and say nothing about B.
  CHECK(q::parse("1.5bn/day", q::Expect::Bytes).value.unit.bytes == 0);
  CHECK(q::parse("5 GB", q::Expect::Count).value.unit.bytes == 1);
  CHECK(q::parse("5 GB").reading.find("B read as") == std::string::npos);
}

TEST_CASE("parse_unit and parse_unit_spec") {
  auto spec = q::parse_unit_spec("GB/day");
  REQUIRE(spec);
  CHECK(spec->unit.bytes == 1);
  CHECK(spec->unit.time == -1);
  CHECK(spec->factor == doctest::Approx(1e9 / kDay));
  CHECK(spec->text == "GB/day");
  CHECK(q::parse_unit_spec("gigabytes per day")->text == "GB/day");
  CHECK(q::parse_unit_spec("/s")->unit.time == -1);
  CHECK(q::parse_unit_spec("per second")->text == "/s");
  CHECK(q::parse_unit_spec("1/s")->text == "/s");
  CHECK(q::parse_unit_spec("QPS")->text == "/s");
  CHECK(q::parse_unit_spec("Mbps")->unit.bits);
  CHECK(q::parse_unit_spec("Mbps")->factor == doctest::Approx(1.25e5));
  CHECK(q::parse_unit_spec("B")->unit.bytes == 1);  // alone, B is bytes
  CHECK(q::parse_unit_spec("users/s")->unit.noun.view() == "user");
  CHECK(q::parse_unit_spec("KB/photo")->unit.per_noun.view() == "photo");
  CHECK(q::parse_unit_spec("%")->factor == 0.01);
  CHECK(q::parse_unit_spec("days")->factor == kDay);
  CHECK_FALSE(q::parse_unit_spec("zorks"));
  CHECK_FALSE(q::parse_unit_spec("GB GB"));
  CHECK_FALSE(q::parse_unit_spec(""));
  auto u = q::parse_unit("TB/month");
  REQUIRE(u);
  CHECK(q::same_dimension(*u, q::parse("2.5 TB/month").value.unit));
  CHECK_FALSE(q::parse_unit("fortnights"));
}

TEST_CASE("converting to a parsed unit gives what converting to its text gives") {
  auto spec = q::parse_unit_spec("GB/day");
  REQUIRE(spec);
  q::Result rate = q::parse("20 MB/s");
  REQUIRE(rate.ok());
  std::optional<q::Quantity> c = q::convert(rate.value, *spec);
  REQUIRE(c);
  q::Result by_text = q::convert(rate.value, "GB/day");
  REQUIRE(by_text.ok());
  CHECK(q::format(*c) == q::format(by_text.value));
  CHECK(q::format(*c) == "1730 GB/day");
  q::Result users = q::parse("200M users");
  REQUIRE(users.ok());
  CHECK_FALSE(q::convert(users.value, *spec));
}
