#include <doctest/doctest.h>

#include <string>

#include "text/document.hpp"
#include "text_test_support.hpp"

using sdi::text::Block;
using sdi::text::BlockKind;
using sdi::text::parse_document;
using sdi::text::testing::block_containing;

TEST_CASE("paragraph text drops Markdown markup but keeps words") {
  const auto doc = parse_document(
      "Use **Redis** as a *cache* for `GET /{alias}` calls; see [the docs](http://x.io \"t\"), "
      "~~not this~~, __bold__, ![diagram alt](d.png) and <https://auto.link>.\n",
      "a.md");
  REQUIRE(doc.blocks.size() == 1);
  CHECK(doc.blocks[0].kind == BlockKind::Paragraph);
  CHECK(doc.blocks[0].text ==
        "Use Redis as a cache for GET /{alias} calls; see the docs, not this, bold, diagram alt "
        "and https://auto.link.");
}

TEST_CASE("entities are decoded and inline HTML tags dropped") {
  const auto doc = parse_document(
      "A &amp; B &lt;tag&gt; &#8594; C &#x41; &unknown; \\*x\\*\n\n"
      "Fast <b>bold</b> path<br>next and <!-- note --> end\n\n<b> Leading</b> tag\n",
      "a.md");
  REQUIRE(doc.blocks.size() == 3);
  CHECK(doc.blocks[2].text == "Leading tag");
  CHECK(doc.blocks[2].line == 5);
  CHECK(doc.blocks[0].text == "A & B <tag> \xE2\x86\x92 C A &unknown; *x*");
  CHECK(doc.blocks[1].text == "Fast bold path next and end");
  CHECK(doc.blocks[1].line == 3);
}

TEST_CASE("soft and hard breaks become spaces and each word keeps its line") {
  const std::string source = "Intro\n\nFirst line\nsecond *line*  \nthird `code\nspan` end\n";
  const auto doc = parse_document(source, "a.md");
  REQUIRE(doc.blocks.size() == 2);
  const Block& para = doc.blocks[1];
  CHECK(para.text == "First line second line third code span end");
  CHECK(para.line == 3);
  CHECK(para.end_line == 6);
  CHECK(para.line_at(para.text.find("First")) == 3);
  CHECK(para.line_at(para.text.find("second")) == 4);
  CHECK(para.line_at(para.text.find("third")) == 5);
  CHECK(para.line_at(para.text.find("code")) == 5);
  CHECK(para.line_at(para.text.find("span")) == 6);
  CHECK(para.line_at(para.text.find("end")) == 6);
  CHECK(doc.blocks[0].line_at(0) == 1);
  CHECK(doc.blocks[0].line_marks.empty());
}

TEST_CASE("lists give one block per item with depth and order") {
  const auto doc = parse_document(
      "- Functional\n  - post a tweet\n    1. text only\n    2. with media\n  - follow\n"
      "- Non-functional\n\n3. three\n4. four\n   continued\n- [x] done task\n",
      "a.md");
  REQUIRE(doc.blocks.size() == 9);
  struct Expected {
    const char* text;
    int line;
    int level;
    bool ordered;
  };
  const Expected expected[] = {
      {"Functional", 1, 1, false}, {"post a tweet", 2, 2, false},  {"text only", 3, 3, true},
      {"with media", 4, 3, true},  {"follow", 5, 2, false},        {"Non-functional", 6, 1, false},
      {"three", 8, 1, true},       {"four continued", 9, 1, true}, {"done task", 11, 1, false},
  };
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    CAPTURE(i);
    CHECK(doc.blocks[i].kind == BlockKind::ListItem);
    CHECK(doc.blocks[i].text == expected[i].text);
    CHECK(doc.blocks[i].line == expected[i].line);
    CHECK(doc.blocks[i].level == expected[i].level);
    CHECK(doc.blocks[i].ordered == expected[i].ordered);
  }
  CHECK(doc.blocks[7].end_line == 10);
}

TEST_CASE("a loose list item gives one block per paragraph") {
  const auto doc = parse_document("1. First point\n\n   Its reason.\n\n2. Second\n", "a.md");
  REQUIRE(doc.blocks.size() == 3);
  CHECK(doc.blocks[0].text == "First point");
  CHECK(doc.blocks[1].text == "Its reason.");
  CHECK(doc.blocks[1].kind == BlockKind::ListItem);
  CHECK(doc.blocks[1].line == 3);
  CHECK(doc.blocks[1].level == 1);
  CHECK(doc.blocks[1].ordered);
  CHECK(doc.blocks[2].line == 5);
}

TEST_CASE("tables give one row block each, header flagged") {
  const auto doc = parse_document(
      "Estimates:\n\n| Metric | **Value** |\n|:--|--:|\n| DAU | 300M |\n|  |  |\n"
      "| QPS | ~4K `reads` |\n\nAfter.\n",
      "a.md");
  REQUIRE(doc.blocks.size() == 6);
  const Block& header = doc.blocks[1];
  CHECK(header.kind == BlockKind::TableRow);
  CHECK(header.table_header);
  CHECK(header.text == "Metric | Value");
  CHECK(header.line == 3);
  CHECK(doc.blocks[2].text == "DAU | 300M");
  CHECK(doc.blocks[2].line == 5);
  CHECK_FALSE(doc.blocks[2].table_header);
  // A row of empty cells has no text to place it; it still gets its line.
  CHECK(doc.blocks[3].kind == BlockKind::TableRow);
  CHECK(doc.blocks[3].text == " | ");
  CHECK(doc.blocks[3].line == 6);
  CHECK(doc.blocks[4].text == "QPS | ~4K reads");
  CHECK(doc.blocks[4].line == 7);
  CHECK(doc.blocks[5].line == 9);
}

TEST_CASE("block quotes become Quote blocks, other quoted blocks are flagged") {
  const auto doc = parse_document(
      "> The interviewer said:\n> reads dominate.\n>\n> - quoted item\n> ## Quoted heading\n\n"
      "Mine.\n",
      "a.md");
  REQUIRE(doc.blocks.size() == 4);
  CHECK(doc.blocks[0].kind == BlockKind::Quote);
  CHECK(doc.blocks[0].text == "The interviewer said: reads dominate.");
  CHECK(doc.blocks[0].line == 1);
  CHECK(doc.blocks[0].end_line == 2);
  CHECK(doc.blocks[0].quoted);
  CHECK(doc.blocks[1].kind == BlockKind::ListItem);
  CHECK(doc.blocks[1].quoted);
  CHECK(doc.blocks[1].line == 4);
  CHECK(doc.blocks[2].kind == BlockKind::Quote);
  CHECK(doc.blocks[2].text == "Quoted heading");
  CHECK(doc.blocks[2].line == 5);
  CHECK(doc.sections.empty());
  CHECK(doc.blocks[3].kind == BlockKind::Paragraph);
  CHECK_FALSE(doc.blocks[3].quoted);
}

TEST_CASE("code blocks keep raw text, info string and first content line") {
  const auto doc = parse_document(
      "Diagram:\n\n```mermaid title\ngraph LR\n\n  A --> B\n```\n\n    def f():\n        "
      "return 1\n\n```\n```\n",
      "a.md");
  REQUIRE(doc.blocks.size() == 4);
  const Block& fenced = doc.blocks[1];
  CHECK(fenced.kind == BlockKind::Code);
  CHECK(fenced.info == "mermaid title");
  CHECK(fenced.text == "graph LR\n\n  A --> B");
  CHECK(fenced.line == 4);
  CHECK(fenced.end_line == 6);
  CHECK(fenced.line_at(fenced.text.find("A -->")) == 6);
  CHECK(fenced.line_at(fenced.text.find("graph")) == 4);
  const Block& indented = doc.blocks[2];
  CHECK(indented.kind == BlockKind::Code);
  CHECK(indented.info.empty());
  CHECK(indented.text == "def f():\n    return 1");
  CHECK(indented.line == 9);
  CHECK(indented.end_line == 10);
  const Block& empty = doc.blocks[3];
  CHECK(empty.kind == BlockKind::Code);
  CHECK(empty.text.empty());
  CHECK(empty.line == 12);
}

TEST_CASE("leading blank lines of fenced code keep the line mapping exact") {
  const auto doc = parse_document("```\n\n\nx = 1\n```\n", "a.md");
  REQUIRE(doc.blocks.size() == 1);
  CHECK(doc.blocks[0].text == "\n\nx = 1");
  CHECK(doc.blocks[0].line == 2);
  CHECK(doc.blocks[0].line_at(doc.blocks[0].text.find('x')) == 4);
}

TEST_CASE("raw HTML blocks are kept as text") {
  const auto doc = parse_document(
      "<details>\n<summary>More</summary>\nSharding by user id.\n</details>\n\n"
      "<!-- a comment\nover lines -->\n\nText\n",
      "a.md");
  REQUIRE(doc.blocks.size() == 3);
  CHECK(doc.blocks[0].kind == BlockKind::Html);
  CHECK(doc.blocks[0].text ==
        "<details>\n<summary>More</summary>\nSharding by user id.\n</details>");
  CHECK(doc.blocks[0].line == 1);
  CHECK(doc.blocks[0].end_line == 4);
  CHECK(doc.blocks[0].line_at(doc.blocks[0].text.find("Sharding")) == 3);
  CHECK(doc.blocks[1].kind == BlockKind::Html);
  CHECK(doc.blocks[1].line == 6);
  CHECK(doc.blocks[1].end_line == 7);
  CHECK(doc.blocks[2].line == 9);
}

TEST_CASE("thematic breaks and blank documents produce no blocks") {
  CHECK(parse_document("", "a.md").blocks.empty());
  CHECK(parse_document("\n\n   \n", "a.md").blocks.empty());
  const auto doc = parse_document("a\n\n---\n\n***\nb\n", "a.md");
  REQUIRE(doc.blocks.size() == 2);
  CHECK(doc.blocks[1].line == 6);
}

TEST_CASE("Document::line returns source lines without their ends") {
  const auto doc = parse_document("one\ntwo\n\nfour", "a.md");
  CHECK(doc.line_count() == 4);
  CHECK(doc.line(1) == "one");
  CHECK(doc.line(3).empty());
  CHECK(doc.line(4) == "four");
  CHECK(doc.line(0).empty());
  CHECK(doc.line(5).empty());
  CHECK(doc.path == "a.md");
}

TEST_CASE("every block's line holds its text") {
  const std::string source =
      "# Plan\nWe shard *by* user.\n\n- cache `hot` keys\n  - evict LRU\n\n| a | b |\n|---|---|\n"
      "| x | y |\n\n> quoted words\n\n```\ncode words\n```\n";
  const auto doc = parse_document(source, "a.md");
  for (const Block& block : doc.blocks) {
    CAPTURE(block.text);
    const std::string_view first_word = std::string_view(block.text).substr(0, 4);
    CHECK(doc.line(block.line).find(first_word) != std::string_view::npos);
  }
  CHECK(&block_containing(doc, "evict") != &block_containing(doc, "cache hot"));
}
