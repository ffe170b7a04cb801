#pragma once
// Maps an answer's headings to a template's steps: aliases, word overlap with stems and typo
// tolerance, step numbering and time budgets stripped ("Step 2 - Propose high-level design",
// "Requirments", "HLD", "(3) Capacity Estimations [3 min]").

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pack/template.hpp"
#include "text/document.hpp"
#include "text/fuzzy.hpp"
#include "text/string_hash.hpp"

namespace sdi::grade {

// The heading with numbering, time budgets and decoration removed, lowercase.
std::string normalize_heading(std::string_view heading);

// Best step for one heading and how sure the match is (0..1); -1 when nothing fits.
struct StepMatch {
  int step = -1;
  double score = 0;
};
StepMatch match_heading(std::string_view heading, const pack::Template& t);

// Step index per section; unmatched sections inherit their parent's step, else -1.
std::vector<int> map_sections(const text::Document& doc, const pack::Template& t);

// The same, with the template's step names read once: a grader keeps one per template and
// remembers the headings it has matched.
class StepMatcher {
 public:
  explicit StepMatcher(const pack::Template& t);
  StepMatch match(std::string_view heading) const;
  std::vector<int> map_sections(const text::Document& doc) const;

 private:
  struct Candidate {
    int step = -1;
    std::string norm;           // the alias, title or id as normalize_heading gives it
    std::vector<int> stem_ids;  // its content stems, as indices into stems_
    bool multiword = false;
  };
  StepMatch compute(std::string_view heading) const;
  // Per word of stems_: whether `word` is it or a typo of it, remembered per word.
  const std::vector<char>& word_matches(const std::string& word) const;
  // Dice overlap of a heading's content words (given as their word_matches) with a candidate's,
  // typo tolerant.
  static double overlap(const std::vector<std::vector<char>>& words, const Candidate& c);

  std::vector<Candidate> candidates_;
  std::vector<std::string> stems_;           // every candidate's content stems, once each
  std::vector<text::FuzzyWord> stem_words_;  // stems_, prepared for typo-tolerant comparison
  mutable std::unordered_map<std::string, std::vector<char>, text::StringHash, std::equal_to<>>
      word_matches_;
  mutable std::unordered_map<std::string, StepMatch, text::StringHash, std::equal_to<>> seen_;
};

}  // namespace sdi::grade
