#pragma once
// Shared fixtures for the grade tests: the real glossary and templates from plugins/.

#include <string>

#include "grade/analysis.hpp"
#include "grade/concept_index.hpp"
#include "pack/library.hpp"
#include "text/document.hpp"

namespace sdi::test {

inline const pack::Library& library() {
  static const pack::Library lib = [] {
    pack::SearchPath sp;
    sp.plugin_dirs.push_back(std::string(SDI_SOURCE_DIR) + "/plugins");
    sp.problem_dirs.push_back(std::string(SDI_SOURCE_DIR) + "/problems");
    return pack::Library::discover(sp);
  }();
  return lib;
}

inline const grade::ConceptIndex& glossary_index() {
  static const grade::ConceptIndex index(library().glossary(), {});
  return index;
}

inline const pack::Template& classic() {
  return *library().find_template("classic");
}

// Parses `markdown` and analyses it under the classic template.
struct Analysed {
  text::Document doc;
  grade::Analysis analysis;
  explicit Analysed(const std::string& markdown)
      : doc(text::parse_document(markdown, "answer.md")),
        analysis(grade::analyse(doc, classic(), glossary_index())) {}

  // The best non-negated hit of a concept, or nullptr.
  const grade::ConceptHit* best(const std::string& id) const {
    int c = glossary_index().find(id);
    if (c < 0 || analysis.best_hit[c] < 0) return nullptr;
    return &analysis.hits[analysis.best_hit[c]];
  }
  bool negated(const std::string& id) const {
    int c = glossary_index().find(id);
    return c >= 0 && analysis.best_hit[c] < 0 && analysis.negated_hit[c] >= 0;
  }
};

}  // namespace sdi::test
