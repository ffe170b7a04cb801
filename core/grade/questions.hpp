#pragma once
// The candidate's clarifying questions, matched against the pack's: from a "Clarifying
// questions" section, from any sentence that ends in '?', and from the REPL's log in front matter.

#include <memory>
#include <string>
#include <vector>

#include "grade/analysis.hpp"
#include "grade/stem_memo.hpp"
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

// A pack's questions with the meaning words of every phrasing numbered for matching: compiled on
// first need and kept, so the answers graded against one pack share the work. Not thread-safe;
// `questions` must outlive it.
class QuestionIndex {
 public:
  // With a `cache_kind` (one per pack), the phrasings are stemmed through the start-up cache.
  explicit QuestionIndex(const std::vector<pack::Question>& questions, std::string cache_kind = {});
  ~QuestionIndex();
  QuestionIndex(const QuestionIndex&) = delete;
  QuestionIndex& operator=(const QuestionIndex&) = delete;

  const std::vector<pack::Question>& questions() const { return questions_; }

  class FormIndex;  // questions.cpp
  const FormIndex& forms() const;

 private:
  const std::vector<pack::Question>& questions_;
  std::string cache_kind_;
  mutable std::unique_ptr<std::vector<std::vector<std::shared_ptr<const StemList>>>> stems_;
  mutable std::unique_ptr<FormIndex> forms_;
};

// Index of the pack question a candidate's question asks, or -1.
int match_question(std::string_view asked, const std::vector<pack::Question>& questions);

QuestionFindings find_questions(const Analysis& a, const std::vector<pack::Question>& questions);
QuestionFindings find_questions(const Analysis& a, const QuestionIndex& questions);

}  // namespace sdi::grade
