// Tokens of quantity text: words of every length, wherever they end against the text's end.

#include "quantity/lexer.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace d = sdi::quantity::detail;

namespace {

std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> out;
  for (const d::Token& t : d::lex(text, false))
    if (t.kind == d::Tok::Word) out.push_back(t.text(text));
  return out;
}

}  // namespace

TEST_CASE("a word is its whole run of letters and digits, however long") {
  for (std::size_t n = 1; n <= 40; ++n) {
    std::string word;
    for (std::size_t k = 0; k < n; ++k) word += "aZ9q"[k % 4];
    CAPTURE(n);
    CHECK(words_of(word) == std::vector<std::string_view>{word});
    CHECK(words_of(word + " x") == std::vector<std::string_view>{word, "x"});
    std::string text = word + "-" + word + "\xC3\xA9" + word + "@";
    CHECK(words_of(text) == std::vector<std::string_view>{word, word, word});
  }
}

TEST_CASE("a word's run stops at any byte that is no ASCII letter or digit") {
  CHECK(words_of("abcdefghijklmnop[qrstuvwxyz") ==
        std::vector<std::string_view>{"abcdefghijklmnop", "qrstuvwxyz"});
  CHECK(words_of("ABCDEFGHIJKLMNOP`QRSTUVWXYZ{0123456789:") ==
        std::vector<std::string_view>{"ABCDEFGHIJKLMNOP", "QRSTUVWXYZ"});
  // Joiners keep a word whole: "read_write", "user's", "e.g".
  CHECK(words_of("averyveryverylong_identifier_name user's") ==
        std::vector<std::string_view>{"averyveryverylong_identifier_name", "user's"});
  CHECK(words_of("4K") == std::vector<std::string_view>{"K"});
}
