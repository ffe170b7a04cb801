#include <doctest/doctest.h>

#include <string>

#include "text/document.hpp"
#include "text/parse_error.hpp"
#include "text_test_support.hpp"

using sdi::text::BlockKind;
using sdi::text::parse_document;
using sdi::text::ParseError;
using sdi::text::testing::line_containing;
using sdi::text::testing::read_fixture;

namespace {

ParseError parse_error_of(const std::string& source) {
  try {
    parse_document(source, "answer.md");
  } catch (const ParseError& error) {
    return error;
  }
  FAIL("expected a ParseError");
  return ParseError(0, 0, "");
}

}  // namespace

TEST_CASE("front matter is parsed as TOML and the body keeps file line numbers") {
  const auto doc = parse_document(
      "+++\nproblem = \"twitter\"\ntemplate = \"classic\"\n\n[timing]\nclarify = 120\n+++\n"
      "# Requirements\nUsers post tweets.\n",
      "a.md");
  REQUIRE(doc.front_matter.has_value());
  const toml::table& table = *doc.front_matter;
  CHECK(table["problem"].value_or(std::string()) == "twitter");
  CHECK(table["template"].value_or(std::string()) == "classic");
  CHECK(table["timing"]["clarify"].value_or(0) == 120);
  CHECK(doc.body_line == 8);
  REQUIRE(doc.blocks.size() == 2);
  CHECK(doc.blocks[0].kind == BlockKind::Heading);
  CHECK(doc.blocks[0].line == 8);
  CHECK(doc.blocks[1].line == 9);
}

TEST_CASE("front matter edge shapes") {
  SUBCASE("empty front matter") {
    const auto doc = parse_document("+++\n+++\nText\n", "a.md");
    REQUIRE(doc.front_matter.has_value());
    CHECK(doc.front_matter->empty());
    CHECK(doc.body_line == 3);
    REQUIRE(doc.blocks.size() == 1);
    CHECK(doc.blocks[0].line == 3);
  }
  SUBCASE("no body after the closing line") {
    const auto doc = parse_document("+++\na = 1\n+++", "a.md");
    REQUIRE(doc.front_matter.has_value());
    CHECK(doc.body_line == 4);
    CHECK(doc.blocks.empty());
  }
  SUBCASE("trailing spaces on the fences are tolerated") {
    const auto doc = parse_document("+++  \na = 1\n+++\t\n# T\n", "a.md");
    REQUIRE(doc.front_matter.has_value());
    CHECK((*doc.front_matter)["a"].value_or(0) == 1);
    REQUIRE(doc.blocks.size() == 1);
    CHECK(doc.blocks[0].line == 4);
  }
  SUBCASE("+++ that is not alone on the first line opens nothing") {
    for (const char* source :
         {"++++\na = 1\n++++\n", " +++\na = 1\n+++\n", "\n+++\na = 1\n+++\n"}) {
      const auto doc = parse_document(source, "a.md");
      CHECK_FALSE(doc.front_matter.has_value());
      CHECK(doc.body_line == 1);
      CHECK_FALSE(doc.blocks.empty());
    }
  }
  SUBCASE("multi-line TOML strings span lines") {
    const auto doc = parse_document("+++\nnote = '''\nline\n'''\n+++\nBody\n", "a.md");
    REQUIRE(doc.front_matter.has_value());
    CHECK((*doc.front_matter)["note"].value_or(std::string()) == "line\n");
    CHECK(doc.body_line == 6);
  }
}

TEST_CASE("a TOML syntax error is reported at its line in the file") {
  SUBCASE("value missing on file line 3") {
    const ParseError error = parse_error_of("+++\nproblem = \"twitter\"\ntemplate = \n+++\n# T\n");
    CHECK(error.line == 3);
    CHECK(error.column > 0);
    CHECK_FALSE(error.message.empty());
  }
  SUBCASE("duplicate key on file line 4") {
    const ParseError error = parse_error_of("+++\na = 1\nb = 2\na = 3\n+++\n");
    CHECK(error.line == 4);
  }
  SUBCASE("fixture with an unterminated string") {
    const std::string source = read_fixture("front_matter_bad_toml.md");
    const ParseError error = parse_error_of(source);
    CHECK(error.line == line_containing(source, "candidate = \"unterminated"));
    CHECK(std::string(error.what()) == error.message);
  }
  SUBCASE("the error line survives CRLF and a byte order mark") {
    const ParseError error = parse_error_of("\xEF\xBB\xBF+++\r\na = 1\r\nb = = 2\r\n+++\r\n");
    CHECK(error.line == 3);
  }
}

TEST_CASE("front matter that is never closed is an error at line 1") {
  for (const std::string& source : {read_fixture("front_matter_unclosed.md"), std::string("+++"),
                                    std::string("+++\n"), std::string("+++\na = 1\n++ +\n")}) {
    const ParseError error = parse_error_of(source);
    CHECK(error.line == 1);
    CHECK(error.message == "front matter opened with +++ is never closed");
  }
}
