#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "text/document.hpp"
#include "text/token.hpp"

using sdi::text::Block;
using sdi::text::BlockKind;
using sdi::text::Document;
using sdi::text::parse_document;
using sdi::text::tokenize;

namespace {

// Pieces of Markdown that interact when glued together: lazy continuations, setext underlines
// after paragraphs, headings interrupting paragraphs, empty headings, code holding "#" lines.
const std::vector<std::string> kSnippets{
    "# Title one",
    "## Sub heading ##",
    "Setext title\n====",
    "Another\n---",
    "##",
    "#",
    "plain paragraph words\nsecond line words",
    "- item alpha\n  - nested beta\n- item gamma",
    "1. first\n2. second\n\n   second para",
    "| h1 | h2 |\n|---|---|\n| c1 | c2 |\n|  |  |",
    "> quoted text\n> more quoted\n> ## quoted heading",
    "```lang\ncode line\n# hash line\n```",
    "    indented code\n      deeper",
    "<div>\nhtml inner\n</div>",
    "Some **bold** and `code` with [link text](http://x) end",
    "---",
    "text with trailing spaces  \nhard break",
    "- [ ] task item\n- [x] done item",
    "```\n```",
    "Para line\n# heading interrupt",
    "~~~\n\n\nblank first\n~~~",
};

std::string random_document(std::mt19937& random) {
  std::string doc;
  if (random() % 4 == 0) doc += "+++\nproblem = \"x\"\n+++\n";
  const int pieces = 1 + static_cast<int>(random() % 14);
  for (int i = 0; i < pieces; ++i) {
    doc += kSnippets[random() % kSnippets.size()];
    doc += random() % 3 == 0 ? "\n" : "\n\n";
  }
  return doc;
}

void check_block(const Document& doc, const Block& block) {
  CHECK(block.line >= doc.body_line);
  CHECK(block.end_line >= block.line);
  CHECK(block.end_line <= doc.line_count());
  if (block.text.empty() || block.text.find_first_not_of(" |") == std::string::npos) {
    // Placed by scanning the source: the line must look like the block.
    const std::string_view line = doc.line(block.line);
    if (block.kind == BlockKind::Heading) CHECK(line.find('#') != std::string_view::npos);
    if (block.kind == BlockKind::Code) CHECK(line.find_first_of("`~") != std::string_view::npos);
    // A table runs on through lines without pipes until a blank line.
    if (block.kind == BlockKind::TableRow) CHECK(line.find_first_not_of(" \t") != line.npos);
    return;
  }
  for (const auto& token : tokenize(block.text)) {
    const int line = block.line_at(token.offset);
    CAPTURE(token.text);
    CHECK(line >= block.line);
    CHECK(line <= block.end_line);
    CHECK(doc.line(line).find(token.text) != std::string_view::npos);
  }
}

}  // namespace

TEST_CASE("every word of every block maps to a source line that holds it") {
  std::mt19937 random(20240611);
  for (int round = 0; round < 400; ++round) {
    const std::string source = random_document(random);
    CAPTURE(source);
    const Document doc = parse_document(source, "random.md");
    for (const Block& block : doc.blocks) check_block(doc, block);

    int previous_section = -1;
    for (const Block& block : doc.blocks) {
      CHECK(block.section >= previous_section);
      previous_section = block.section;
    }
    for (std::size_t s = 0; s < doc.sections.size(); ++s) {
      const auto& section = doc.sections[s];
      REQUIRE(section.first_block < doc.blocks.size());
      CHECK(doc.blocks[section.first_block].kind == BlockKind::Heading);
      CHECK(doc.blocks[section.first_block].section == static_cast<int>(s));
      CHECK(section.end_block > section.first_block);
      CHECK(section.end_block <= doc.blocks.size());
      if (section.parent >= 0) {
        const auto& parent = doc.sections[static_cast<std::size_t>(section.parent)];
        CHECK(parent.level < section.level);
        CHECK(parent.first_block < section.first_block);
        CHECK(parent.end_block >= section.end_block);
      }
    }
  }
}
