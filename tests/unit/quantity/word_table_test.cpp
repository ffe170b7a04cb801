// Word tables hashed at compile time: positions, repeated words, misses.

#include "quantity/word_table.hpp"

#include <doctest/doctest.h>

#include <string_view>

#include "quantity/vocab.hpp"

namespace d = sdi::quantity::detail;

namespace {

constexpr std::string_view kWords[] = {"day", "days", "", "week", "day", "x"};
constexpr auto kTable = d::word_table<16>(kWords);
static_assert(kTable.find("week") == 3, "a table is made when the program is compiled");

}  // namespace

TEST_CASE("a word table gives each word's position, the first of a repeated word") {
  CHECK(kTable.find("day") == 0);
  CHECK(kTable.find("days") == 1);
  CHECK(kTable.find("x") == 5);
  CHECK(kTable.contains("week"));
  CHECK_FALSE(kTable.contains("Day"));
  CHECK_FALSE(kTable.contains("da"));
  CHECK_FALSE(kTable.contains("month"));
  CHECK_FALSE(kTable.contains(""));
}

TEST_CASE("a word is found in any case, and by a hash its caller made") {
  CHECK(d::find_any_case(kTable, "WEEK") == 3);
  CHECK(d::find_any_case(kTable, "Days") == 1);
  CHECK(d::find_any_case(kTable, "X") == 5);
  CHECK(d::find_any_case(kTable, "Weeks") == d::WordTable<16>::kAbsent);
  CHECK(d::find_any_case(kTable, "") == d::WordTable<16>::kAbsent);
  CHECK(d::find_any_case(kTable, "dayyyyyyyyyyyyyyyyyyyyyyyyy") == d::WordTable<16>::kAbsent);
  for (std::string_view w : {"day", "days", "week", "x", "month"})
    CHECK(kTable.find_hashed(w, d::word_hash(w)) == kTable.find(w));
}

TEST_CASE("units and scales are found by their spelling and by their symbol") {
  REQUIRE(d::find_symbol("KB") != nullptr);
  CHECK(d::find_symbol("KB")->word == "KB");  // the first unit with the symbol
  CHECK(d::find_unit("Gigabytes")->symbol == "GB");
  CHECK(d::find_unit("Gb")->bits);
  CHECK(d::find_unit("GIB")->word == "GiB");
  CHECK(d::find_unit("furlongs") == nullptr);
  CHECK(d::find_scale("Million")->factor == 1e6);
  CHECK(d::find_scale("MM")->factor == 1e6);
  CHECK(d::find_scale("mm") == nullptr);
  CHECK(d::is_stopword("The"));
  CHECK(d::is_keyword("per"));
  CHECK_FALSE(d::is_keyword("users"));
}
