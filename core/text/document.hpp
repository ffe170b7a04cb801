#pragma once
// An answer file as a list of text blocks and the sections its headings open, with the file's own
// line numbers on every block so graders can cite evidence exactly.

#include <toml++/toml.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sdi::text {

enum class BlockKind { Heading, Paragraph, ListItem, TableRow, Code, Quote, Html };

std::string_view to_string(BlockKind kind);

// From text offset `offset` on, a block's text comes from file line `line`.
struct LineMark {
  std::uint32_t offset;
  int line;
};

// What each kind holds:
// - Heading: the title without markup; ATX and setext alike. `line` is the title's line (for
//   setext, the text line, not the underline). An empty "##" keeps its line and empty text.
// - Paragraph, ListItem, Quote: inline text with markup removed (emphasis dropped, links and images
//   keep their text, inline code keeps its content, entities decoded, inline HTML tags dropped,
//   soft and hard breaks become one space).
// - ListItem: one block per paragraph of an item, so a loose item with two paragraphs gives two
//   blocks; a nested list's items follow their parent as blocks with a deeper `level`.
// - Quote: a paragraph whose innermost container is a block quote. Anything else inside a quote
//   keeps its own kind and has `quoted` set, except headings: a quoted heading is someone else's
//   text, not a section of the answer, so it becomes a Quote (or ListItem) block.
// - TableRow: the row's cells joined with " | " (empty cells stay, so cells can be counted).
// - Code: fenced or indented code, verbatim, lines joined by '\n' (no final '\n'); `line` is the
//   first content line (for fenced code, the line after the opening fence), so text line i of the
//   code is file line `line + i`. An empty fenced block is kept with the opening fence's line.
// - Html: a raw HTML block, verbatim.
struct Block {
  BlockKind kind = BlockKind::Paragraph;
  std::string text;
  int line = 0;               // first file line the text comes from
  int end_line = 0;           // last file line the text comes from
  int level = 0;              // heading level 1-6; list nesting depth (1 = top); 0 otherwise
  bool ordered = false;       // list item of an ordered list
  bool table_header = false;  // the header row of a table
  bool quoted = false;        // inside a block quote
  std::string info;           // fenced code info string, e.g. "mermaid"
  int section = -1;           // index into Document::sections; -1 before the first heading
  // Where the text changes line; empty when the whole text is on `line`.
  std::vector<LineMark> line_marks;

  // File line of the character at text offset `offset`.
  int line_at(std::size_t offset) const;
};

// A heading and the blocks it governs: [first_block, end_block) starts at the heading block and
// runs to the next heading of the same or a higher level, so it includes subsections. Blocks
// whose `section` equals the section's index are its own content.
struct Section {
  std::string title;
  int level = 0;
  int line = 0;
  std::size_t first_block = 0;
  std::size_t end_block = 0;
  int parent = -1;  // enclosing section, or -1
};

struct Document {
  std::string path;
  std::string source;  // normalised: no byte order mark, LF line ends
  std::optional<toml::table> front_matter;
  int body_line = 1;  // file line where the Markdown body starts
  std::vector<Block> blocks;
  std::vector<Section> sections;
  std::vector<std::size_t> line_offsets;  // byte offset of each line's start in `source`

  int line_count() const { return static_cast<int>(line_offsets.size()); }
  // Line n (1-based) without its line end; empty when n is out of range.
  std::string_view line(int n) const;
  // Titles from the outermost section down to `section`, e.g. "Design > Storage"; empty for -1.
  std::string section_path(int section, std::string_view separator = " > ") const;
};

// Normalises the source (see normalize_input), splits off front matter and parses the Markdown
// body. Call check_input() on raw bytes first. Throws ParseError only for front matter problems;
// any Markdown parses.
Document parse_document(std::string source, std::string path);

}  // namespace sdi::text
