#include "text/byte_scan.hpp"

#include <doctest/doctest.h>

#include <string>

using sdi::text::find_byte;

TEST_CASE("find_byte finds the first marker at or after a position") {
  const std::string text = "no marks here, then one. And ! another?";
  CHECK(find_byte<'.', '!', '?'>(text, 0) == text.find('.'));
  CHECK(find_byte<'.', '!', '?'>(text, text.find('.') + 1) == text.find('!'));
  CHECK(find_byte<'?'>(text, 0) == text.size() - 1);
  CHECK(find_byte<'#'>(text, 0) == text.size());
  CHECK(find_byte<'.'>("", 0) == 0);
}

TEST_CASE("find_byte agrees with a byte loop wherever the marker falls") {
  // Markers before, inside and after each sixteen-byte block, in texts of every length around it.
  for (std::size_t size = 0; size < 50; ++size) {
    for (std::size_t at = 0; at <= size; ++at) {
      std::string text(size, 'a');
      if (at < size) text[at] = '\xE2';
      for (std::size_t from = 0; from <= size; from += 7)
        CHECK(find_byte<'-', '\xE2'>(text, from) == (at < size && at >= from ? at : size));
    }
  }
}

TEST_CASE("find_byte finds a NUL marker only inside the text") {
  // A short text is looked at through a zero-padded copy, whose padding is no part of the text.
  for (std::size_t size = 0; size < 40; ++size) {
    std::string text(size, 'a');
    CHECK(find_byte<'\0'>(text, 0) == size);
    if (size > 0) {
      text[size - 1] = '\0';
      CHECK(find_byte<'\0', 'z'>(text, 0) == size - 1);
    }
  }
}
