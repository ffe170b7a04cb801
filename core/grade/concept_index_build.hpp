#pragma once
// Compiles concept forms into the block the concept index matches against
// (concept_index_layout.hpp): the slow part of building an index, stemming every form's words,
// which the start-up cache spares a cold start.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "grade/concept_index_layout.hpp"

namespace sdi::grade {

class ConceptFormsBuilder {
 public:
  // A form of concept `concept_idx`: the words of `text`, compared the way `compare` says.
  void add(int concept_idx, std::string_view text, concept_layout::Compare compare);
  // The block of every form added so far, with `ids`, the concepts' ids by index (a later one
  // standing for an id that comes twice).
  std::string finish(const std::vector<std::string_view>& ids) const;

 private:
  struct Form {
    std::uint32_t concept_idx = 0;
    concept_layout::Compare compare = concept_layout::Compare::Stem;
    std::uint32_t begin = 0;  // words_of_[begin, begin + count)
    std::uint32_t count = 0;
    std::uint32_t spelling = 0;  // spellings_[spelling, spelling + count) for exact forms
  };
  std::uint32_t word_id(std::string_view word);
  std::vector<Form> forms_;
  std::vector<std::uint32_t> words_of_;  // into words_: the stem, or the lowercase word
  std::vector<std::string> words_;
  std::unordered_map<std::string, std::uint32_t> word_ids_;
  std::vector<std::string> spellings_;
};

}  // namespace sdi::grade
