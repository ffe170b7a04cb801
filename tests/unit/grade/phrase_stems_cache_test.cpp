#include "grade/phrase_stems_cache.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string_view>
#include <vector>

#include "../pack/cache_support.hpp"
#include "grade/match_tokens.hpp"

namespace {

using sdi::grade::cached_phrase_stems;
using sdi::grade::phrase_stems;

std::vector<std::vector<std::string>> direct(const std::vector<std::string_view>& phrases) {
  std::vector<std::vector<std::string>> out;
  for (auto p : phrases) out.push_back(phrase_stems(p));
  return out;
}

std::filesystem::path only_entry(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> found;
  for (const auto& e : std::filesystem::directory_iterator(folder))
    if (e.path().filename().string().rfind("stems-", 0) == 0) found.push_back(e.path());
  REQUIRE(found.size() == 1);
  return found.front();
}

}  // namespace

TEST_CASE("cached phrase stems equal the stems computed directly, from a miss and from a hit") {
  sdi::test::ScratchCache cache;
  const std::vector<std::string_view> phrases = {"so that", "trade-offs", "", "Sharding keys",
                                                 "in order to"};
  const auto first = cached_phrase_stems("test list", phrases);
  CHECK(first == direct(phrases));
  const auto entry = only_entry(cache.folder());
  const auto written = std::filesystem::last_write_time(entry);
  const auto second = cached_phrase_stems("test list", phrases);
  CHECK(second == first);
  CHECK(std::filesystem::last_write_time(entry) == written);  // read, not rewritten
}

TEST_CASE("an edited list replaces its cache entry instead of reading the old stems") {
  sdi::test::ScratchCache cache;
  cached_phrase_stems("steps", std::vector<std::string_view>{"capacity estimates"});
  const std::vector<std::string_view> edited = {"high-level design", "capacity"};
  CHECK(cached_phrase_stems("steps", edited) == direct(edited));
  only_entry(cache.folder());  // still one entry for the list
  CHECK(cached_phrase_stems("steps", edited) == direct(edited));
}

TEST_CASE("a damaged entry is recomputed") {
  sdi::test::ScratchCache cache;
  const std::vector<std::string_view> phrases = {"because", "rather than"};
  cached_phrase_stems("damaged", phrases);
  const auto entry = only_entry(cache.folder());
  const auto size = std::filesystem::file_size(entry);
  std::filesystem::resize_file(entry, size - 3);
  CHECK(cached_phrase_stems("damaged", phrases) == direct(phrases));
}
