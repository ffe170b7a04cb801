#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "text/document.hpp"

using sdi::text::Block;
using sdi::text::BlockKind;
using sdi::text::Document;
using sdi::text::parse_document;

namespace {

std::vector<const Block*> headings(const Document& doc) {
  std::vector<const Block*> found;
  for (const Block& block : doc.blocks) {
    if (block.kind == BlockKind::Heading) found.push_back(&block);
  }
  return found;
}

}  // namespace

TEST_CASE("ATX headings carry their level, title and line") {
  const auto doc = parse_document(
      "# Requirements\n\nText.\n## Functional ##\n### Non-functional ###   \n"
      "#### Four\n##### Five\n###### Six\n####### Seven is text\n#hashtag is text\n",
      "a.md");
  const auto found = headings(doc);
  REQUIRE(found.size() == 6);
  const std::vector<std::string> titles{"Requirements", "Functional", "Non-functional",
                                        "Four",         "Five",       "Six"};
  const std::vector<int> lines{1, 4, 5, 6, 7, 8};
  for (std::size_t i = 0; i < found.size(); ++i) {
    CHECK(found[i]->text == titles[i]);
    CHECK(found[i]->level == static_cast<int>(i) + 1);
    CHECK(found[i]->line == lines[i]);
    CHECK(found[i]->end_line == lines[i]);
  }
  CHECK(doc.blocks.back().kind == BlockKind::Paragraph);
  CHECK(doc.blocks.back().text == "####### Seven is text #hashtag is text");
}

TEST_CASE("setext headings take the line of their text, not of the underline") {
  const auto doc = parse_document(
      "Intro.\n\nRequirments\n===========\n\nBack of the *envelope*\n------\ntext\n\n"
      "Two line\ntitle\n===\n",
      "a.md");
  const auto found = headings(doc);
  REQUIRE(found.size() == 3);
  CHECK(found[0]->text == "Requirments");
  CHECK(found[0]->level == 1);
  CHECK(found[0]->line == 3);
  CHECK(found[0]->end_line == 3);
  CHECK(found[1]->text == "Back of the envelope");
  CHECK(found[1]->level == 2);
  CHECK(found[1]->line == 6);
  CHECK(found[2]->text == "Two line title");
  CHECK(found[2]->line == 10);
  CHECK(found[2]->end_line == 11);
  CHECK(doc.sections.size() == 3);
}

TEST_CASE("code blocks never produce headings") {
  const auto doc = parse_document(
      "```\n# not a heading\n## nor this\n```\n\n~~~ text\n# still code\n~~~\n\n"
      "    # indented code\n\nTitle in code?\n```\nSetext in code\n===\n```\n",
      "a.md");
  CHECK(headings(doc).empty());
  CHECK(doc.sections.empty());
  int code_blocks = 0;
  for (const Block& block : doc.blocks) code_blocks += block.kind == BlockKind::Code;
  CHECK(code_blocks == 4);
}

TEST_CASE("an empty heading still gets its own line") {
  SUBCASE("alone") {
    const auto doc = parse_document("Text\n\n##\n\nMore\n", "a.md");
    REQUIRE(doc.blocks.size() == 3);
    CHECK(doc.blocks[1].kind == BlockKind::Heading);
    CHECK(doc.blocks[1].text.empty());
    CHECK(doc.blocks[1].level == 2);
    CHECK(doc.blocks[1].line == 3);
    CHECK(doc.blocks[1].end_line == 3);
    REQUIRE(doc.sections.size() == 1);
    CHECK(doc.sections[0].line == 3);
  }
  SUBCASE("after code holding lines that look like headings") {
    const auto doc = parse_document("```\n# inside\n```\n##\n", "a.md");
    REQUIRE(doc.blocks.size() == 2);
    CHECK(doc.blocks[1].kind == BlockKind::Heading);
    CHECK(doc.blocks[1].line == 4);
  }
  SUBCASE("several in a row, with closing hashes") {
    const auto doc = parse_document("#\n## ##\n\n###\n", "a.md");
    const auto found = headings(doc);
    REQUIRE(found.size() == 3);
    CHECK(found[0]->line == 1);
    CHECK(found[1]->line == 2);
    CHECK(found[2]->line == 4);
    CHECK(found[2]->level == 3);
  }
  SUBCASE("first thing after front matter") {
    const auto doc = parse_document("+++\na = 1\n+++\n\n#\nText\n", "a.md");
    REQUIRE(doc.blocks.size() == 2);
    CHECK(doc.blocks[0].line == 5);
    CHECK(doc.blocks[1].line == 6);
  }
  SUBCASE("inside a list item") {
    const auto doc = parse_document("- one\n- ##\n- three\n", "a.md");
    const auto found = headings(doc);
    REQUIRE(found.size() == 1);
    CHECK(found[0]->line == 2);
    CHECK(doc.blocks.back().text == "three");
    CHECK(doc.blocks.back().line == 3);
  }
}
