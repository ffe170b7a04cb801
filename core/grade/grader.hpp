#pragma once
// The grader: one answer, one pack, one template -> one GradeResult. The same grader serves the
// REPL, `sdi grade` and `sdi pack test`.

#include <map>
#include <memory>
#include <string>

#include "grade/concept_index.hpp"
#include "grade/estimates.hpp"
#include "grade/questions.hpp"
#include "grade/result.hpp"
#include "grade/step_mapper.hpp"
#include "pack/library.hpp"
#include "pack/loaded_pack.hpp"
#include "text/document.hpp"

namespace sdi::grade {

class Grader {
 public:
  // Compiles the glossary plus the pack's own concepts once; reuse for many answers.
  Grader(const pack::Library& library, pack::LoadedPack& pack);

  GradeResult grade(const text::Document& doc, const pack::Template& tpl);
  const ConceptIndex& index() const { return index_; }
  pack::LoadedPack& pack() { return pack_; }

 private:
  const pack::Library& library_;
  pack::LoadedPack& pack_;
  ConceptIndex index_;
  EstimateModel estimate_model_;
  QuestionIndex questions_;
  // Per template graded with (templates live in the library, as long as the grader).
  std::map<const pack::Template*, StepMatcher> step_matchers_;
};

}  // namespace sdi::grade
