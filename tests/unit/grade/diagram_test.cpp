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

TEST_CASE("an answer's arrow lines are read in every spelling, and only lines with arrows") {
  const char* arrows[] = {"->",           "-->",          "<->",          "<-->",
                          "=>",           "==>",          "<-",           "<--",
                          "\xE2\x86\x92", "\xE2\x86\x94", "\xE2\x9F\xB6", "\xE2\x86\x90"};
  for (const char* arrow : arrows) {
    CAPTURE(arrow);
    const std::string md = std::string("# Design\n\nSome well-known words - not a flow.\n\n") +
                           "```\nClient " + arrow + " Load balancer " + arrow +
                           " App servers\n```\n";
    const auto doc = sdi::text::parse_document(md, "a.md");
    const auto d = sdi::grade::read_diagram(doc, sdi::test::glossary_index());
    REQUIRE(d.nodes.size() == 3);
    CHECK(d.edges.size() == 2);
    CHECK(d.nodes[1].line == 6);
    CHECK(has(d.nodes[1], "load_balancer"));
  }
  const auto plain = sdi::text::parse_document(
      "# Design\n\nA read-through cache - then the DB; x = y; a < b and c > d.\n", "a.md");
  CHECK(sdi::grade::read_diagram(plain, sdi::test::glossary_index()).nodes.empty());
}

TEST_CASE("arrow lines share the boxes they name by label") {
  sdi::grade::Diagram d;
  const auto& index = sdi::test::glossary_index();
  CHECK(sdi::grade::read_arrow_line("Client -> LB -> App servers", 1, index, d));
  CHECK(sdi::grade::read_arrow_line("LB -> Cache, App servers", 2, index, d));
  CHECK(sdi::grade::read_arrow_line("Cache -> Client", 3, index, d));
  REQUIRE(d.nodes.size() == 4);
  CHECK(d.nodes[3].label == "Cache");
  CHECK(d.nodes[3].line == 2);
  CHECK(d.edges == std::vector<std::pair<int, int>>{{0, 1}, {1, 2}, {1, 3}, {3, 0}});
}
