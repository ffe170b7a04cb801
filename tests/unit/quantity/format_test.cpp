// Formatting for humans, and format(parse(x)) reading back as x.

#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "quantity/quantity.hpp"

namespace q = sdi::quantity;

namespace {

std::string fmt_of(const char* text, q::FormatOptions o = {}) {
  q::Result r = q::parse(text);
  if (!r) {
    FAIL_CHECK(q::render_error(text, *r.error));
    return "";
  }
  return q::format(r.value, o);
}

}  // namespace

TEST_CASE("format_number: 3 significant digits with K/M/B/T") {
  CHECK(q::format_number(0) == "0");
  CHECK(q::format_number(5) == "5");
  CHECK(q::format_number(123) == "123");
  CHECK(q::format_number(12.34) == "12.3");
  CHECK(q::format_number(0.5) == "0.5");
  CHECK(q::format_number(0.0123) == "0.0123");
  CHECK(q::format_number(0.00012) == "1.2e-4");
  CHECK(q::format_number(999.6) == "1K");
  CHECK(q::format_number(4629.63) == "4.63K");
  CHECK(q::format_number(46296.3) == "46.3K");
  CHECK(q::format_number(999999) == "1M");
  CHECK(q::format_number(3e8) == "300M");
  CHECK(q::format_number(1.2e9) == "1.2B");
  CHECK(q::format_number(7.3e12) == "7.3T");
  CHECK(q::format_number(1.5e15) == "1.5e15");
  CHECK(q::format_number(-3000) == "-3K");
  CHECK(q::format_number(std::nan("")) == "nan");
  CHECK(q::format_number(INFINITY) == "inf");
}

TEST_CASE("three significant digits round the double as stored, next to a tie too") {
  // 2.675 and 1.005 are stored a hair below the tie, 0.125 and 2.25 exactly on it.
  CHECK(q::format_plain(2.675) == "2.67");
  CHECK(q::format_plain(1.005) == "1");
  CHECK(q::format_plain(0.125) == "0.125");
  CHECK(q::format_plain(0.0125) == "0.0125");
  CHECK(q::format_plain(2.25) == "2.25");
  CHECK(q::format_plain(9.996) == "10");
  CHECK(q::format_plain(-0.5) == "-0.5");
  CHECK(q::format_plain(-12.35) == "-12.3");
  CHECK(q::format_plain(0.001) == "0.001");
  CHECK(q::format_plain(45678.9) == "45,700");
}

TEST_CASE("format_plain and format_duration") {
  CHECK(q::format_plain(86400) == "86,400");
  CHECK(q::format_plain(86412) == "86,400");
  CHECK(q::format_plain(1234) == "1230");
  CHECK(q::format_plain(1000) == "1000");
  CHECK(q::format_plain(83.3333) == "83.3");
  CHECK(q::format_plain(1e6) == "1,000,000");
  CHECK(q::format_plain(-12345) == "-12,300");
  CHECK(q::format_duration(0.1) == "100 ms");
  CHECK(q::format_duration(1) == "1 s");
  CHECK(q::format_duration(90) == "1.5 min");
  CHECK(q::format_duration(86400) == "1 day");
  CHECK(q::format_duration(3 * 86400) == "3 days");
  CHECK(q::format_duration(5 * 365 * 86400.0) == "5 years");
  CHECK(q::format_duration(2e-6) == "2 µs");
}

TEST_CASE("counts and counted nouns") {
  CHECK(fmt_of("4629.6") == "4.63K");
  CHECK(fmt_of("300M users") == "300M users");
  CHECK(fmt_of("1 user") == "1 user");
  CHECK(fmt_of("5 queries") == "5 queries");
  CHECK(fmt_of("200M DAU") == "200M DAU");
  CHECK(fmt_of("2 tweets per user") == "2 tweets/user");
  CHECK(fmt_of("$5K") == "$5K");
  CHECK(fmt_of("300M users", {.approx = false, .nouns = false}) == "300M");
  CHECK(fmt_of("50%") == "0.5");
  CHECK(fmt_of("0.25 -> %") == "25%");
}

TEST_CASE("bytes and bits") {
  CHECK(fmt_of("300 bytes") == "300 bytes");
  CHECK(fmt_of("1 byte") == "1 byte");
  CHECK(fmt_of("1500 bytes") == "1.5 KB");
  CHECK(fmt_of("999.9 KB") == "1 MB");
  CHECK(fmt_of("83333 MB") == "83.3 GB");
  CHECK(fmt_of("3 PB") == "3 PB");
  CHECK(fmt_of("1 GiB") == "1.07 GB");
  CHECK(fmt_of("8 Gb") == "8 Gb");
  CHECK(fmt_of("1 bit") == "1 bit");
  CHECK(fmt_of("100 KB per photo") == "100 KB/photo");
}

TEST_CASE("rates choose a readable time unit, preferring the input's") {
  CHECK(fmt_of("4.6K/s") == "4.6K/s");
  CHECK(fmt_of("100/day") == "100/day");
  CHECK(fmt_of("2 tweets/day") == "2 tweets/day");
  CHECK(fmt_of("1 tweet/day") == "1 tweet/day");
  CHECK(fmt_of("2.5 TB/month") == "2.5 TB/month");
  CHECK(fmt_of("1 TB per year") == "1 TB/year");
  CHECK(fmt_of("0.001/s") == "86.4/day");    // below 1/s: per day
  CHECK(fmt_of("1e-9/s") == "0.0315/year");  // last resort
  CHECK(fmt_of("10 GB/s") == "10 GB/s");
  CHECK(fmt_of("50 bytes/s") == "50 bytes/s");
  CHECK(fmt_of("200M * 2 / 86400 s") == "4.63K/s");
  CHECK(fmt_of("1.2B requests/day") == "1.2B requests/day");
  CHECK(fmt_of("1.2bn/day") == "1.2bn/day");  // "1.2B/day" would read back as bytes
  CHECK(fmt_of("1 Gbps") == "1 Gbps");
  CHECK(fmt_of("0.5 Gbps") == "500 Mbps");
  CHECK(fmt_of("10 Gb/s") == "10 Gbps");
  CHECK(fmt_of("100 requests per second per server") == "100 requests/server/s");
}

TEST_CASE("durations") {
  CHECK(fmt_of("100 ms") == "100 ms");
  CHECK(fmt_of("90 s") == "90 s");
  CHECK(fmt_of("1.5 h") == "1.5 h");
  CHECK(fmt_of("30 days") == "30 days");
  CHECK(fmt_of("1 day") == "1 day");
  CHECK(fmt_of("10 years") == "10 years");
  CHECK(fmt_of("2 weeks") == "2 weeks");
  CHECK(fmt_of("day") == "1 day");
}

TEST_CASE("ranges, bounds, approximations, horizons") {
  CHECK(fmt_of("3-5K QPS") == "3K-5K/s");
  CHECK(fmt_of("3K-5K users") == "3K-5K users");
  CHECK(fmt_of("3-5 GB") == "3-5 GB");
  CHECK(fmt_of("15-20 min") == "15-20 min");
  CHECK(fmt_of("up to 10K users") == "up to 10K users");
  CHECK(fmt_of("at least 5 replicas") == "at least 5 replicas");
  CHECK(fmt_of("~4K writes/sec") == "4K writes/s");
  CHECK(fmt_of("~4K writes/sec", {.approx = true}) == "~4K writes/s");
  CHECK(fmt_of("4K writes/sec", {.approx = true}) == "4K writes/s");
  CHECK(fmt_of("3 PB over 5 years") == "3 PB over 5 years");
}

TEST_CASE("display units from conversions stick") {
  CHECK(fmt_of("2.5 TB/month -> GB/day") == "83.3 GB/day");
  CHECK(fmt_of("4.6K/s -> /day") == "397M/day");
  CHECK(fmt_of("1 GB -> MB") == "1000 MB");
  CHECK(fmt_of("1 PB -> GB") == "1,000,000 GB");
  CHECK(fmt_of("5 GB as bytes") == "5,000,000,000 bytes");
  CHECK(fmt_of("1 day -> s") == "86,400 s");
  CHECK(fmt_of("1 year -> days") == "365 days");
  CHECK(fmt_of("1 GB -> Mb") == "8000 Mb");
  q::Quantity gb_day = q::parse("2.5 TB/month -> GB/day").value;
  q::Quantity doubled = q::multiply(gb_day, q::Quantity::count(2));
  CHECK(q::format(doubled) == "167 GB/day");
}

TEST_CASE("round trips: format(parse(x)) reads back as x within 0.5%") {
  const char* inputs[] = {
      "4000",
      "4,629",
      "1.2e9",
      "0.5",
      "0.0123",
      "12.34",
      "999.7",
      "3e8",
      "7.3T",
      "1.5e15",
      "50%",
      "300M users",
      "200M DAU",
      "1 user",
      "2 tweets per user",
      "$5K",
      "$5K/month",
      "300 bytes",
      "1 byte",
      "1500 bytes",
      "999.9 KB",
      "1 KiB",
      "1 MiB",
      "3 PB",
      "7 EB",
      "1 Gb",
      "8 bits",
      "100 KB per photo",
      "100gb",
      "1 Gbps",
      "0.5 Gbps",
      "10 Mbps",
      "64 Kbps",
      "1 MBps",
      "2.5 TB/month",
      "100 GB/day",
      "1 TB per year",
      "10 GB/s",
      "50 bytes/s",
      "4.6K/s",
      "100/day",
      "2 tweets/day",
      "0.001/s",
      "1e-9/s",
      "1.2bn/day",
      "1.2B requests/day",
      "70k users per second",
      "3-5K QPS",
      "3K-5K users",
      "3-5 GB",
      "15-20 min",
      "10-20%",
      "up to 10K users",
      "at least 5 replicas",
      "~4K writes/sec",
      "3 PB over 5 years",
      "1 TB/day for 10 years",
      "100 ms",
      "500 µs",
      "90 s",
      "1.5 h",
      "30 days",
      "2 weeks",
      "6 months",
      "10 years",
      "86412 s",
      "2.5 TB/month -> GB/day",
      "4.6K/s -> /day",
      "5 GB as bytes",
      "1 day -> s",
      "300M users * 50% * 2 /day -> /s",
      "10^7 x 20 / 10^5",
      "200M * 2 / 86400 s",
      "1 GB -> Mb",
      "0.25 -> %",
      "100 requests per second per server",
      "5 ms",
      "365bil",
      "1.5 mil",
  };
  for (const char* in : inputs) {
    CAPTURE(in);
    q::Result a = q::parse(in);
    REQUIRE(a.ok());
    std::string text = q::format(a.value);
    CAPTURE(text);
    q::Result b = q::parse(text);
    if (!b) {
      FAIL_CHECK(q::render_error(text, *b.error));
      continue;
    }
    CHECK(q::same_dimension(a.value.unit, b.value.unit));
    CHECK(a.value.unit.bits == b.value.unit.bits);
    CHECK(a.value.unit.noun == b.value.unit.noun);
    CHECK(a.value.unit.per_noun == b.value.unit.per_noun);
    CHECK(a.value.is_range() == b.value.is_range());
    CHECK(a.value.upper_bound == b.value.upper_bound);
    CHECK(a.value.lower_bound == b.value.lower_bound);
    CHECK(a.value.horizon_seconds.has_value() == b.value.horizon_seconds.has_value());
    auto close = [](double x, double y) {
      if (x == y) return true;
      return std::fabs(x - y) <= 0.005 * std::max(std::fabs(x), std::fabs(y));
    };
    CHECK(close(a.value.value, b.value.value));
    if (a.value.is_range() && b.value.is_range()) {
      CHECK(close(*a.value.lo, *b.value.lo));
      CHECK(close(*a.value.hi, *b.value.hi));
    }
  }
}

TEST_CASE("numbers just under a thousand round up to the next scale only when they print as 1000") {
  CHECK(q::format_number(998.9) == "999");
  CHECK(q::format_number(999) == "999");
  CHECK(q::format_number(999.49) == "999");
  CHECK(q::format_number(999.5) == "1K");
  CHECK(q::format_number(-999.6) == "-1K");
  CHECK(q::format_number(998'900) == "999K");
  CHECK(q::format_number(999'500) == "1M");
  CHECK(q::format(q::Quantity::bytes(998'900)) == "999 KB");
  CHECK(q::format(q::Quantity::bytes(999'500)) == "1 MB");
}
