#include <doctest/doctest.h>

#include "support.hpp"

using sdi::grade::Use;
using sdi::test::Analysed;

TEST_CASE("a concept with its reason is reasoned use") {
  Analysed a(
      "We put a load balancer in front of the app servers because one server cannot take the "
      "load.\n");
  const auto* h = a.best("load_balancer");
  REQUIRE(h != nullptr);
  CHECK(h->use == Use::Reasoned);
  CHECK(h->line == 1);
}

TEST_CASE("a concept in a sentence without a reason is used, in a bare list item bare") {
  Analysed used("We store every link in Cassandra and read it by key.\n");
  REQUIRE(used.best("wide_column_store") != nullptr);
  CHECK(used.best("wide_column_store")->use == Use::Used);

  Analysed bare("- Cassandra\n- Kafka\n- sharding\n");
  REQUIRE(bare.best("wide_column_store") != nullptr);
  CHECK(bare.best("wide_column_store")->use == Use::Bare);
  REQUIRE(bare.best("sharding") != nullptr);
  CHECK(bare.best("sharding")->use == Use::Bare);
  CHECK(bare.best("sharding")->line == 3);
}

TEST_CASE("a comma list of buzzwords is not a sentence") {
  Analysed a(
      "Redis, Kafka, Cassandra, sharding, consistent hashing, CDN, load balancer, because "
      "scale.\n");
  for (const char* id :
       {"in_memory_cache", "sharding", "consistent_hashing", "cdn", "load_balancer"}) {
    const auto* h = a.best(id);
    REQUIRE_MESSAGE(h != nullptr, id);
    CHECK_MESSAGE(h->use == Use::Bare, id);
  }
}

TEST_CASE("headings earn nothing") {
  Analysed a("# Caching\n\nTBD\n");
  const auto* h = a.best("caching");
  REQUIRE(h != nullptr);
  CHECK(h->use == Use::Heading);
  CHECK(sdi::grade::credit_for(h->use) == 0.0);
  CHECK(a.analysis.placeholder[1]);
}

TEST_CASE("synonyms, abbreviations and products name the same concept") {
  CHECK(Analysed("Traffic goes through HAProxy so that no app server is overloaded.\n")
            .best("load_balancer") != nullptr);
  CHECK(Analysed("An L7 LB routes requests by path.\n").best("load_balancer") != nullptr);
  CHECK(Analysed("The data is sharded by user id so each shard stays small.\n").best("sharding") !=
        nullptr);
  CHECK(
      Analysed("Use write-through caching so the cache is never stale.\n").best("write_through") !=
      nullptr);
  CHECK(
      Analysed("Use write through caching so the cache is never stale.\n").best("write_through") !=
      nullptr);
}

TEST_CASE("negated mentions are not proposals") {
  Analysed a("No cache is needed.\n");
  CHECK(a.negated("caching"));
  CHECK(Analysed("We won't shard the database.\n").negated("sharding"));
  CHECK(Analysed("There is no load balancer in this design.\n").negated("load_balancer"));
  CHECK(Analysed("A cache is not needed here.\n").negated("caching"));
  CHECK(Analysed("Sharding is overkill at this size.\n").negated("sharding"));

  Analysed mixed(
      "We don't need a load balancer, but we will use a cache because reads dominate.\n");
  CHECK(mixed.negated("load_balancer"));
  REQUIRE(mixed.best("caching") != nullptr);
  CHECK(mixed.best("caching")->use == Use::Reasoned);
}

TEST_CASE("repeating a concept earns nothing more than its best use") {
  Analysed a(
      "- cache\n- cache\n- cache\n\nWe cache hot links in Redis because reads dominate writes.\n");
  const auto* h = a.best("caching");
  REQUIRE(h != nullptr);
  CHECK(h->use == Use::Reasoned);
}
