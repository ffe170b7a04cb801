#pragma once
// The candidate's clarifying questions, matched against the pack's: from a "Clarifying
// questions" section, from any sentence that ends in '?', and from the REPL's log in front matter.

#include <string>
#include <vector>

#include "grade/analysis.hpp"
#include "pack/content.hpp"

namespace sdi::grade {

struct AskedQuestion {
  std::string text;
  int line = 0;      // 0 when it comes from the front matter log
  int matched = -1;  // index into the pack's questions
};

struct QuestionFindings {
  std::vector<AskedQuestion> asked;
  std::vector<int> covered_by;  // per pack question: index into `asked`, or -1
};

// Content stems of a question: the words that carry its meaning.
std::vector<std::string> question_stems(std::string_view text);

// Index of the pack question a candidate's question asks, or -1.
int match_question(std::string_view asked, const std::vector<pack::Question>& questions);

QuestionFindings find_questions(const Analysis& a, const std::vector<pack::Question>& questions);

}  // namespace sdi::grade
