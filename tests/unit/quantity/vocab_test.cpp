// The word tables: counted nouns, their tags and singulars, units and the small word lists.

#include "quantity/vocab.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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
  CHECK(d::rate_adverb_seconds("HOURLY") == 3600);
  CHECK(d::rate_adverb_seconds("NightLy") == 86400);
  CHECK(d::rate_adverb_seconds("weekLY") == 7 * 86400.0);
  CHECK(d::rate_adverb_seconds("Monthly") == 30 * 86400.0);
  CHECK(d::rate_adverb_seconds("yearly") == 365 * 86400.0);
  CHECK(d::rate_adverb_seconds("early") == 0);
  CHECK(d::rate_adverb_seconds("dailyx") == 0);
  CHECK(d::rate_adverb_seconds("daily1") == 0);
}

namespace {

// The singular rules as they read in words: each ending checked in turn.
std::string singular_by_endings(std::string_view s) {
  auto ends = [&](std::string_view e) { return s.ends_with(e); };
  if (s.empty() || s.back() != 's') {
    if (s == "people") return "person";
    if (s == "children") return "child";
    return std::string(s);
  }
  if (ends("'s")) s.remove_suffix(2);
  if (s.size() <= 3) {
    if (s.size() == 3 && s.back() == 's' && s != "bus" && s != "gas" && s != "sms" && s != "dns" &&
        s != "aws" && s != "sns" && s != "sqs" && s != "ios")
      s.remove_suffix(1);
    return std::string(s);
  }
  if (ends("ies")) return std::string(s.substr(0, s.size() - 3)) + "y";
  if (ends("sses") || ends("shes") || ends("ches") || ends("xes") || ends("zzes"))
    return std::string(s.substr(0, s.size() - 2));
  if (ends("uses") && s != "uses") return std::string(s.substr(0, s.size() - 2));
  if (ends("ss") || ends("us") || ends("is")) return std::string(s);
  if (s.back() == 's') s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

TEST_CASE("singular_parts follows the singular rules on every short word of telling letters") {
  const std::string_view letters = "sehicxzu'ay";
  std::uint32_t seed = 7;
  for (int round = 0; round < 20000; ++round) {
    seed = seed * 1664525u + 1013904223u;
    std::size_t length = (seed >> 8) % 8;
    std::string word;
    for (std::size_t k = 0; k < length; ++k) {
      seed = seed * 1664525u + 1013904223u;
      word += letters[(seed >> 8) % letters.size()];
    }
    if (round % 3 == 0) word += 's';
    CHECK_MESSAGE(joined(q::singular_parts(word)) == singular_by_endings(word), word);
  }
  for (const char* w : {"uses", "buses", "statuses", "glasses", "caches", "boxes", "user's"})
    CHECK(joined(q::singular_parts(w)) == singular_by_endings(w));
}

TEST_CASE("a known noun's tag is read in one go the way noun_tag reads it") {
  for (std::string_view w : {"users",
                             "Users",
                             "DAU",
                             "reqs",
                             "msgs",
                             "active",
                             "photos",
                             "pics",
                             "docs",
                             "txns",
                             "servers",
                             "node",
                             "nodejs",
                             "storage",
                             "the",
                             "xyzzy",
                             "",
                             "B",
                             "averyveryverylongwordthatisnonoun",
                             "Requests",
                             "queries",
                             "boxes",
                             "entries"}) {
    CAPTURE(w);
    std::optional<std::string> tag = d::known_noun_tag(w);
    REQUIRE(tag.has_value() == d::is_known_noun(w));
    if (tag) CHECK(*tag == d::noun_tag(w));
  }
}
