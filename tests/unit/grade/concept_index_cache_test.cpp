// The concept index compiled from the real glossary is the same whether its forms come from the
// cache or are compiled afresh, a pack's own forms are cached apart from the glossary's alone,
// and a damaged entry is compiled again.

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../pack/cache_support.hpp"
#include "grade/concept_index.hpp"
#include "grade/match_tokens.hpp"
#include "pack/library.hpp"

namespace {

namespace fs = std::filesystem;
using sdi::grade::ConceptIndex;

const char* kText =
    "We put a load balancer (HAProxy) in front of stateless app servers, an LRU cache and a CDN "
    "so that reads stay fast; Kafka queues the writes, consistent hashing shards the key-value "
    "store, and read replicas fail over when the primary dies. Rate limiting, write-through "
    "caching, base62 IDs, a bloom filter, geo-DNS, TTLs and LBs finish it.";

std::string scan_text(const ConceptIndex& index) {
  std::string out;
  auto tokens = sdi::grade::match_tokens(kText);
  for (const auto& m : index.scan(tokens)) {
    out += index.concept_at(m.concept_idx).id + "@" + std::to_string(m.first) + "+" +
           std::to_string(m.count) + " [";
    for (int i : index.implied(m.concept_idx)) out += index.concept_at(i).id + " ";
    out += "]\n";
  }
  return out;
}

sdi::pack::Library real_library() {
  sdi::pack::SearchPath sp;
  sp.plugin_dirs.push_back(std::string(SDI_SOURCE_DIR) + "/plugins");
  return sdi::pack::Library::discover(sp);
}

std::vector<sdi::pack::Concept> pack_concepts() {
  sdi::pack::Concept own;
  own.id = "short_code";
  own.name = "short code";
  own.synonyms = {"base62 ID"};
  sdi::pack::Concept refined;
  refined.id = "load_balancer";
  refined.name = "front door";
  return {own, refined};
}

}  // namespace

TEST_CASE("concept index: cached forms match compiled ones") {
  sdi::test::ScratchCache sc;
  sdi::pack::Library lib = real_library();
  REQUIRE_FALSE(lib.glossary().source_key().empty());
  auto extra = pack_concepts();

  ConceptIndex compiled(lib.glossary(), extra);
  CHECK_FALSE(compiled.cached());
  ConceptIndex cached(lib.glossary(), extra);
  CHECK(cached.cached());
  // The glossary alone is another entry, compiled once, and matches no pack's own concept.
  ConceptIndex plain(lib.glossary(), {});
  CHECK_FALSE(plain.cached());
  CHECK(ConceptIndex(lib.glossary(), {}).cached());
  CHECK(scan_text(plain).find("short_code@") == std::string::npos);
  auto other = extra;
  other[0].synonyms.push_back("tiny link");
  CHECK_FALSE(ConceptIndex(lib.glossary(), other).cached());

  std::string expected = scan_text(compiled);
  CHECK(expected.find("load_balancer@") != std::string::npos);
  CHECK(expected.find("short_code@") != std::string::npos);
  CHECK(scan_text(cached) == expected);
  CHECK(cached.size() == compiled.size());
  for (int i = 0; i < compiled.size(); ++i) {
    CHECK(cached.find(compiled.concept_at(i).id) == i);
    CHECK(compiled.find(compiled.concept_at(i).id) == i);
    CHECK(std::ranges::equal(cached.implied(i), compiled.implied(i)));
  }
  CHECK(cached.find("short_code") == compiled.size() - 1);
  for (const char* unknown :
       {"", "x", "load_balance", "load_balancerx", "no such concept at all"}) {
    CHECK(cached.find(unknown) == -1);
    CHECK(compiled.find(unknown) == -1);
  }
  {
    sdi::test::EnvVar off("XDG_CACHE_HOME", "off");
    sdi::test::EnvVar home("HOME", nullptr);
    ConceptIndex uncached(lib.glossary(), extra);
    CHECK_FALSE(uncached.cached());
    CHECK(scan_text(uncached) == expected);
  }

  // Damage the entries: they are compiled again (and rewritten), with the same result.
  int damaged = 0;
  for (const auto& e : fs::directory_iterator(sc.folder())) {
    if (e.path().filename().string().rfind("concept-index-", 0) != 0) continue;
    std::string bytes;
    {
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      bytes = ss.str();
    }
    bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x04);
    std::ofstream(e.path(), std::ios::binary) << bytes;
    ++damaged;
  }
  REQUIRE(damaged == 3);
  ConceptIndex recompiled(lib.glossary(), extra);
  CHECK_FALSE(recompiled.cached());
  CHECK(scan_text(recompiled) == expected);
  ConceptIndex again(lib.glossary(), extra);
  CHECK(again.cached());
  CHECK(scan_text(again) == expected);
}

namespace {

std::string file_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::uint64_t u64_at(const std::string& bytes, std::size_t at) {
  std::uint64_t v;
  std::memcpy(&v, bytes.data() + at, 8);
  return v;
}

}  // namespace

TEST_CASE("concept index: a whole entry holding a malformed block is compiled again") {
  sdi::test::ScratchCache sc;
  sdi::pack::Library lib = real_library();
  const std::string expected = scan_text(ConceptIndex(lib.glossary(), {}));
  fs::path entry;
  for (const auto& e : fs::directory_iterator(sc.folder()))
    if (e.path().filename().string().rfind("concept-index-", 0) == 0) entry = e.path();
  REQUIRE_FALSE(entry.empty());
  // The entry's own key and block (pack/cache.cpp: magic, layout, key and payload lengths,
  // checksum), so each malformed block is stored under the key that reads it back.
  const std::string bytes = file_bytes(entry);
  constexpr std::size_t kHeader = 36;
  const std::uint64_t key_length = u64_at(bytes, 12);
  const std::string key = bytes.substr(kHeader, key_length);
  const std::string block = bytes.substr(kHeader + key_length);

  std::vector<std::string> malformed;
  for (std::size_t cut : {std::size_t{0}, std::size_t{3}, std::size_t{20}, block.size() / 3,
                          block.size() / 2, block.size() - 1})
    malformed.push_back(block.substr(0, cut));
  malformed.push_back(block + "x");
  for (std::size_t cell = 0; cell < 6; ++cell) {
    for (std::uint32_t value : {0u, 1u, 0x7FFFFFFFu, 0xFFFFFFFFu}) {
      std::string b = block;
      std::memcpy(b.data() + 4 * cell, &value, 4);
      malformed.push_back(b);
    }
  }
  for (const std::string& b : malformed) {
    sdi::pack::cache::write(entry.filename().string(), key, b);
    ConceptIndex index(lib.glossary(), {});
    if (b == block) continue;  // a count rewritten to what it was
    CHECK_FALSE(index.cached());
    CHECK(scan_text(index) == expected);
  }
}
