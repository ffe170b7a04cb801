#include "text/stem.hpp"

#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

using sdi::text::stem;

TEST_CASE("related words share a stem") {
  CHECK(stem("sharding") == "shard");
  CHECK(stem("shards") == stem("shard"));
  CHECK(stem("sharded") == stem("shard"));
  CHECK(stem("caches") == stem("cache"));
  CHECK(stem("caching") == stem("cache"));
  CHECK(stem("requirements") == stem("requirement"));
  CHECK(stem("replication") == stem("replicate"));
  CHECK(stem("partitioning") == stem("partitioned"));
  CHECK(stem("balancers") == stem("balancer"));
  CHECK(stem("user's") == stem("user"));
}

TEST_CASE("unrelated words keep different stems") {
  CHECK(stem("cache") != stem("cash"));
  CHECK(stem("shard") != stem("share"));
  CHECK(stem("latency") != stem("late"));
}

TEST_CASE("short and very long words come back unchanged") {
  CHECK(stem("is") == "is");
  CHECK(stem("a") == "a");
  CHECK(stem("").empty());
  const std::string long_word(100, 's');
  CHECK(stem(long_word) == long_word);
}

TEST_CASE("stems stay right when many distinct words pass through") {
  const std::vector<std::string> words{"sharding", "caches", "replicated", "throttling"};
  std::vector<std::string> before;
  for (const auto& word : words) before.push_back(stem(word));
  // Thousands of distinct words, so cached entries are overwritten many times.
  std::vector<std::string> churn;
  for (int i = 0; i < 20000; ++i) {
    std::string word;
    for (int n = i; n > 0 || word.empty(); n /= 26) word += static_cast<char>('a' + n % 26);
    churn.push_back(word + "ings");
  }
  for (const auto& word : churn) CHECK(stem(word) == stem(word));
  for (std::size_t i = 0; i < words.size(); ++i) CHECK(stem(words[i]) == before[i]);
  CHECK(stem("aaings") != stem("baings"));
}

TEST_CASE("stemming on many threads at once gives the same stems") {
  const std::vector<std::string> words{"sharding",    "caches",       "replicas",  "availability",
                                       "consistency", "partitioning", "databases", "queues"};
  std::vector<std::string> expected;
  for (const auto& word : words) expected.push_back(stem(word));

  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < mismatches.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 2000; ++round) {
        for (std::size_t i = 0; i < words.size(); ++i) {
          if (stem(words[i]) != expected[i]) ++mismatches[t];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const int count : mismatches) CHECK(count == 0);
}
