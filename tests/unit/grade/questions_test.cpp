#include "grade/questions.hpp"

#include <doctest/doctest.h>

#include "support.hpp"

namespace {
std::vector<sdi::pack::Question> sample_questions() {
  std::vector<sdi::pack::Question> qs(3);
  qs[0].id = "scale";
  qs[0].text = "How many daily active users?";
  qs[0].phrasings = {"how many users", "DAU"};
  qs[1].id = "ratio";
  qs[1].text = "What is the read to write ratio?";
  qs[1].phrasings = {"read write ratio", "reads per write"};
  qs[2].id = "media";
  qs[2].text = "Do tweets contain photos or videos?";
  qs[2].phrasings = {"photos", "videos", "media"};
  return qs;
}
}  // namespace

TEST_CASE("candidate questions match the pack's by their meaning words") {
  auto qs = sample_questions();
  CHECK(sdi::grade::match_question("How many users will the system have?", qs) == 0);
  CHECK(sdi::grade::match_question("What's our DAU?", qs) == 0);
  CHECK(sdi::grade::match_question("Is the read/write ratio high?", qs) == 1);
  CHECK(sdi::grade::match_question("How many reads per write do we expect?", qs) == 1);
  CHECK(sdi::grade::match_question("Can tweets include videos?", qs) == 2);
  CHECK(sdi::grade::match_question("What colour is the logo?", qs) == -1);
}

TEST_CASE("asked questions: sentences ending in '?' and items under a questions heading") {
  auto qs = sample_questions();
  sdi::test::Analysed a(
      "# Clarifying questions\n\n"
      "- Read write ratio\n"
      "- How many users?\n\n"
      "# Design\n\n"
      "We shard by user. Can tweets include videos? Reads go to replicas.\n\n"
      "- Photos are stored in S3\n");
  auto f = sdi::grade::find_questions(a.analysis, qs);
  REQUIRE(f.asked.size() == 3);
  CHECK(f.asked[0].text == "Read write ratio");
  CHECK(f.asked[0].matched == 1);
  CHECK(f.asked[1].text == "How many users?");
  CHECK(f.asked[1].matched == 0);
  CHECK(f.asked[2].text == "Can tweets include videos?");
  CHECK(f.asked[2].line == 8);
  CHECK(f.asked[2].matched == 2);
  CHECK(f.covered_by == std::vector<int>{1, 0, 2});
}

TEST_CASE("asked questions: a sentence cut short for display is not one") {
  std::string long_question = "Will";
  while (long_question.size() < 220) long_question += " the users upload large videos";
  long_question += "?";
  sdi::test::Analysed a("# Design\n\n" + long_question + "\n");
  auto f = sdi::grade::find_questions(a.analysis, sample_questions());
  CHECK(f.asked.empty());
  sdi::test::Analysed short_one("# Design\n\nWill the users upload large videos?\n");
  CHECK(sdi::grade::find_questions(short_one.analysis, sample_questions()).asked.size() == 1);
}

TEST_CASE("candidate questions: the best score wins, ties go to the first, repeated words count") {
  std::vector<sdi::pack::Question> qs(3);
  qs[0].text = "Do we store photos?";
  qs[0].phrasings = {"photos"};
  qs[1].text = "Do we store videos?";
  qs[1].phrasings = {"videos"};
  qs[2].text = "How many users per user group?";
  qs[2].phrasings = {"users per user"};
  // Both phrasings complete with one word each: the first question.
  CHECK(sdi::grade::match_question("Photos or videos?", qs) == 0);
  CHECK(sdi::grade::match_question("Videos or photos?", qs) == 0);
  // A phrasing repeating a word needs it once and scores both: it beats a one-word phrasing.
  CHECK(sdi::grade::match_question("How many photos does a user keep?", qs) == 2);
}

TEST_CASE("asked questions: a compound question covers each question it holds a phrasing of") {
  // It matches the ratio question best, and holds the whole of the users question's text.
  sdi::test::Analysed a(
      "# Design\n\nHow many daily active users, and what is the read write ratio?\n");
  auto f = sdi::grade::find_questions(a.analysis, sample_questions());
  REQUIRE(f.asked.size() == 1);
  CHECK(f.asked[0].matched == 1);
  CHECK(f.covered_by == std::vector<int>{0, 0, -1});
  // A one-word phrasing ("users") is not enough to cover another question.
  sdi::test::Analysed b("# Design\n\nHow many users, and what is the read write ratio?\n");
  CHECK(sdi::grade::find_questions(b.analysis, sample_questions()).covered_by ==
        std::vector<int>{-1, 0, -1});
}

TEST_CASE("asked questions: a heading names questions in any case, or once a bracket is dropped") {
  sdi::test::Analysed a(
      "# 1. Open QUESTIONS\n\n"
      "- Read write ratio\n\n"
      "# Requirements\n\n"
      "- Photos are stored in S3\n\n"
      "# Que[draft]stions\n\n"
      "- Media\n\n"
      "# Q&A\n\n"
      "- Daily users\n");
  auto f = sdi::grade::find_questions(a.analysis, sample_questions());
  REQUIRE(f.asked.size() == 2);
  CHECK(f.asked[0].text == "Read write ratio");
  CHECK(f.asked[1].text == "Media");
}
