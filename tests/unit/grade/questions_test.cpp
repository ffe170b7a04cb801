#include "grade/questions.hpp"

#include <doctest/doctest.h>

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
