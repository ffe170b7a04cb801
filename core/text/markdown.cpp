#include "text/markdown.hpp"

#include <md4c.h>

#include <algorithm>
#include <climits>
#include <exception>
#include <functional>
#include <new>
#include <stdexcept>
#include <string>

#include "text/entities.hpp"
#include "text/lines.hpp"

namespace sdi::text {
namespace {

constexpr int kMaxLineSearch = 1000;

// Lines past the last one text came from that are tried one by one before a binary search.
constexpr std::size_t kLineHintReach = 4;

// Room for line marks a block gets when its text first moves to another line.
constexpr std::size_t kLineMarksAtFirst = 8;

constexpr unsigned kDialect =
    MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS | MD_FLAG_PERMISSIVEAUTOLINKS;

// Skips what container blocks put before a line's content: indentation, "> " quote marks and list
// markers, so a bare "##" inside "> - ##" is still recognised.
std::string_view strip_container_marks(std::string_view line) {
  for (;;) {
    const std::size_t content = line.find_first_not_of(" \t");
    if (content == std::string_view::npos) return {};
    line.remove_prefix(content);
    if (line[0] == '>') {
      line.remove_prefix(1);
      continue;
    }
    const auto spaced = [&](std::size_t i) {
      return i < line.size() && (line[i] == ' ' || line[i] == '\t');
    };
    if ((line[0] == '-' || line[0] == '*' || line[0] == '+') && spaced(1)) {
      line.remove_prefix(2);
      continue;
    }
    std::size_t digits = 0;
    while (digits < line.size() && digits < 10 && line[digits] >= '0' && line[digits] <= '9') {
      ++digits;
    }
    if (digits > 0 && digits < line.size() && (line[digits] == '.' || line[digits] == ')') &&
        spaced(digits + 1)) {
      line.remove_prefix(digits + 2);
      continue;
    }
    return line;
  }
}

bool is_atx_heading_line(std::string_view line) {
  line = strip_container_marks(line);
  std::size_t hashes = 0;
  while (hashes < line.size() && line[hashes] == '#') ++hashes;
  return hashes >= 1 && hashes <= 6 &&
         (hashes == line.size() || line[hashes] == ' ' || line[hashes] == '\t');
}

bool is_code_fence_line(std::string_view line) {
  line = strip_container_marks(line);
  return line.substr(0, 3) == "```" || line.substr(0, 3) == "~~~";
}

bool is_table_line(std::string_view line) {
  return line.find('|') != std::string_view::npos;
}

bool is_verbatim(BlockKind kind) {
  return kind == BlockKind::Code || kind == BlockKind::Html;
}

bool starts_with_br_tag(std::string_view html) {
  if (html.size() < 3 || html[0] != '<') return false;
  return (html[1] == 'b' || html[1] == 'B') && (html[2] == 'r' || html[2] == 'R') &&
         (html.size() == 3 || html[3] == '>' || html[3] == '/' || html[3] == ' ');
}

enum class Container { ListItem, Quote };

class Walker {
 public:
  Walker(std::string_view source, std::size_t body_offset, const std::vector<std::size_t>& starts)
      : source_(source), body_offset_(body_offset), starts_(starts) {
    consumed_line_ = line_of_offset(starts_, body_offset_) - 1;
  }

  std::vector<Block> run() {
    const std::size_t size = source_.size() - body_offset_;
    if (size > UINT_MAX) throw std::length_error("Markdown body too large");
    // Answers have about one block for every two lines: most never move their blocks to grow.
    blocks_.reserve(starts_.size() / 2 + 1);
    MD_PARSER parser{};
    parser.flags = kDialect;
    parser.enter_block = [](MD_BLOCKTYPE type, void* detail, void* self) {
      return guarded(self, [&](Walker& walker) { walker.enter(type, detail); });
    };
    parser.leave_block = [](MD_BLOCKTYPE type, void*, void* self) {
      return guarded(self, [&](Walker& walker) { walker.leave(type); });
    };
    parser.enter_span = [](MD_SPANTYPE, void*, void*) { return 0; };
    parser.leave_span = [](MD_SPANTYPE, void*, void*) { return 0; };
    parser.text = [](MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE length, void* self) {
      return guarded(self, [&](Walker& walker) { walker.text(type, text, length); });
    };
    const int result =
        md_parse(source_.data() + body_offset_, static_cast<MD_SIZE>(size), &parser, this);
    if (failure_) std::rethrow_exception(failure_);
    if (result != 0) throw std::bad_alloc();  // md4c fails only when it runs out of memory
    close();
    return std::move(blocks_);
  }

 private:
  // Exceptions must not unwind through md4c's C frames: park them, stop the parse, rethrow.
  template <typename Step>
  static int guarded(void* self, Step&& step) {
    auto& walker = *static_cast<Walker*>(self);
    try {
      step(walker);
      return 0;
    } catch (...) {
      walker.failure_ = std::current_exception();
      return 1;
    }
  }

  void enter(MD_BLOCKTYPE type, void* detail) {
    switch (type) {
      case MD_BLOCK_QUOTE:
        close();
        containers_.push_back(Container::Quote);
        ++quote_depth_;
        break;
      case MD_BLOCK_UL:
      case MD_BLOCK_OL:
        close();
        lists_.push_back(type == MD_BLOCK_OL);
        break;
      case MD_BLOCK_LI:
        close();
        containers_.push_back(Container::ListItem);
        open(BlockKind::ListItem);
        break;
      case MD_BLOCK_H:
        close();
        if (quote_depth_ > 0) {
          open_for_container();
        } else {
          open(BlockKind::Heading);
          cur_->level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
        }
        break;
      case MD_BLOCK_CODE: {
        close();
        open(BlockKind::Code);
        const auto* code = static_cast<MD_BLOCK_CODE_DETAIL*>(detail);
        if (code->info.text != nullptr) cur_->info.assign(code->info.text, code->info.size);
        break;
      }
      case MD_BLOCK_HTML:
        close();
        open(BlockKind::Html);
        break;
      case MD_BLOCK_P:
        // A list item's first paragraph is the item's own text.
        if (!(open_ && cur_->kind == BlockKind::ListItem && cur_->text.empty())) {
          close();
          open_for_container();
        }
        break;
      case MD_BLOCK_TABLE:
        close();
        table_header_line_ = 0;
        table_body_rows_ = 0;
        break;
      case MD_BLOCK_THEAD:
        in_table_head_ = true;
        break;
      case MD_BLOCK_TBODY:
        in_table_head_ = false;
        break;
      case MD_BLOCK_TR:
        close();
        open(BlockKind::TableRow);
        cur_->table_header = in_table_head_;
        if (!in_table_head_) ++table_body_rows_;
        cells_ = 0;
        break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD:
        if (cells_++ > 0 && open_) cur_->text += " | ";
        break;
      case MD_BLOCK_HR:
        close();
        break;
      case MD_BLOCK_DOC:
        break;
    }
  }

  void leave(MD_BLOCKTYPE type) {
    switch (type) {
      case MD_BLOCK_QUOTE:
        close();
        containers_.pop_back();
        --quote_depth_;
        break;
      case MD_BLOCK_UL:
      case MD_BLOCK_OL:
        close();
        lists_.pop_back();
        break;
      case MD_BLOCK_LI:
        close();
        containers_.pop_back();
        break;
      case MD_BLOCK_H:
      case MD_BLOCK_CODE:
      case MD_BLOCK_HTML:
      case MD_BLOCK_P:
      case MD_BLOCK_TR:
      case MD_BLOCK_TABLE:
        close();
        break;
      default:
        break;
    }
  }

  void text(MD_TEXTTYPE type, const char* text, std::size_t length) {
    if (!open_) open_for_container();
    const std::string_view chunk(text, length);
    if (is_verbatim(cur_->kind)) {
      if (type == MD_TEXT_CODE || type == MD_TEXT_HTML) append_verbatim(chunk);
      return;
    }
    switch (type) {
      case MD_TEXT_NULLCHAR:
        cur_->text += "\xEF\xBF\xBD";
        break;
      case MD_TEXT_BR:
      case MD_TEXT_SOFTBR:
        append_space();
        break;
      case MD_TEXT_ENTITY: {
        const std::size_t at = cur_->text.size();
        append_entity(cur_->text, chunk);
        note_source(chunk, at);
        break;
      }
      case MD_TEXT_HTML:
        // Inline tags are markup; only a line break tag separates words. A dropped tag still
        // tells which line the block is on.
        note_source(chunk, cur_->text.size());
        if (starts_with_br_tag(chunk)) append_space();
        break;
      default: {
        std::string_view rest = chunk;
        // Dropped inline HTML can leave a space on both sides of where it was, or before the
        // first word.
        if ((cur_->text.empty() || cur_->text.back() == ' ') && cur_->kind != BlockKind::TableRow) {
          rest.remove_prefix(std::min(rest.find_first_not_of(' '), rest.size()));
        }
        const std::size_t at = cur_->text.size();
        cur_->text.append(rest);
        note_source(rest, at);
        break;
      }
    }
  }

  void open(BlockKind kind) {
    // Built where it is kept: a block dropped on closing is taken off again.
    cur_ = &blocks_.emplace_back();
    cur_->kind = kind;
    cur_->quoted = quote_depth_ > 0;
    if (kind == BlockKind::ListItem && !lists_.empty()) {
      cur_->level = static_cast<int>(lists_.size());
      cur_->ordered = lists_.back();
    }
    open_ = true;
    mark_line_ = 0;
    first_known_line_ = 0;
    newlines_before_known_ = 0;
  }

  void open_for_container() {
    if (!containers_.empty() && containers_.back() == Container::ListItem) {
      open(BlockKind::ListItem);
    } else {
      open(containers_.empty() ? BlockKind::Paragraph : BlockKind::Quote);
    }
  }

  bool in_source(const char* p) const {
    const std::less<const char*> before;
    return !before(p, source_.data()) && before(p, source_.data() + source_.size());
  }

  int line_of(const char* p) {
    const auto offset = static_cast<std::size_t>(p - source_.data());
    // Text arrives in source order, so the previous line or one of the next few usually holds it
    // (a blank line or a table's delimiter row may lie between).
    for (std::size_t i = hint_; i < hint_ + kLineHintReach && i < starts_.size(); ++i) {
      if (starts_[i] <= offset && (i + 1 == starts_.size() || offset < starts_[i + 1])) {
        hint_ = i;
        return static_cast<int>(i) + 1;
      }
    }
    const int line = line_of_offset(starts_, offset);
    hint_ = static_cast<std::size_t>(line - 1);
    return line;
  }

  // Records that cur_->text from `at` on comes from `chunk`'s place in the source. Text md4c made
  // up (break markers, code span line ends) lies outside the source and keeps the previous line.
  void note_source(std::string_view chunk, std::size_t at) {
    if (chunk.empty() || !in_source(chunk.data())) return;
    const int first = line_of(chunk.data());
    note_line(first, at);
    // The lines that start inside the chunk, from the line starts rather than a search for
    // '\n': md4c hands text over about a line at a time, so there are seldom any.
    const auto begin = static_cast<std::size_t>(chunk.data() - source_.data());
    const std::size_t end = begin + chunk.size();
    for (auto next = static_cast<std::size_t>(first); next < starts_.size() && starts_[next] < end;
         ++next) {
      note_line(static_cast<int>(next) + 1, at + (starts_[next] - begin));
      hint_ = next;
    }
  }

  void note_line(int line, std::size_t at) {
    if (cur_->line == 0) {
      cur_->line = line;
      mark_line_ = line;
    } else if (line != mark_line_) {
      auto& marks = cur_->line_marks;
      if (marks.empty()) {
        // A wrapped paragraph or list item changes line a few times: grow once, not per line.
        marks.reserve(kLineMarksAtFirst);
        marks.push_back({0, cur_->line});
      }
      if (marks.back().offset == at) {
        marks.back().line = line;
      } else {
        marks.push_back({static_cast<std::uint32_t>(at), line});
      }
      mark_line_ = line;
    }
    cur_->end_line = std::max(cur_->end_line, line);
  }

  void append_space() {
    if (!cur_->text.empty() && cur_->text.back() != ' ') cur_->text.push_back(' ');
  }

  // Code and HTML blocks map line for line onto consecutive source lines, so one known line
  // fixes them all; md4c's own "\n" and indentation strings carry no position.
  void append_verbatim(std::string_view chunk) {
    if (first_known_line_ == 0 && !chunk.empty() && in_source(chunk.data())) {
      first_known_line_ = line_of(chunk.data());
      newlines_before_known_ =
          static_cast<int>(std::count(cur_->text.begin(), cur_->text.end(), '\n'));
    }
    cur_->text.append(chunk);
  }

  void finish_verbatim() {
    while (!cur_->text.empty() && cur_->text.back() == '\n') cur_->text.pop_back();
    if (cur_->text.empty() || first_known_line_ == 0) {
      cur_->text.clear();
      cur_->line = find_line(is_code_fence_line);
      cur_->end_line = cur_->line;
      return;
    }
    cur_->line = first_known_line_ - newlines_before_known_;
    int line = cur_->line;
    for (std::size_t i = 0; i < cur_->text.size(); ++i) {
      if (cur_->text[i] != '\n') continue;
      if (cur_->line_marks.empty()) cur_->line_marks.push_back({0, cur_->line});
      cur_->line_marks.push_back({static_cast<std::uint32_t>(i + 1), ++line});
    }
    cur_->end_line = line;
  }

  void finish_inline() {
    if (cur_->kind != BlockKind::TableRow) {
      while (!cur_->text.empty() && cur_->text.back() == ' ') cur_->text.pop_back();
    }
    auto& marks = cur_->line_marks;
    while (!marks.empty() && marks.back().offset >= cur_->text.size()) marks.pop_back();
    if (marks.size() == 1) marks.clear();
    if (cur_->line == 0) cur_->line = locate_textless_line();
    cur_->end_line = std::max(cur_->end_line, cur_->line);
  }

  // Blocks without text (an empty "##", a row of empty cells) get their line from the source:
  // the first line after everything already placed that can open such a block.
  int locate_textless_line() {
    if (cur_->kind == BlockKind::Heading) return find_line(is_atx_heading_line);
    if (cur_->kind == BlockKind::TableRow) {
      if (!cur_->table_header && table_header_line_ > 0) {
        return table_header_line_ + 1 + table_body_rows_;  // rows are single, consecutive lines
      }
      return find_line(is_table_line);
    }
    return fallback_line();
  }

  int find_line(bool (*looks_right)(std::string_view)) const {
    // Bounded, so input the pattern misreads cannot make the walk quadratic.
    const int last = std::min(static_cast<int>(starts_.size()), consumed_line_ + kMaxLineSearch);
    for (int n = consumed_line_ + 1; n <= last; ++n) {
      if (looks_right(source_line(n))) return n;
    }
    return fallback_line();
  }

  int fallback_line() const {
    return std::clamp(consumed_line_ + 1, 1, static_cast<int>(starts_.size()));
  }

  std::string_view source_line(int n) const {
    const std::size_t begin = starts_[static_cast<std::size_t>(n - 1)];
    std::size_t end = static_cast<std::size_t>(n) < starts_.size()
                          ? starts_[static_cast<std::size_t>(n)]
                          : source_.size();
    if (end > begin && source_[end - 1] == '\n') --end;
    return source_.substr(begin, end - begin);
  }

  bool droppable_when_empty() const {
    return cur_->kind == BlockKind::Paragraph || cur_->kind == BlockKind::ListItem ||
           cur_->kind == BlockKind::Quote || cur_->kind == BlockKind::Html;
  }

  void close() {
    if (!open_) return;
    open_ = false;
    if (cur_->kind == BlockKind::Html &&
        cur_->text.find_first_not_of(" \t\n") == std::string::npos) {
      blocks_.pop_back();
      return;
    }
    if (is_verbatim(cur_->kind)) {
      finish_verbatim();
    } else {
      finish_inline();
      if (cur_->text.empty() && droppable_when_empty()) {
        blocks_.pop_back();
        return;
      }
    }
    consumed_line_ = std::max(consumed_line_, cur_->end_line);
    if (cur_->kind == BlockKind::TableRow && cur_->table_header) table_header_line_ = cur_->line;
  }

  std::string_view source_;
  std::size_t body_offset_;
  const std::vector<std::size_t>& starts_;
  std::vector<Block> blocks_;

  Block* cur_ = nullptr;  // while open_, the last of blocks_
  bool open_ = false;
  int mark_line_ = 0;              // line of the end of cur_->text so far
  int first_known_line_ = 0;       // verbatim blocks: line of the first chunk from the source
  int newlines_before_known_ = 0;  // verbatim blocks: blank lines before that chunk

  std::vector<bool> lists_;  // open lists, innermost last; true when ordered
  std::vector<Container> containers_;
  int quote_depth_ = 0;
  bool in_table_head_ = false;
  int table_header_line_ = 0;
  int table_body_rows_ = 0;
  int cells_ = 0;

  int consumed_line_ = 0;  // last line known to belong to a block already closed
  std::size_t hint_ = 0;
  std::exception_ptr failure_;
};

}  // namespace

std::vector<Block> parse_markdown_blocks(std::string_view source, std::size_t body_offset,
                                         const std::vector<std::size_t>& line_offsets) {
  return Walker(source, body_offset, line_offsets).run();
}

std::vector<Section> build_sections(std::vector<Block>& blocks) {
  std::vector<Section> sections;
  std::vector<int> open;  // enclosing sections, innermost last
  int current = -1;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    Block& block = blocks[i];
    if (block.kind == BlockKind::Heading) {
      while (!open.empty() &&
             sections[static_cast<std::size_t>(open.back())].level >= block.level) {
        sections[static_cast<std::size_t>(open.back())].end_block = i;
        open.pop_back();
      }
      current = static_cast<int>(sections.size());
      sections.push_back(Section{block.text, block.level, block.line, i, blocks.size(),
                                 open.empty() ? -1 : open.back()});
      open.push_back(current);
    }
    block.section = current;
  }
  return sections;
}

}  // namespace sdi::text
