#pragma once
// Everything the checks need to know about one answer, computed once: which step each block
// belongs to, its sentences, and every concept mention with how well it was used.

#include <memory>
#include <memory_resource>
#include <string>
#include <vector>

#include "grade/concept_index.hpp"
#include "grade/match_tokens.hpp"
#include "pack/template.hpp"
#include "text/document.hpp"

namespace sdi::grade {

// How a concept was used where it appears, from weakest to strongest.
enum class Use { Heading, Bare, Used, Reasoned };
double credit_for(Use u);
const char* use_name(Use u);

struct Sentence {
  int block = 0;
  std::size_t begin = 0, end = 0;              // byte range in the block text
  std::size_t first_token = 0, end_token = 0;  // range in the block's tokens
  bool reason = false;  // carries a reason or trade-off ("because", "so that", "instead of" ...)
  int glue = 0;         // function words: a sentence rather than a list of terms
  int words = 0;
  int breaks = 0;         // commas and the like between its words
  bool question = false;  // ends with '?': asking about something is not proposing it
  // A sentence of words and glue, not a comma-separated run of terms.
  bool is_prose() const { return glue >= 2 && words >= 4 && !(breaks >= 2 && glue * 5 < words); }
};

struct ConceptHit {
  int concept_idx = 0;
  int block = 0;
  int sentence = 0;  // index into Analysis::sentences
  int line = 0;
  Use use = Use::Bare;
  bool negated = false;
};

struct Analysis {
  // The token lists live in `token_memory`, which an assignment would release before the lists
  // it replaces: an analysis is made once and moved, never assigned or copied.
  Analysis() = default;
  Analysis(Analysis&&) = default;
  Analysis& operator=(Analysis&&) = delete;
  Analysis& operator=(const Analysis&) = delete;

  const text::Document* doc = nullptr;
  const pack::Template* tpl = nullptr;
  std::vector<int> section_step;  // template step per section, -1 when none
  std::vector<bool> placeholder;  // per block: "TBD", "TODO", "..." and the like
  // Where the blocks' token lists are kept, all in one: declared before them, to outlive them. A
  // list moved out of the analysis must not outlive it either (a copy is on the heap).
  std::shared_ptr<std::pmr::monotonic_buffer_resource> token_memory;
  std::vector<TokenList> tokens;  // per block
  std::vector<bool> prose;  // per block: holds a real sentence (not a question or a term list)
  std::vector<Sentence> sentences;
  std::vector<ConceptHit> hits;
  // Per concept (index into the ConceptIndex): the best hit that is not negated, counting hits
  // on narrower concepts; -1 when none. `negated_hit` records a negated mention, if any.
  std::vector<int> best_hit;
  std::vector<int> negated_hit;

  int step_of_block(int block) const;
  std::string sentence_text(int sentence) const;
  // The first line of a sentence in the answer file.
  int sentence_line(int sentence) const;
  // Words of the answer body that are not in placeholders or headings.
  int content_words = 0;
};

class StepMatcher;  // step_mapper.hpp

Analysis analyse(const text::Document& doc, const pack::Template& t, const ConceptIndex& index);
// The same with the template's steps already compiled (`steps` must be made from `t`).
Analysis analyse(const text::Document& doc, const pack::Template& t, const ConceptIndex& index,
                 const StepMatcher& steps);

}  // namespace sdi::grade
