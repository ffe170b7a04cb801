#include "grade/id_table.hpp"

#include <doctest/doctest.h>

using sdi::grade::IdTable;
namespace vocabulary = sdi::grade::vocabulary;

TEST_CASE("id table: finds the values it holds and no other id") {
  IdTable table;
  CHECK(table.find(7) == nullptr);
  table.set(7, 3);
  table.set(2, 0);
  REQUIRE(table.find(7) != nullptr);
  CHECK(*table.find(7) == 3);
  REQUIRE(table.find(2) != nullptr);
  CHECK(*table.find(2) == 0);
  CHECK(table.find(5) == nullptr);
  CHECK(table.find(8) == nullptr);
  CHECK(table.find(vocabulary::kNone) == nullptr);
  table.set(7, 4);
  CHECK(*table.find(7) == 4);
}
