#include "grade/block_scan.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "support.hpp"

namespace {

using sdi::grade::AnswerReading;
using sdi::grade::WordGroups;

const WordGroups kFields = {
    {"timestamp", "time"}, {"Level", "severity"}, {"message"}, {"trace_id", "trace id"}};

}  // namespace

TEST_CASE("best_block picks the block with words of the most groups, the earliest on a tie") {
  sdi::test::Analysed a(
      "# Data model\n\n"
      "Each event has a timestamp and a level.\n\n"
      "- timestamp, severity, message\n"
      "- TIME, level, MESSAGE\n\n"
      "## Is a trace id, level and message enough?\n");
  AnswerReading reading(a.analysis);
  const auto best = sdi::grade::best_block(reading, kFields, false);
  CHECK(best.groups == 3);
  // The heading holds as many groups, but headings never count.
  CHECK(a.doc.blocks[static_cast<std::size_t>(best.run.first)].text ==
        "timestamp, severity, message");
  CHECK(best.run.first == best.run.last);
}

TEST_CASE("best_block skips questions and finds nothing when no group has a word") {
  sdi::test::Analysed a(
      "Should the event carry a timestamp, a level and a message?\n\nNo fields here.\n");
  AnswerReading reading(a.analysis);
  CHECK(sdi::grade::best_block(reading, kFields, false).groups == 0);
  CHECK(sdi::grade::best_block(reading, {{"nothing"}}, false).groups == 0);
}

TEST_CASE("best_block can read a table's consecutive rows as one block") {
  sdi::test::Analysed a(
      "| field | type |\n"
      "|---|---|\n"
      "| timestamp | int |\n"
      "| level | string |\n"
      "| message | string |\n\n"
      "The message has a trace id.\n");
  AnswerReading reading(a.analysis);
  const auto rows = sdi::grade::best_block(reading, kFields, false);
  CHECK(rows.groups == 2);  // "The message has a trace id."
  const auto table = sdi::grade::best_block(reading, kFields, true);
  CHECK(table.groups == 3);
  CHECK(table.run.last > table.run.first);
  const std::string text = sdi::grade::run_text(a.doc, table.run);
  CHECK(text.find("timestamp") != std::string::npos);
  CHECK(text.find("\n") != std::string::npos);
  // A word spanning two rows is found only in the joined text.
  const std::string last_two = text.substr(text.find("level"));
  CHECK(sdi::grade::best_block(reading, {{last_two}}, true).groups == 1);
  CHECK(sdi::grade::best_block(reading, {{last_two}}, false).groups == 0);
}

TEST_CASE("blocks_with lists the blocks holding a word in answer order, headings excluded") {
  sdi::test::Analysed a(
      "# Latency in ms\n\n"
      "Reads return in 50 ms.\n\n"
      "Nothing to see.\n\n"
      "```\nGET /count -> 20 MS\n```\n");
  AnswerReading reading(a.analysis);
  const auto blocks = sdi::grade::blocks_with(reading, {"millisecond", "ms"});
  REQUIRE(blocks.size() == 2);
  CHECK(a.doc.blocks[static_cast<std::size_t>(blocks[0])].text == "Reads return in 50 ms.");
  CHECK(a.doc.blocks[static_cast<std::size_t>(blocks[1])].kind == sdi::text::BlockKind::Code);
  CHECK(sdi::grade::blocks_with(reading, {"redis"}).empty());
  // An empty word is in every block.
  CHECK(sdi::grade::blocks_with(reading, {""}).size() == 3);
}
