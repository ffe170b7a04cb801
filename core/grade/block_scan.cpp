#include "grade/block_scan.hpp"

#include <algorithm>

#include "grade/block_search.hpp"
#include "grade/reading.hpp"

namespace sdi::grade {

namespace {

std::vector<BlockRun> runs_of(const text::Document& doc, bool join_table_rows) {
  std::vector<BlockRun> runs;
  int run_end_line = 0;
  for (int i = 0; i < static_cast<int>(doc.blocks.size()); ++i) {
    const text::Block& b = doc.blocks[static_cast<std::size_t>(i)];
    const bool joins =
        join_table_rows && !runs.empty() && b.kind == text::BlockKind::TableRow &&
        doc.blocks[static_cast<std::size_t>(runs.back().first)].kind == text::BlockKind::TableRow &&
        run_end_line + 1 >= b.line;
    if (joins) {
      runs.back().last = i;
    } else {
      runs.push_back({i, i});
    }
    run_end_line = b.end_line;
  }
  return runs;
}

}  // namespace

std::string run_text(const text::Document& doc, BlockRun run) {
  std::string out = doc.blocks[static_cast<std::size_t>(run.first)].text;
  for (int i = run.first + 1; i <= run.last; ++i) {
    out += '\n';
    out += doc.blocks[static_cast<std::size_t>(i)].text;
  }
  return out;
}

BestBlock best_block(const AnswerReading& reading, const WordGroups& groups, bool join_table_rows) {
  const text::Document& doc = *reading.analysis().doc;
  const std::vector<BlockRun> runs = runs_of(doc, join_table_rows);
  std::vector<int> run_of_block(doc.blocks.size());
  for (int r = 0; r < static_cast<int>(runs.size()); ++r)
    for (int b = runs[static_cast<std::size_t>(r)].first;
         b <= runs[static_cast<std::size_t>(r)].last; ++b)
      run_of_block[static_cast<std::size_t>(b)] = r;

  // Per run, how many groups have a word in it; a group counts once however many words hit.
  std::vector<int> counts(runs.size(), 0);
  std::vector<int> counted_group(runs.size(), -1);
  auto credit = [&](std::size_t run, int group) {
    if (counted_group[run] == group) return;
    counted_group[run] = group;
    ++counts[run];
  };
  std::vector<std::string> joined_lower;  // per run, made only for words the index cannot see
  for (int g = 0; g < static_cast<int>(groups.size()); ++g) {
    for (std::string_view word : groups[static_cast<std::size_t>(g)]) {
      const std::string w = reading::lower(word);
      if (w.empty()) {
        // An empty word is in every text.
        for (std::size_t r = 0; r < runs.size(); ++r) credit(r, g);
      } else if (w.find('\n') != std::string::npos) {
        // Only a run's joined text has the newlines between its blocks.
        if (joined_lower.empty())
          for (const BlockRun& run : runs)
            joined_lower.push_back(reading::lower(run_text(doc, run)));
        for (std::size_t r = 0; r < runs.size(); ++r)
          if (find_in(joined_lower[r], w) != std::string::npos) credit(r, g);
      } else {
        // No other word crosses a block's end, so the blocks that hold it tell the runs that do.
        for (const auto& hit : reading.find(w, false))
          credit(static_cast<std::size_t>(run_of_block[static_cast<std::size_t>(hit.block)]), g);
      }
    }
  }

  BestBlock best;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    if (counts[r] <= best.groups) continue;
    const BlockRun& run = runs[r];
    if (doc.blocks[static_cast<std::size_t>(run.first)].kind == text::BlockKind::Heading) continue;
    const bool question =
        run.first == run.last
            ? reading::is_question(doc.blocks[static_cast<std::size_t>(run.first)].text)
            : reading::is_question(run_text(doc, run));
    if (question) continue;
    best = {run, counts[r]};
  }
  return best;
}

std::vector<int> blocks_with(const AnswerReading& reading,
                             const std::vector<std::string_view>& words) {
  const text::Document& doc = *reading.analysis().doc;
  std::vector<char> holds(doc.blocks.size(), 0);
  for (std::string_view word : words) {
    const std::string w = reading::lower(word);
    if (w.empty()) {
      for (std::size_t b = 0; b < doc.blocks.size(); ++b)
        holds[b] = holds[b] || doc.blocks[b].kind != text::BlockKind::Heading;
      continue;
    }
    for (const auto& hit : reading.find(w, false)) holds[static_cast<std::size_t>(hit.block)] = 1;
  }
  std::vector<int> out;
  for (std::size_t b = 0; b < holds.size(); ++b)
    if (holds[b]) out.push_back(static_cast<int>(b));
  return out;
}

}  // namespace sdi::grade
