#include "text/byte_census.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>

#include "text/utf8.hpp"

using sdi::text::ByteCensus;
using sdi::text::is_control_byte;
using sdi::text::take_census;

namespace {

// The census taken a byte at a time.
ByteCensus census_by_bytes(std::string_view bytes, std::size_t sample) {
  ByteCensus c;
  c.sampled = std::min(bytes.size(), sample);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    c.has_nul = c.has_nul || b == 0;
    if (i < c.sampled && is_control_byte(b)) ++c.controls;
  }
  c.first_invalid = sdi::text::utf8::first_invalid(bytes);
  return c;
}

void check_same(std::string_view bytes, std::size_t sample) {
  const ByteCensus want = census_by_bytes(bytes, sample);
  const ByteCensus got = take_census(bytes, sample);
  CHECK(got.has_nul == want.has_nul);
  CHECK(got.sampled == want.sampled);
  CHECK(got.controls == want.controls);
  CHECK(got.first_invalid == want.first_invalid);
}

}  // namespace

TEST_CASE("the census of text counts its controls and finds bad UTF-8 like a byte loop") {
  check_same("", 64);
  check_same("plain ASCII text, long enough to fill two blocks of sixteen bytes\n", 1 << 16);
  check_same("colours \x1B[31mred\x1B[0m and\ttabs\f\r\n\x01\x7F", 1 << 16);
  // A sequence across the end of a block, then a bad byte in the scalar tail.
  check_same(std::string(15, 'a') + "\xE2\x80\x94" + std::string(14, 'b') + "\xC3", 1 << 16);
  check_same(std::string(30, 'a') + "\xF0\x9F\x98\x80" + std::string(40, 'c'), 1 << 16);
  check_same(std::string(40, 'a') + "\xED\xA0\x80" + std::string(40, 'c'), 1 << 16);
  check_same(std::string(100, '\x01') + std::string(100, 'a') + '\0', 37);
}

TEST_CASE("the census of random bytes matches a byte loop for any sample") {
  std::mt19937 rng(7);
  const std::string alphabet = std::string("abc \n\t\x1B\x01\x7F\0", 10) +
                               "\xC3\xA9\xE2\x80\x94\xF0\x9F\x98\x80\xED\xA0\xC0\xFF";
  for (int round = 0; round < 300; ++round) {
    std::string bytes(rng() % 9000, 'a');
    const int rare = static_cast<int>(rng() % 50) + 1;  // one byte in `rare` is not a letter
    for (char& b : bytes) {
      if (static_cast<int>(rng() % static_cast<unsigned>(rare)) == 0)
        b = alphabet[rng() % alphabet.size()];
    }
    check_same(bytes, rng() % 2 == 0 ? std::size_t{1} << 16 : rng() % 9000);
  }
}
