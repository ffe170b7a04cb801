// Figures the candidate sets aside, told by the cue words in the clause before them.

#include "grade/estimate_cues.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>

using sdi::grade::set_aside_by_cue;

namespace {

// The rule in words: lowercase the 40 bytes before the figure, keep what follows the last
// clause break, and look for each cue.
bool plainly_set_aside(std::string_view text, std::size_t offset) {
  std::size_t from = offset > 40 ? offset - 40 : 0;
  std::string clause;
  for (std::size_t k = from; k < offset; ++k) {
    char c = text[k];
    if (c == ',' || c == ';' || c == ':') {
      clause.clear();
      continue;
    }
    clause += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  for (std::string_view cue : {"instead of", "rather than", "not ", "no longer", "unlike"})
    if (clause.find(cue) != std::string::npos) return true;
  return false;
}

std::size_t figure_in(std::string_view text) {
  return text.find_first_of("0123456789");
}

}  // namespace

TEST_CASE("a cue in the figure's own clause sets it aside") {
  for (std::string_view text :
       {"Instead of 500 KB/s we stream", "we budget 3 replicas rather than 5", "NOT 10K writes",
        "no longer 2 regions", "Unlike 40 ms before"}) {
    std::size_t last = text.find_last_of("0123456789");
    CHECK_MESSAGE(set_aside_by_cue(text, last) == plainly_set_aside(text, last), text);
  }
  CHECK(set_aside_by_cue("Instead of 500 KB/s", figure_in("Instead of 500 KB/s")));
  CHECK(set_aside_by_cue("It is NOT 10K", figure_in("It is NOT 10K")));
  CHECK_FALSE(
      set_aside_by_cue("instead of that, 500 KB/s", figure_in("instead of that, 500 KB/s")));
  CHECK_FALSE(set_aside_by_cue("Notably 10K", figure_in("Notably 10K")));
  std::string far = "instead of" + std::string(40, ' ') + "7";
  CHECK_FALSE(set_aside_by_cue(far, far.size() - 1));
  CHECK(set_aside_by_cue("unlike 7", 7));
}

TEST_CASE("set-aside cues agree with the rule on every text of telling bytes") {
  const std::string_view pieces[] = {"instead of ", "rather than ", "not ",        "no longer ",
                                     "unlike ",     "NOT ",         "Instead Of ", "nothing ",
                                     ", ",          "; ",           ": ",          "we ",
                                     "no ",         "un",           "x "};
  std::uint32_t seed = 99;
  auto next = [&] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    std::size_t parts = next() % 14;  // past the 40 bytes read, at every alignment
    for (std::size_t k = 0; k < parts; ++k) text += pieces[next() % std::size(pieces)];
    for (std::size_t offset = 0; offset <= text.size(); ++offset)
      CHECK_MESSAGE(set_aside_by_cue(text, offset) == plainly_set_aside(text, offset),
                    text.substr(0, offset));
  }
}
