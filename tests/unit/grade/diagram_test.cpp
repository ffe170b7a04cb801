#include "grade/diagram.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "support.hpp"

namespace {
bool has(const sdi::grade::DiagramNode& n, const std::string& id) {
  int c = sdi::test::glossary_index().find(id);
  return std::find(n.concepts.begin(), n.concepts.end(), c) != n.concepts.end();
}
}  // namespace

TEST_CASE("mermaid flowcharts become nodes with concepts and edges") {
  sdi::grade::Diagram d;
  sdi::grade::read_mermaid(
      "flowchart LR\n  C[Client] --> LB[Load balancer]\n  LB -->|http| A(App servers)\n  A --> "
      "R[(Redis)] & D[(Cassandra)]\n",
      10, sdi::test::glossary_index(), d);
  REQUIRE(d.nodes.size() == 5);
  CHECK(d.edges.size() == 4);
  CHECK(has(d.nodes[1], "load_balancer"));
  CHECK(d.nodes[1].line == 11);
  CHECK(has(d.nodes[2], "application_server"));
  CHECK(has(d.nodes[3], "in_memory_cache"));
  CHECK(has(d.nodes[4], "wide_column_store"));
}

TEST_CASE("arrow lines become chains") {
  sdi::grade::Diagram d;
  CHECK(sdi::grade::read_arrow_line("Client -> LB -> App servers -> Cache -> DB", 3,
                                    sdi::test::glossary_index(), d));
  REQUIRE(d.nodes.size() == 5);
  CHECK(d.edges.size() == 4);
  CHECK(has(d.nodes[1], "load_balancer"));
  CHECK(has(d.nodes[3], "caching"));
  CHECK_FALSE(sdi::grade::read_arrow_line("No arrows in this sentence.", 4,
                                          sdi::test::glossary_index(), d));
}

TEST_CASE("the unicode arrow works too") {
  sdi::grade::Diagram d;
  CHECK(sdi::grade::read_arrow_line("Client → Load balancer → Web servers", 1,
                                    sdi::test::glossary_index(), d));
  CHECK(d.edges.size() == 2);
}
