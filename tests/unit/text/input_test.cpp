#include "text/input.hpp"

#include <doctest/doctest.h>

#include <string>

#include "text/document.hpp"

using sdi::text::check_input;
using sdi::text::describe;
using sdi::text::InputProblem;
using sdi::text::normalize_input;
using sdi::text::parse_document;

namespace {

// Position of the first invalid byte, as check_input reports it.
std::pair<int, int> utf8_error_at(std::string_view bytes) {
  const auto problem = check_input(bytes);
  REQUIRE(problem.has_value());
  CHECK(problem->kind == InputProblem::Kind::InvalidUtf8);
  return {problem->line, problem->column};
}

}  // namespace

TEST_CASE("plain and multilingual UTF-8 text is accepted") {
  CHECK_FALSE(check_input("# Design\n\nUse a cache.\n").has_value());
  CHECK_FALSE(check_input("caf\xC3\xA9 \xE2\x80\x94 na\xC3\xAFve \xE6\x97\xA5\xE6\x9C\xAC "
                          "\xF0\x9F\x98\x80\n")
                  .has_value());
  CHECK_FALSE(check_input("").has_value());
  CHECK_FALSE(check_input("colours \x1B[31mred\x1B[0m and\ttabs\f\n").has_value());
}

TEST_CASE("binary content is rejected") {
  SUBCASE("a NUL byte anywhere") {
    std::string bytes(5000, 'a');
    bytes[4000] = '\0';
    const auto problem = check_input(bytes);
    REQUIRE(problem.has_value());
    CHECK(problem->kind == InputProblem::Kind::Binary);
    CHECK(problem->message == "binary file");
    CHECK(problem->line == 0);
  }
  SUBCASE("a high share of control characters") {
    std::string bytes;
    for (int i = 0; i < 100; ++i) bytes += (i % 5 == 0) ? '\x01' : 'x';
    const auto problem = check_input(bytes);
    REQUIRE(problem.has_value());
    CHECK(problem->kind == InputProblem::Kind::Binary);
  }
  SUBCASE("a stray control character in text is not binary") {
    std::string bytes(200, 'x');
    bytes[10] = '\x01';
    CHECK_FALSE(check_input(bytes).has_value());
  }
  SUBCASE("UTF-16 gets its own message") {
    const std::string bytes("\xFF\xFEh\0i\0", 6);
    const auto problem = check_input(bytes);
    REQUIRE(problem.has_value());
    CHECK(problem->message.find("UTF-16") != std::string::npos);
  }
}

TEST_CASE("invalid UTF-8 reports the line and column of the first bad byte") {
  CHECK(utf8_error_at("line one\nab\xFF"
                      "cd\n") == std::pair{2, 3});
  // Column counts characters: "é" is one column.
  CHECK(utf8_error_at("ok\n\xC3\xA9\xC3(") == std::pair{2, 2});
  CHECK(utf8_error_at("\xC0\xAF overlong") == std::pair{1, 1});
  CHECK(utf8_error_at("x \xED\xA0\x80 surrogate") == std::pair{1, 3});
  CHECK(utf8_error_at("\xF4\x90\x80\x80 beyond U+10FFFF") == std::pair{1, 1});
  CHECK(utf8_error_at("truncated \xE2\x82") == std::pair{1, 11});
  CHECK(utf8_error_at("a\r\nb\r\nc\xFF") == std::pair{3, 2});
  CHECK(utf8_error_at("a\rb\xFF") == std::pair{2, 2});
  CHECK(utf8_error_at("\xEF\xBB\xBF"
                      "ab\xFF") == std::pair{1, 3});
  // Past the ASCII fast path's eight-byte chunks.
  CHECK(utf8_error_at(std::string(37, 'a') + "\x80") == std::pair{1, 38});

  const auto problem = check_input("abc\n\x92");
  REQUIRE(problem.has_value());
  CHECK(problem->message == "invalid UTF-8 (byte 0x92)");
  CHECK(describe(*problem, "answers/a.md") == "answers/a.md:2:1: invalid UTF-8 (byte 0x92)");
}

TEST_CASE("files over the size cap are rejected with both sizes") {
  const std::string big(50'000'000, 'a');
  const auto problem = check_input(big);
  REQUIRE(problem.has_value());
  CHECK(problem->kind == InputProblem::Kind::TooLarge);
  CHECK(problem->message == "file is 50.0 MB; answers are limited to 4 MiB");
  CHECK(describe(*problem, "big.md") == "big.md: file is 50.0 MB; answers are limited to 4 MiB");

  CHECK_FALSE(check_input(std::string(1024, 'a'), 1024).has_value());
  const auto over = check_input(std::string(2000, 'a'), 1024);
  REQUIRE(over.has_value());
  CHECK(over->message == "file is 2.0 KB; answers are limited to 1 KiB");
  const auto tiny = check_input("0123456789", 5);
  REQUIRE(tiny.has_value());
  CHECK(tiny->message == "file is 10 bytes; answers are limited to 5 bytes");
}

TEST_CASE("normalising strips a byte order mark and unifies line ends") {
  CHECK(normalize_input("\xEF\xBB\xBF# Title\n") == "# Title\n");
  CHECK(normalize_input("a\r\nb\rc\nd\r") == "a\nb\nc\nd\n");
  CHECK(normalize_input("\r\r\n\n") == "\n\n\n");
  CHECK(normalize_input("no change\n") == "no change\n");
  // Only a leading mark is a byte order mark.
  CHECK(normalize_input("x\xEF\xBB\xBF") == "x\xEF\xBB\xBF");
}

TEST_CASE("CRLF, CR and BOM files keep the line numbers of their LF twin") {
  const std::string lf = "+++\nproblem = \"x\"\n+++\n# One\n\ntext on five\n\n## Six\n";
  std::string crlf;
  std::string cr;
  for (const char c : lf) {
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    cr += c == '\n' ? '\r' : c;
  }
  for (const std::string& variant : {lf, crlf, cr, "\xEF\xBB\xBF" + crlf}) {
    const auto doc = parse_document(variant, "a.md");
    REQUIRE(doc.front_matter.has_value());
    CHECK(doc.body_line == 4);
    REQUIRE(doc.blocks.size() == 3);
    CHECK(doc.blocks[0].line == 4);
    CHECK(doc.blocks[1].line == 6);
    CHECK(doc.blocks[1].text == "text on five");
    CHECK(doc.blocks[2].line == 8);
    CHECK(doc.line(6) == "text on five");
    CHECK(doc.line_count() == 8);
  }
}
