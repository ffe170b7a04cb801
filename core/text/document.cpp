#include "text/document.hpp"

#include <algorithm>
#include <utility>

#include "text/front_matter.hpp"
#include "text/input.hpp"
#include "text/lines.hpp"
#include "text/markdown.hpp"

namespace sdi::text {

std::string_view to_string(BlockKind kind) {
  switch (kind) {
    case BlockKind::Heading:
      return "heading";
    case BlockKind::Paragraph:
      return "paragraph";
    case BlockKind::ListItem:
      return "list_item";
    case BlockKind::TableRow:
      return "table_row";
    case BlockKind::Code:
      return "code";
    case BlockKind::Quote:
      return "quote";
    case BlockKind::Html:
      return "html";
  }
  return "paragraph";
}

int Block::line_at(std::size_t offset) const {
  if (line_marks.empty()) return line;
  const auto after =
      std::upper_bound(line_marks.begin(), line_marks.end(), offset,
                       [](std::size_t value, const LineMark& mark) { return value < mark.offset; });
  return after == line_marks.begin() ? line : std::prev(after)->line;
}

std::string_view Document::line(int n) const {
  if (n < 1 || n > line_count()) return {};
  const std::size_t begin = line_offsets[static_cast<std::size_t>(n - 1)];
  std::size_t end = n < line_count() ? line_offsets[static_cast<std::size_t>(n)] : source.size();
  if (end > begin && source[end - 1] == '\n') --end;
  return std::string_view(source).substr(begin, end - begin);
}

std::string Document::section_path(int section, std::string_view separator) const {
  std::vector<int> chain;
  for (int s = section; s >= 0 && s < static_cast<int>(sections.size());
       s = sections[static_cast<std::size_t>(s)].parent) {
    chain.push_back(s);
  }
  std::string path;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if (!path.empty()) path += separator;
    path += sections[static_cast<std::size_t>(*it)].title;
  }
  return path;
}

Document parse_document(std::string source, std::string path) {
  Document doc;
  doc.path = std::move(path);
  doc.source = normalize_input(std::move(source));
  FrontMatter front = split_front_matter(doc.source);
  doc.front_matter = std::move(front.table);
  doc.body_line = front.body_line;
  doc.line_offsets = line_starts(doc.source);
  doc.blocks = parse_markdown_blocks(doc.source, front.body_offset, doc.line_offsets);
  doc.sections = build_sections(doc.blocks);
  return doc;
}

}  // namespace sdi::text
