#pragma once
// Scans over every block of an answer that custom checks would otherwise write as Lua loops over
// `answer.blocks`: a loop that builds every block table and converts its word lists for each
// block cost more than the rest of a check. These run on the answer's search index instead.

#include <string>
#include <string_view>
#include <vector>

#include "grade/answer_reading.hpp"

namespace sdi::grade {

// Blocks a check reads as one: a single block, or a table's consecutive rows.
struct BlockRun {
  int first = 0;  // index into doc.blocks
  int last = 0;   // inclusive
};

// Lists of words, each word matched as a plain substring ignoring ASCII case.
using WordGroups = std::vector<std::vector<std::string_view>>;

struct BestBlock {
  BlockRun run;
  int groups = 0;  // how many of the groups have a word in it; 0 when no block has any
};

// The block (never a heading or a question) holding words of the most groups, the earliest on a
// tie. With `join_table_rows`, consecutive rows of a table (each starting at most a line after
// the previous one ends) count as one block whose text is theirs joined by newlines.
BestBlock best_block(const AnswerReading& reading, const WordGroups& groups, bool join_table_rows);

// The text of a run as checks read it: its blocks' texts joined by newlines.
std::string run_text(const text::Document& doc, BlockRun run);

// The blocks (headings excluded) containing any of `words`, in answer order.
std::vector<int> blocks_with(const AnswerReading& reading,
                             const std::vector<std::string_view>& words);

}  // namespace sdi::grade
