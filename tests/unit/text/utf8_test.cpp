#include "text/utf8.hpp"

#include <doctest/doctest.h>

#include <string>

using sdi::text::utf8::shorten;

TEST_CASE("shorten keeps text that fits and cuts longer text before a whole character") {
  CHECK(shorten("short", 10) == "short");
  CHECK(shorten("exactly10!", 10) == "exactly10!");
  CHECK(shorten("eleven long", 10) == "eleven ...");
  // "é" is two bytes; a cut at byte 7 would fall inside the one that starts at byte 6.
  const std::string accented = "abcdef\xC3\xA9ghij";
  CHECK(shorten(accented, 10) == "abcdef...");
  CHECK(shorten(accented, 11) == "abcdef\xC3\xA9...");
  CHECK(shorten(accented, 11).size() <= 11);
}
