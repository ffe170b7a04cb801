// The word tables: counted nouns, their tags and singulars, units and the small word lists.

#include "quantity/vocab.hpp"

#include <doctest/doctest.h>

#include <string>

#include "quantity/unit.hpp"

namespace q = sdi::quantity;
namespace d = sdi::quantity::detail;

namespace {

std::string joined(q::SingularParts p) {
  return std::string(p.head) + std::string(p.tail);
}

}  // namespace

TEST_CASE("singular_parts spells the singular of a lowercase word as singular does") {
  for (const char* w :
       {"users",    "queries", "boxes",    "searches", "statuses", "addresses", "people",
        "children", "ids",     "bus",      "data",     "uses",     "user's",    "'s",
        "s",        "",        "analysis", "status",   "kiss",     "dishes",    "buzzes",
        "ops",      "dns",     "photos",   "replies",  "caches",   "sms"})
    CHECK(joined(q::singular_parts(w)) == q::singular(w));
  q::SingularParts p = q::singular_parts("replies");
  CHECK(p.head == "repl");
  CHECK(p.tail == "y");
  std::string word = "requests";
  CHECK(q::singular_parts(word).head.data() == word.data());  // a part of the word, no copy
}

TEST_CASE("noun_tag: singular nouns, lowercase, abbreviations spelt out") {
  CHECK(d::noun_tag("Users") == "user");
  CHECK(d::noun_tag("queries") == "query");
  CHECK(d::noun_tag("reqs") == "request");
  CHECK(d::noun_tag("msgs") == "message");
  CHECK(d::noun_tag("DAU") == "dau");
  // Not a noun: kept as written, in lowercase.
  CHECK(d::noun_tag("Active") == "active");
  CHECK(d::noun_tag("Frobnicators") == "frobnicators");
  CHECK(d::noun_tag("averyveryverylongwordindeedyes") == "averyveryverylongwordindeedyes");
}

TEST_CASE("is_known_noun reads nouns and modifiers in any case and number") {
  CHECK(d::is_known_noun("users"));
  CHECK(d::is_known_noun("USERS"));
  CHECK(d::is_known_noun("query"));
  CHECK(d::is_known_noun("Queries"));
  CHECK(d::is_known_noun("active"));
  CHECK_FALSE(d::is_known_noun("frobnicators"));
  CHECK_FALSE(d::is_known_noun(""));
  CHECK_FALSE(d::is_known_noun("averyveryverylongwordindeedyes"));
}

TEST_CASE("word tables find their words and only those") {
  REQUIRE(d::find_unit("GB") != nullptr);
  CHECK(d::find_unit("GB")->symbol == "GB");
  REQUIRE(d::find_unit("gigabytes") != nullptr);
  CHECK(d::find_unit("Gigabytes") == d::find_unit("gigabytes"));
  CHECK(d::find_unit("") == nullptr);
  CHECK(d::find_unit("users") == nullptr);
  CHECK(d::find_scale("K") != nullptr);
  CHECK(d::find_scale("million") != nullptr);
  CHECK(d::find_scale("Million") == d::find_scale("million"));
  CHECK(d::find_scale("servers") == nullptr);
  CHECK(d::is_stopword("The"));
  CHECK_FALSE(d::is_stopword("storage"));
  CHECK(d::is_keyword("per"));
  CHECK_FALSE(d::is_keyword("users"));
  CHECK(d::rate_adverb_seconds("Daily") == 86400);
  CHECK(d::rate_adverb_seconds("annually") == 365 * 86400.0);
  CHECK(d::rate_adverb_seconds("day") == 0);
  CHECK(d::rate_adverb_seconds("fortnightly") == 0);
}
