#pragma once
// What custom checks ask of one answer, worked out once per answer and on first need: where a
// phrase occurs, which block holds a line, and each block's sentences read as `sdi.helpers` reads
// them (question, term list, lowercase text).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grade/analysis.hpp"
#include "grade/block_search.hpp"
#include "grade/reading.hpp"

namespace sdi::grade {

class AnswerReading {
 public:
  explicit AnswerReading(const Analysis& analysis);
  // Sentences view the search's own text, which must stay where it is.
  AnswerReading(const AnswerReading&) = delete;
  AnswerReading& operator=(const AnswerReading&) = delete;

  const Analysis& analysis() const { return analysis_; }

  // The text of a block with ASCII letters lowercased, valid while the reading is; empty for a
  // heading, which no search reads.
  std::string_view lower_block(int block) const { return search().lower_block(block); }

  // Blocks (headings excluded) containing `needle` (lowercase) and the line of its first
  // occurrence; with `prose_only`, only blocks the engine reads as prose.
  struct Hit {
    int block;
    int line;
  };
  std::vector<Hit> find(std::string_view needle, bool prose_only) const;
  // The same, added to the end of `out`, so a caller searching for many words reuses its memory.
  void find(std::string_view needle, bool prose_only, std::vector<Hit>& out) const;
  // The same, each hit given to `take(const Hit&)` in turn, so a caller keeping them with more
  // of its own copies them once.
  template <class Take>
  void each_hit(std::string_view needle, bool prose_only, Take&& take) const {
    const auto& blocks = analysis_.doc->blocks;
    search().find(needle, found_);
    for (const auto& f : found_) {
      const auto block = static_cast<std::size_t>(f.block);
      if (blocks[block].kind == text::BlockKind::Heading) continue;
      if (prose_only && !analysis_.prose[block]) continue;
      take(Hit{f.block, blocks[block].line_at(f.offset)});
    }
  }

  // Whether a block states the lowercase `word` in a sentence that is neither a question nor a
  // term list and (unless `negation_ok`) does not negate it. Only prose blocks state anything,
  // and never a heading.
  bool states(int block, std::string_view word, bool negation_ok);

  // A sentence of a block, as reading::sentences_of splits the block's text.
  class Sentence {
   public:
    Sentence(std::size_t offset, std::string_view lower) : offset_(offset), lower_(lower) {}
    std::size_t offset() const { return offset_; }     // where it starts in the block's text
    std::string_view lower() const { return lower_; }  // its text, lowercase
    // Neither a question nor a term list: read on first need, as most sentences never hold a
    // word a check asks about.
    bool plain();

   private:
    std::size_t offset_;
    std::string_view lower_;  // in the search's lowercase copy of the blocks
    signed char plain_ = -1;
  };
  // The sentences of a block other than a heading, split once per answer.
  std::vector<Sentence>& sentences(int block);

  // The block that holds a file line, as a check sees it (the last block whose lines cover it),
  // or -1.
  int block_at_line(int line);

 private:
  // The index of the blocks' text, built on the first search: an answer whose checks never
  // search needs none.
  const BlockSearch& search() const { return search_ ? *search_ : build_search(); }
  const BlockSearch& build_search() const;

  const Analysis& analysis_;
  mutable std::optional<BlockSearch> search_;
  std::vector<std::optional<std::vector<Sentence>>> sentences_;  // per block, on demand
  std::vector<int> line_block_;                                  // per file line
  mutable std::vector<BlockSearch::Found> found_;                // find's, kept for its memory
};

}  // namespace sdi::grade
