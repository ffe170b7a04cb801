#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "text/document.hpp"
#include "text_test_support.hpp"

using sdi::text::BlockKind;
using sdi::text::parse_document;
using sdi::text::testing::read_fixture;

TEST_CASE("sections nest by level and cover their subsections") {
  const auto doc = parse_document(
      "# Design\nintro\n## Storage\ntext a\n### Sharding\ntext b\n## Caching\ntext c\n"
      "# Wrap-up\nend\n",
      "a.md");
  REQUIRE(doc.blocks.size() == 10);
  REQUIRE(doc.sections.size() == 5);
  struct Expected {
    const char* title;
    int level;
    int line;
    std::size_t first;
    std::size_t end;
    int parent;
  };
  const Expected expected[] = {{"Design", 1, 1, 0, 8, -1},
                               {"Storage", 2, 3, 2, 6, 0},
                               {"Sharding", 3, 5, 4, 6, 1},
                               {"Caching", 2, 7, 6, 8, 0},
                               {"Wrap-up", 1, 9, 8, 10, -1}};
  for (std::size_t i = 0; i < doc.sections.size(); ++i) {
    CAPTURE(i);
    CHECK(doc.sections[i].title == expected[i].title);
    CHECK(doc.sections[i].level == expected[i].level);
    CHECK(doc.sections[i].line == expected[i].line);
    CHECK(doc.sections[i].first_block == expected[i].first);
    CHECK(doc.sections[i].end_block == expected[i].end);
    CHECK(doc.sections[i].parent == expected[i].parent);
  }
  const std::vector<int> block_sections{0, 0, 1, 1, 2, 2, 3, 3, 4, 4};
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    CHECK(doc.blocks[i].section == block_sections[i]);
  }
  CHECK(doc.section_path(2) == "Design > Storage > Sharding");
  CHECK(doc.section_path(3, "/") == "Design/Caching");
  CHECK(doc.section_path(-1).empty());
}

TEST_CASE("skipped levels and text before the first heading") {
  const auto doc = parse_document("Preface.\n\n# A\n### C\n## B\nb\n", "a.md");
  REQUIRE(doc.sections.size() == 3);
  CHECK(doc.blocks[0].section == -1);
  CHECK(doc.sections[1].parent == 0);  // C under A
  CHECK(doc.sections[2].parent == 0);  // B closes C and sits under A
  CHECK(doc.sections[1].end_block == 3);
  CHECK(doc.sections[0].end_block == doc.blocks.size());
}

TEST_CASE("a document with no headings has every block in section -1") {
  const auto doc = parse_document(read_fixture("no_headings.md"), "no_headings.md");
  CHECK(doc.sections.empty());
  REQUIRE(doc.blocks.size() == 4);
  for (const auto& block : doc.blocks) CHECK(block.section == -1);
  CHECK(doc.blocks[0].line == 1);
  CHECK(doc.blocks[0].end_line == 2);
  CHECK(doc.blocks[1].kind == BlockKind::ListItem);
}
