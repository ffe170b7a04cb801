// Vocabulary ids are stable per word, and the id index finds exactly what it was built with.

#include "grade/vocabulary.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "grade/id_index.hpp"
#include "grade/match_tokens.hpp"

namespace voc = sdi::grade::vocabulary;

TEST_CASE("vocabulary: one id per word, found again, and its word back") {
  voc::Id a = voc::intern("vocabulary-test-alpha");
  voc::Id b = voc::intern("vocabulary-test-beta");
  CHECK(a != voc::kNone);
  CHECK(b != voc::kNone);
  CHECK(a != b);
  CHECK(voc::intern("vocabulary-test-alpha") == a);
  CHECK(voc::find("vocabulary-test-alpha") == a);
  CHECK(voc::find("vocabulary-test-never-added") == voc::kNone);
  CHECK(voc::word(a) == "vocabulary-test-alpha");
  CHECK(voc::word(voc::kNone).empty());
  auto ids = voc::intern_all({"vocabulary-test-beta", "vocabulary-test-gamma"});
  REQUIRE(ids.size() == 2);
  CHECK(ids[0] == b);
  CHECK(ids[1] == voc::find("vocabulary-test-gamma"));
  CHECK(voc::size() >= 3);
}

TEST_CASE("vocabulary: a batch gives the same ids as one word at a time, past a table doubling") {
  voc::Id known = voc::intern("vocabulary-test-batch-known");
  std::vector<std::string> words;
  for (int i = 0; i < 5000; ++i) words.push_back("vocabulary-test-batch-" + std::to_string(i));
  std::vector<voc::Id> ids;
  {
    voc::Batch batch(words.size());
    CHECK(batch.intern("vocabulary-test-batch-known") == known);
    for (const auto& w : words) ids.push_back(batch.intern(w));
    CHECK(batch.size() >= ids.back());
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    CHECK(voc::find(words[i]) == ids[i]);
    CHECK(voc::word(ids[i]) == words[i]);
  }
  CHECK(voc::intern(words.front()) == ids.front());
}

TEST_CASE("vocabulary: tokens carry the ids of their stem and lowercase word") {
  voc::Id shard = voc::intern("shard");
  voc::Id upper = voc::intern("sharding");
  auto toks = sdi::grade::match_tokens("Sharding zzvocabword");
  REQUIRE(toks.size() == 2);
  CHECK(toks[0].stem == "shard");
  CHECK(toks[0].stem_id == shard);
  CHECK(toks[0].lower_id == upper);
  // A word in no form nor list has no id, however often it is read.
  CHECK(toks[1].stem_id == voc::kNone);
  CHECK(toks[1].lower_id == voc::kNone);
  // Once a word is added, the next tokens know it.
  voc::Id added = voc::intern("zzvocabword");
  auto again = sdi::grade::match_tokens("zzvocabword");
  REQUIRE(again.size() == 1);
  CHECK(again[0].lower_id == added);
}

TEST_CASE("id index: finds the ids it holds and no other") {
  std::vector<std::pair<voc::Id, std::uint32_t>> entries;
  for (voc::Id id = 1; id <= 100; ++id) entries.push_back({id * 7, id});
  sdi::grade::IdIndex index(entries);
  for (voc::Id id = 1; id <= 100; ++id) {
    const std::uint32_t* v = index.find(id * 7);
    REQUIRE(v != nullptr);
    CHECK(*v == id);
    CHECK(index.find(id * 7 + 1) == nullptr);
  }
  CHECK(index.find(voc::kNone) == nullptr);
  CHECK(sdi::grade::IdIndex().find(7) == nullptr);
}
