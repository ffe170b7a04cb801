#pragma once
// The grader: one answer, one pack, one template -> one GradeResult. The same grader serves the
// REPL, `sdi grade` and `sdi pack test`.

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

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

  // What grading with one template needs that no answer changes: which checks run, and where
  // each one's points go. Built once per template, the first time an answer uses it.
  struct PlannedCheck {
    const pack::Check* check = nullptr;
    std::size_t step = 0;   // the step its facet belongs to (the first when none does)
    int facet = -1;         // its index in pack::kFacets, -1 for a facet outside them
    std::string_view kind;  // pack::kind_name of its kind
  };
  struct Plan {
    explicit Plan(const pack::Template& tpl) : steps(tpl) {}
    StepMatcher steps;
    std::vector<PlannedCheck> checks;   // in the order they run
    std::vector<std::size_t> per_step;  // how many checks each step holds
    // The checks' facets in the order the steps then hold them, which is the order their points
    // are added up per facet.
    std::vector<int> facets_by_step;
    bool needs_lua = false;  // some check is custom Lua
  };
  const Plan& plan_for(const pack::Template& tpl);

  // Per template graded with (templates live in the library, as long as the grader).
  std::map<const pack::Template*, Plan> plans_;
};

}  // namespace sdi::grade
