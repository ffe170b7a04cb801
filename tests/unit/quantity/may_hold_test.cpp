// The scanner's prefilter agrees, on every text, with its plain definition byte by byte.

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "quantity/quantity.hpp"

namespace q = sdi::quantity;

namespace {

// A digit starting a run of digits with no letter glued before it (but an x), a backslash or a big
// scale word's start anywhere, in any case.
bool plainly_may_hold(std::string_view text) {
  std::string lower(text);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  for (std::size_t i = 0; i < lower.size(); ++i) {
    char c = lower[i];
    if (c >= '0' && c <= '9') {
      char before = i > 0 ? lower[i - 1] : ' ';
      bool alnum = (before >= 'a' && before <= 'z') || (before >= '0' && before <= '9');
      if (!alnum || before == 'x') return true;
    }
    if (c == '\\') return true;
    std::string_view rest = std::string_view(lower).substr(i);
    for (std::string_view w : {"mil", "mln", "bil", "bln", "thousand", "tril"})
      if (rest.starts_with(w)) return true;
  }
  return false;
}

// The same pseudo-random numbers on every run, so a failing text can be found again.
class Lcg {
 public:
  explicit Lcg(std::uint32_t seed) : seed_(seed) {}
  std::uint32_t next() {
    seed_ = seed_ * 1664525u + 1013904223u;
    return seed_ >> 8;
  }

 private:
  std::uint32_t seed_;
};

}  // namespace

TEST_CASE("the prefilter lets through exactly the texts with a number, backslash or scale word") {
  // Texts of every length around the sixteen bytes read at once, from letters that start and
  // continue scale words, near misses ("the", "tho", "mi") and bytes on both sides of the digits.
  const std::string_view alphabet = "mMbBtThHoOrRiIlLnNuUsSaAdD /:\\09\xC3\x97xX";
  Lcg random(12345);
  auto next = [&] { return random.next(); };
  int held = 0;
  for (int round = 0; round < 20000; ++round) {
    std::size_t length = next() % 48;
    std::string text;
    for (std::size_t k = 0; k < length; ++k) {
      // Mostly letters, so that texts both with and without a scale word are common.
      std::size_t pick = next() % 100;
      text += pick < 97 ? alphabet[next() % 26] : alphabet[26 + next() % (alphabet.size() - 26)];
    }
    bool expected = plainly_may_hold(text);
    held += expected;
    CHECK_MESSAGE(q::may_hold_quantity(text) == expected, text);
  }
  CHECK(held > 1000);
  CHECK(held < 19000);
  CHECK(q::may_hold_quantity(std::string(40, 'x') + "Thousand"));
  CHECK(q::may_hold_quantity(std::string(17, 'x') + "mln"));
  CHECK_FALSE(q::may_hold_quantity("though the mighty bells throb, tho trials"));
  // Digits inside words are no numbers; after an x they may be ("2x10^5", "(a)x10").
  CHECK_FALSE(q::may_hold_quantity("p99 latency on S3 and EC2 over IPv4, base62 ids"));
  CHECK(q::may_hold_quantity("(n)x10"));
  CHECK(
      q::may_hold_quantity("n \xC3\x97"
                           "10"));
}

TEST_CASE("the prefilter turns away no text scan() finds a figure in") {
  // Letters and digits glued every way, with the signs a figure may start after.
  const std::string_view alphabet = "abxXeEkKmMgGB 0123456789.,/()-+=~$%\xC3\x97";
  Lcg random(777);
  auto next = [&] { return random.next(); };
  for (int round = 0; round < 20000; ++round) {
    std::size_t length = next() % 24;
    std::string text;
    for (std::size_t k = 0; k < length; ++k) text += alphabet[next() % alphabet.size()];
    if (!q::may_hold_quantity(text)) CHECK_MESSAGE(q::scan(text).empty(), text);
  }
}
