// The scanner's prefilter agrees, on every text, with its plain definition byte by byte.

#include <doctest/doctest.h>

#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "quantity/quantity.hpp"

namespace q = sdi::quantity;

namespace {

// A digit starting a run of digits with no letter glued before it (but an x), a backslash or a big
// scale word that is a whole run of letters, in any case.
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
    auto letter = [&](std::size_t k) { return lower[k] >= 'a' && lower[k] <= 'z'; };
    if (!letter(i) || (i > 0 && letter(i - 1))) continue;
    std::size_t end = i;
    while (end < lower.size() && letter(end)) ++end;
    std::string_view word = std::string_view(lower).substr(i, end - i);
    for (std::string_view w :
         {"thousand", "million", "mill", "mil", "mln", "billion", "bil", "bln", "trillion", "tril"})
      if (word == w) return true;
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
  CHECK(q::may_hold_quantity(std::string(39, 'x') + " Thousand"));
  CHECK(q::may_hold_quantity(std::string(16, 'x') + " mln"));
  CHECK_FALSE(q::may_hold_quantity(std::string(40, 'x') + "Thousand"));
  CHECK_FALSE(q::may_hold_quantity(std::string(17, 'x') + "mln"));
  CHECK_FALSE(q::may_hold_quantity("though the mighty bells throb, tho trials"));
  // A scale word's letters inside or at the start of a longer word are no scale word.
  CHECK_FALSE(q::may_hold_quantity("availability, durability and a similar family of mobile apps"));
  CHECK_FALSE(q::may_hold_quantity("milliseconds of billing for thousands, a mild trilogy"));
  CHECK(q::may_hold_quantity("(million)"));
  CHECK(q::may_hold_quantity("x_Billion"));
  CHECK(q::may_hold_quantity("a Mill."));
  // Digits inside words are no numbers; after an x they may be ("2x10^5", "(a)x10").
  CHECK_FALSE(q::may_hold_quantity("p99 latency on S3 and EC2 over IPv4, base62 ids"));
  CHECK(q::may_hold_quantity("(n)x10"));
  CHECK(
      q::may_hold_quantity("n \xC3\x97"
                           "10"));
}

TEST_CASE("the prefilter turns away no scale word scan() reads, whatever is glued before it") {
  // Pieces of words and the bytes that may end or join them, with no digit: a figure can only
  // start at an article before a big scale word here.
  const std::string_view pieces[] = {
      "s",        "ion",      "a ",       "an ", "A ",    "x",  "million", "Mil", "bln",
      "THOUSAND", "trillion", "bil",      "mln", "abi",   "si", "_",       ".",   "'",
      " ",        "\xC2\xB5", "\xC3\xA9", "-",   "users", "(",  ")"};
  Lcg random(4242);
  auto next = [&] { return random.next(); };
  int found = 0;  // texts the scanner finds a figure in: the case above must come up
  for (int round = 0; round < 20000; ++round) {
    std::size_t count = next() % 8;
    std::string text;
    for (std::size_t k = 0; k < count; ++k) text += pieces[next() % std::size(pieces)];
    bool figures = !q::scan(text).empty();
    found += figures;
    if (!q::may_hold_quantity(text)) CHECK_MESSAGE(!figures, text);
  }
  CHECK(found > 100);
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
