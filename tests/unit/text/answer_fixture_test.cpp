#include <doctest/doctest.h>

#include <string>

#include "text/document.hpp"
#include "text/input.hpp"
#include "text_test_support.hpp"

using sdi::text::Block;
using sdi::text::BlockKind;
using sdi::text::check_input;
using sdi::text::parse_document;
using sdi::text::testing::block_containing;
using sdi::text::testing::line_containing;
using sdi::text::testing::read_fixture;

// Every expected line below is found by searching the raw file, not by the parser.
TEST_CASE("a realistic answer parses with exact line numbers") {
  const std::string source = read_fixture("url_shortener_answer.md");
  REQUIRE_FALSE(check_input(source).has_value());
  const auto doc = parse_document(source, "url_shortener_answer.md");

  REQUIRE(doc.front_matter.has_value());
  CHECK((*doc.front_matter)["problem"].value_or(std::string()) == "url-shortener");
  CHECK((*doc.front_matter)["timing"]["estimation"].value_or(0) == 300);
  CHECK(doc.body_line == line_containing(source, "estimation = 300") + 2);

  REQUIRE(doc.sections.size() == 6);
  CHECK(doc.sections[0].title == "Requirments");
  CHECK(doc.sections[0].line == line_containing(source, "Requirments"));
  CHECK(doc.sections[1].title == "Back of the envelope");
  CHECK(doc.sections[1].level == 2);
  CHECK(doc.sections[1].parent == 0);
  CHECK(doc.sections[2].title == "HLD");
  CHECK(doc.sections[2].line == line_containing(source, "## HLD"));
  CHECK(doc.sections[3].title == "Storage");
  CHECK(doc.sections[3].parent == 2);
  CHECK(doc.sections[4].title.empty());
  CHECK(doc.sections[4].line == line_containing(source, "</details>") + 2);
  CHECK(doc.sections[5].title == "Bottlenecks");
  CHECK(doc.section_path(3) == "Requirments > HLD > Storage");

  const Block& clarify = block_containing(doc, "alias length");
  CHECK(clarify.kind == BlockKind::Paragraph);
  CHECK(clarify.line == line_containing(source, "alias length"));
  CHECK(clarify.end_line == line_containing(source, "never expire"));
  CHECK(clarify.line_at(clarify.text.find("never expire")) ==
        line_containing(source, "never expire"));
  CHECK(clarify.text.find("7 characters and links") != std::string::npos);

  const Block& custom = block_containing(doc, "Custom aliases");
  CHECK(custom.level == 2);
  CHECK(custom.line == line_containing(source, "Custom aliases"));

  const Block& header = block_containing(doc, "Quantity | Value");
  CHECK(header.table_header);
  CHECK(header.line == line_containing(source, "| Quantity"));
  CHECK(block_containing(doc, "Reads per write").line == line_containing(source, "Reads per"));

  const Block& reads = block_containing(doc, "Reads: 40/s");
  CHECK(reads.ordered);
  CHECK(reads.line == line_containing(source, "Reads: 40/s"));

  const Block& diagram = block_containing(doc, "graph LR");
  CHECK(diagram.kind == BlockKind::Code);
  CHECK(diagram.info == "mermaid");
  CHECK(diagram.line == line_containing(source, "graph LR"));
  CHECK(diagram.line_at(diagram.text.find("# this line")) ==
        line_containing(source, "# this line"));

  const Block& quote = block_containing(doc, "We do not need a cache");
  CHECK(quote.kind == BlockKind::Quote);
  CHECK(quote.section == 2);

  const Block& storage = block_containing(doc, "key-value store");
  CHECK(storage.section == 3);
  CHECK(storage.text.find("alias, because lookups") != std::string::npos);
  CHECK(storage.line_at(storage.text.find("6 TB")) == line_containing(source, "6 TB"));

  const Block& html = block_containing(doc, "<summary>");
  CHECK(html.kind == BlockKind::Html);
  CHECK(html.line == line_containing(source, "<details>"));

  const Block& bottleneck = block_containing(doc, "Redis cache");
  CHECK(bottleneck.section == 5);
  CHECK(bottleneck.line == line_containing(source, "Redis cache"));

  for (const Block& block : doc.blocks) {
    CAPTURE(block.text);
    CHECK(block.line >= doc.body_line);
    CHECK(block.end_line >= block.line);
    CHECK(block.end_line <= doc.line_count());
  }
}
