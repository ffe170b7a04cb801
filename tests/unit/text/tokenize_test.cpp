#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "text/stem.hpp"
#include "text/token.hpp"

using sdi::text::has_digit;
using sdi::text::lower_ascii;
using sdi::text::stem;
using sdi::text::tokenize;

namespace {

std::vector<std::string> lowers(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& token : tokenize(text)) out.push_back(token.lower);
  return out;
}

using Words = std::vector<std::string>;

}  // namespace

TEST_CASE("tokens keep their text, lowercase form and byte offset") {
  const std::string text = "  Use S3, then L7!";
  const auto tokens = tokenize(text);
  REQUIRE(tokens.size() == 4);
  CHECK(tokens[0].text == "Use");
  CHECK(tokens[0].lower == "use");
  CHECK(tokens[0].offset == 2);
  CHECK(tokens[1].text == "S3");
  CHECK(tokens[1].lower == "s3");
  CHECK(tokens[1].offset == 6);
  CHECK(tokens[3].text == "L7");
  CHECK(tokens[3].offset == 15);
  for (const auto& token : tokens) {
    CHECK(text.substr(token.offset, token.text.size()) == token.text);
  }
}

TEST_CASE("joining characters stay inside words") {
  CHECK(lowers("A read-heavy, write-through system.") ==
        Words{"a", "read-heavy", "write-through", "system"});
  CHECK(lowers("We don't use Node.js; it's the user's call.") ==
        Words{"we", "don't", "use", "node.js", "it's", "the", "user's", "call"});
  CHECK(lowers("p99 latency, base62 ids, the 80/20 rule, 24/7") ==
        Words{"p99", "latency", "base62", "ids", "the", "80/20", "rule", "24/7"});
  CHECK(lowers("user_id and e.g. v1.2.3 or 3.5") ==
        Words{"user_id", "and", "e.g", "v1.2.3", "or", "3.5"});
}

TEST_CASE("numbers are tokens as written") {
  CHECK(lowers("86,400 s/day or 1,000,000 users; lists 1,2,3") ==
        Words{"86,400", "s", "day", "or", "1,000,000", "users", "lists", "1", "2", "3"});
  CHECK(lowers("~4K writes/sec, 50% of 2.5M, 10^5, $100") ==
        Words{"4k", "writes", "sec", "50", "of", "2.5m", "10", "5", "100"});
  CHECK(lowers("3-5K QPS") == Words{"3-5k", "qps"});
}

TEST_CASE("separators that are not joiners split") {
  CHECK(lowers("read/write FR/NFR") == Words{"read", "write", "fr", "nfr"});
  CHECK(lowers("end. Next-- -dash- 'quoted' users' (paren)") ==
        Words{"end", "next", "dash", "quoted", "users", "paren"});
  CHECK(lowers("a+b=c#d@e:f") == Words{"a", "b", "c", "d", "e", "f"});
  CHECK(lowers("").empty());
  CHECK(lowers(" \n\t.,;-").empty());
}

TEST_CASE("non-ASCII letters are kept, Unicode punctuation splits") {
  CHECK(lowers("Caf\xC3\xA9 NA\xC3\x8FVE") == Words{"caf\xC3\xA9", "na\xC3\x8Fve"});
  // em dash, arrow, bullet, non-breaking space, multiplication sign, emoji
  CHECK(lowers("cache\xE2\x80\x94"
               "because a\xE2\x86\x92"
               "b \xE2\x80\xA2 c\xC2\xA0"
               "d 3\xC3\x97"
               "4 "
               "ok\xF0\x9F\x98\x80"
               "yes") == Words{"cache", "because", "a", "b", "c", "d", "3", "4", "ok", "yes"});
  // A typographic apostrophe inside a word reads as an ASCII one.
  const auto tokens = tokenize("Don\xE2\x80\x99t");
  REQUIRE(tokens.size() == 1);
  CHECK(tokens[0].text == "Don\xE2\x80\x99t");
  CHECK(tokens[0].lower == "don't");
  // An ill-formed byte reads as U+FFFD, which separates, and scanning carries on after it.
  CHECK(lowers("bad\xFF"
               "byte \xC3") == Words{"bad", "byte"});
}

TEST_CASE("tokens carry stems, numbers keep their written form") {
  const auto tokens = tokenize("Sharding caches 2.5M replicas p99");
  REQUIRE(tokens.size() == 5);
  CHECK(tokens[0].stem == stem("sharding"));
  CHECK(tokens[0].stem == "shard");
  CHECK(tokens[1].stem == stem("caches"));
  CHECK(tokens[2].stem == "2.5m");
  CHECK(tokens[3].stem == stem("replicas"));
  CHECK(tokens[4].stem == "p99");
}

TEST_CASE("lower_ascii and has_digit") {
  CHECK(lower_ascii("HLD \xC3\x89t\xC3\xA9 FR/NFR") == "hld \xC3\x89t\xC3\xA9 fr/nfr");
  CHECK(has_digit("l7"));
  CHECK_FALSE(has_digit("load"));
}

TEST_CASE("split_words into a reused list gives the words and offsets of a fresh one") {
  std::vector<sdi::text::Word> reused = sdi::text::split_words("leftover words from before");
  for (std::string_view text :
       {"Use S3 (read-heavy), 86,400 req/s; café’s p99 ~4K", "don't 24/7 node.js e.g. x_y",
        "naïve—résumé", "trailing-", "a", "", "...", "ends with 3.5."}) {
    const std::vector<sdi::text::Word> fresh = sdi::text::split_words(text);
    sdi::text::split_words(text, reused);
    REQUIRE(reused.size() == fresh.size());
    for (std::size_t i = 0; i < fresh.size(); ++i) {
      CHECK(reused[i].text == fresh[i].text);
      CHECK(reused[i].offset == fresh[i].offset);
    }
    std::vector<std::string> tokens;
    for (const auto& t : tokenize(text)) tokens.emplace_back(t.text);
    CHECK(tokens.size() == fresh.size());
  }
  std::vector<std::string> got;
  for (const auto& w : sdi::text::split_words("Use S3 (read-heavy), 86,400 req/s; p99 ~4K."))
    got.emplace_back(w.text);
  CHECK(got == Words{"Use", "S3", "read-heavy", "86,400", "req", "s", "p99", "4K"});
  got.clear();
  for (const auto& w : sdi::text::split_words("café’s naïve—résumé 80/20 x_y"))
    got.emplace_back(w.text);
  CHECK(got == Words{"café’s", "naïve", "résumé", "80/20", "x_y"});
}

TEST_CASE("next_word finds the word at or after a place, and ASCII word ends are told alike") {
  const std::string_view text = "  Use S3, node.js and 3,1234; don't stop- café x.";
  const auto words = sdi::text::split_words(text);
  // From any place: the first word that does not start before it.
  for (std::size_t from = 0; from <= text.size(); ++from) {
    CAPTURE(from);
    const sdi::text::Word got = sdi::text::next_word(text, from);
    const auto want = std::find_if(words.begin(), words.end(),
                                   [&](const sdi::text::Word& w) { return w.offset >= from; });
    // Inside a word: what follows from there, which callers never ask.
    if (want != words.begin() && from < (want - 1)->offset + (want - 1)->text.size()) continue;
    if (want == words.end()) {
      CHECK(got.text.empty());
      CHECK(got.offset == text.size());
    } else {
      CHECK(got.text == want->text);
      CHECK(got.offset == want->offset);
    }
  }
  // Where a run of ASCII letters and digits ends a word, ascii_word_ends_at says so or defers.
  for (const auto& w : words) {
    std::size_t end = w.offset;
    while (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end]))) ++end;
    if (end == w.offset) continue;  // starts with a non-ASCII letter
    if (sdi::text::ascii_word_ends_at(text, end)) CHECK(end == w.offset + w.text.size());
  }
  CHECK(sdi::text::ascii_word_ends_at("S3, x", 2));
  CHECK(sdi::text::ascii_word_ends_at("x.", 1));
  CHECK_FALSE(sdi::text::ascii_word_ends_at("node.js", 4));
  CHECK_FALSE(sdi::text::ascii_word_ends_at("caf\xC3\xA9", 3));
  CHECK_FALSE(sdi::text::ascii_word_ends_at("x-\xC3\xA9", 1));
}
