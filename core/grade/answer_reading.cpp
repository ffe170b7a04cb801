#include "grade/answer_reading.hpp"

namespace sdi::grade {

namespace {

// The text of each block a search can find: finds leave headings out, so their text is left out
// of the index too.
std::vector<std::string_view> searched_texts(const text::Document& doc) {
  std::vector<std::string_view> out;
  out.reserve(doc.blocks.size());
  for (const auto& b : doc.blocks)
    out.push_back(b.kind == text::BlockKind::Heading ? std::string_view() : b.text);
  return out;
}

}  // namespace

AnswerReading::AnswerReading(const Analysis& analysis)
    : analysis_(analysis), sentences_(analysis.doc->blocks.size()) {}

const BlockSearch& AnswerReading::build_search() const {
  return search_.emplace(searched_texts(*analysis_.doc));
}

std::vector<AnswerReading::Hit> AnswerReading::find(std::string_view needle,
                                                    bool prose_only) const {
  std::vector<Hit> out;
  find(needle, prose_only, out);
  return out;
}

void AnswerReading::find(std::string_view needle, bool prose_only, std::vector<Hit>& out) const {
  each_hit(needle, prose_only, [&out](const Hit& hit) { out.push_back(hit); });
}

bool AnswerReading::Sentence::plain() {
  // Both rules read bytes without regard to case: the lowercase text reads as the text does.
  if (plain_ < 0) plain_ = !reading::is_question(lower_) && !reading::term_list(lower_);
  return plain_ == 1;
}

std::vector<AnswerReading::Sentence>& AnswerReading::sentences(int block) {
  auto& slot = sentences_[static_cast<std::size_t>(block)];
  if (!slot) {
    slot.emplace();
    const std::string_view lower = search().lower_block(block);
    for (const auto& piece : reading::sentences_of(analysis_.doc->blocks[block].text))
      slot->emplace_back(piece.offset, lower.substr(piece.offset, piece.text.size()));
  }
  return *slot;
}

bool AnswerReading::states(int block, std::string_view word, bool negation_ok) {
  const auto b = static_cast<std::size_t>(block);
  if (!analysis_.prose[b] || analysis_.doc->blocks[b].kind == text::BlockKind::Heading)
    return false;
  for (auto& s : sentences(block)) {
    if (find_in(s.lower(), word) == std::string_view::npos || !s.plain()) continue;
    if (negation_ok || reading::affirms_lower(s.lower(), word)) return true;
  }
  return false;
}

int AnswerReading::block_at_line(int line) {
  const auto& blocks = analysis_.doc->blocks;
  if (line_block_.empty()) {
    int last = 0;
    for (const auto& b : blocks) last = std::max(last, b.end_line);
    line_block_.assign(static_cast<std::size_t>(last) + 1, -1);
    for (std::size_t i = 0; i < blocks.size(); ++i)
      for (int l = blocks[i].line; l <= blocks[i].end_line; ++l)
        if (l >= 0) line_block_[static_cast<std::size_t>(l)] = static_cast<int>(i);
  }
  if (line < 0 || static_cast<std::size_t>(line) >= line_block_.size()) return -1;
  return line_block_[static_cast<std::size_t>(line)];
}

}  // namespace sdi::grade
