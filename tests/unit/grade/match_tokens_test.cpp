// Tokens view words their list keeps: they stay whole however many words the thread reads after.

#include "grade/match_tokens.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "text/token.hpp"

namespace {

// `count` distinct words, more than the per-thread word memo holds.
std::string many_words(int count, const char* tag) {
  std::string text;
  for (int i = 0; i < count; ++i) {
    text += tag;
    text += std::to_string(i);
    text += ' ';
  }
  return text;
}

}  // namespace

TEST_CASE("match_tokens: words split at hyphens, lowercased and stemmed") {
  auto toks = sdi::grade::match_tokens("Write-through, Sharding_keys");
  REQUIRE(toks.size() == 4);
  CHECK(toks[0].lower == "write");
  CHECK(toks[0].original == "Write");
  CHECK(toks[1].lower == "through");
  CHECK(toks[1].offset == 6);
  CHECK_FALSE(toks[1].clause_break_before);
  CHECK(toks[2].stem == "shard");
  CHECK(toks[2].lower == "sharding");
  CHECK(toks[2].clause_break_before);
  CHECK(toks[3].stem == "key");
  CHECK(toks[3].original == "keys");
}

TEST_CASE("match_tokens: a list's words outlive the memo starting over") {
  const auto kept = sdi::grade::match_tokens("Sharding replicas");
  for (int round = 0; round < 3; ++round) {
    const auto other = sdi::grade::match_tokens(many_words(20000, round == 0 ? "qa" : "qb"));
    CHECK(other.size() == 20000);
  }
  REQUIRE(kept.size() == 2);
  CHECK(kept[0].stem == "shard");
  CHECK(kept[0].lower == "sharding");
  CHECK(kept[1].stem == "replica");
  CHECK(kept[1].lower == "replicas");
}

TEST_CASE("match_tokens: one text with more distinct words than the memo holds") {
  const auto toks = sdi::grade::match_tokens(many_words(70000, "zw") + "Caching");
  REQUIRE(toks.size() == 70001);
  CHECK(toks[0].lower == "zw0");
  CHECK(toks[69999].lower == "zw69999");
  CHECK(toks[70000].stem == "cach");
  CHECK(toks[70000].lower == "caching");
}

TEST_CASE("match_tokens: clause breaks are punctuation or a dash before a space") {
  const auto toks = sdi::grade::match_tokens("fast - cheap -flag (note) x; y: z w");
  REQUIRE(toks.size() == 8);
  std::vector<bool> breaks;
  for (const auto& t : toks) breaks.push_back(t.clause_break_before);
  CHECK(breaks == std::vector<bool>{false, true, false, true, true, true, true, false});
}

TEST_CASE("match_tokens: the words of split_words, split at hyphens and underscores") {
  // Texts where a word does not simply end at a space: joiners, non-ASCII letters and
  // separators, apostrophes, digit groups, a trailing joiner and long words.
  const char* texts[] = {
      "Use S3 (read-heavy), 86,400 req/s; p99 ~4K.",
      "caf\xC3\xA9\xE2\x80\x99s na\xC3\xAFve\xE2\x80\x94r\xC3\xA9sum\xC3\xA9 80/20 x_y",
      "node.js e.g. don't user's 3,1234 1,000,000 read/write a--b -x- _y_ end.",
      "Write-through, Sharding_keys-",
      "\xE2\x80\x94 ,lead \xF0\x9F\x98\x80word\xF0\x9F\x98\x80 ",
      "averyveryverylongwordthatspansmanychunks AVERYVERYVERYLONGWORDTHATSPANSMANYCHUNKS",
      // Words ending at and around sixteen bytes, and the bytes next to letters and digits.
      "abcdefghijklmnOP abcdefghijklmnoPQ ABCDEFGHIJKLMNO@x 0123456789abcdeF9/ a`b{c}Z[d]",
      "abcdefghijklmnopqrstuvwxyzABCDEF:ghijklmnopqrstuvwxyzABCDEFG\xC3\xA9z\x7F\xC0y\x80",
      "",
      "x",
  };
  for (const char* text : texts) {
    CAPTURE(text);
    std::vector<std::pair<std::string, std::uint32_t>> expected;
    for (const auto& w : sdi::text::split_words(text)) {
      std::size_t start = 0;
      for (std::size_t i = 0; i <= w.text.size(); ++i) {
        if (i < w.text.size() && w.text[i] != '-' && w.text[i] != '_') continue;
        if (i > start)
          expected.push_back({std::string(w.text.substr(start, i - start)),
                              w.offset + static_cast<std::uint32_t>(start)});
        start = i + 1;
      }
    }
    std::vector<std::pair<std::string, std::uint32_t>> got;
    for (const auto& t : sdi::grade::match_tokens(text)) {
      got.push_back({std::string(t.original), t.offset});
      CHECK(t.lower == sdi::text::lower_ascii(t.original));
    }
    CHECK(got == expected);
  }
}

TEST_CASE("match_tokens: the same word spelled in other cases is one word") {
  const auto toks = sdi::grade::match_tokens("Caching caching CACHING cachinG cachings");
  REQUIRE(toks.size() == 5);
  for (int i = 1; i < 4; ++i) CHECK(toks[i].lower.data() == toks[0].lower.data());
  CHECK(toks[4].lower == "cachings");
}
