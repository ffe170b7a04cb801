#include "grade/reading.hpp"

#include <doctest/doctest.h>
#include <lauxlib.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "grade/block_search.hpp"
#include "grade/reading_lua.hpp"
#include "lua/sandbox.hpp"

namespace reading = sdi::grade::reading;

namespace {

using Finds = std::vector<std::pair<int, std::size_t>>;

// Each block's first occurrence of `needle`, as a plain find sees it.
Finds plain_finds(const std::vector<std::string>& blocks, const char* needle) {
  Finds out;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    auto pos = blocks[b].find(needle);
    if (pos != std::string::npos) out.push_back({static_cast<int>(b), pos});
  }
  return out;
}

Finds as_finds(const std::vector<sdi::grade::BlockSearch::Found>& found) {
  Finds out;
  for (const auto& f : found) out.push_back({f.block, f.offset});
  return out;
}

}  // namespace

TEST_CASE("a question ends in '?' before closing markup and spaces") {
  CHECK(reading::is_question("Do we need a cache?"));
  CHECK(reading::is_question("**Do we need a cache?** "));
  CHECK(reading::is_question("(how many users?)\n"));
  CHECK_FALSE(reading::is_question("We need a cache."));
  CHECK_FALSE(reading::is_question("Is it? We need a cache"));
  CHECK_FALSE(reading::is_question(""));
}

TEST_CASE("a run of short terms is a term list, a clause is not") {
  CHECK(reading::term_list("raw events, aggregated data, per hour, per minute"));
  CHECK(reading::term_list("Tables: users (user_id, name), tweets (tweet_id)"));
  CHECK_FALSE(reading::term_list("each log has a timestamp, a level and the message"));
  CHECK_FALSE(reading::term_list("Redis, Kafka, we shard"));  // "we" makes a clause
  CHECK_FALSE(reading::term_list("cache, queue, don't shard"));
  CHECK_FALSE(reading::term_list("cache, queue"));  // two pieces
  CHECK_FALSE(
      reading::term_list("one two three four, five six seven eight, nine ten eleven twelve"));
}

TEST_CASE("a term list is judged alike whatever the text's length") {
  // The rule as written, a byte at a time, against texts long and short: their separators and
  // word starts are counted sixteen bytes at a time.
  const auto reference = [](std::string_view text) {
    const auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
    std::size_t separators = 0, words = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      separators += text[i] == ',' || text[i] == ';';
      words += !space(text[i]) && (i == 0 || space(text[i - 1]));
    }
    // The texts below hold no word that makes a clause: the counts decide.
    return separators >= 2 && static_cast<double>(words) / static_cast<double>(separators + 1) < 4;
  };
  // Pieces with a separator in some, and others giving close to four words a separator, where
  // a word miscounted would turn the verdict.
  const std::string_view pieces[] = {"a",  "bb",  " ",   "  ",   ",",  ";",     "\t",
                                     "\n", "x\r", ", c", "a b ", " d", "e f g", "\th j"};
  std::uint32_t seed = 7;
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const std::size_t length = round < 300 ? static_cast<std::size_t>(round) : 4000 + round * 7;
    while (text.size() < length) {
      seed = seed * 1103515245u + 12345u;
      text += pieces[(seed >> 16) % std::size(pieces)];
    }
    CHECK_MESSAGE(reading::term_list(text) == reference(text), text);
  }
}

TEST_CASE("negation is read in the clause around the word") {
  CHECK_FALSE(reading::affirms("We do not need a dead-letter queue.", "dead-letter queue"));
  CHECK_FALSE(reading::affirms("No need for a cache here.", "cache"));
  CHECK_FALSE(reading::affirms("We pull instead of push.", "push"));
  CHECK_FALSE(reading::affirms("A cache is overkill at this size.", "cache"));
  CHECK_FALSE(reading::affirms("We don't shard.", "shard"));
  CHECK(reading::affirms("Timelines are not precomputed for inactive users.", "inactive users"));
  CHECK(reading::affirms("We pull instead of push.", "pull"));
  CHECK(reading::affirms("No SQL joins, but a cache in front.", "cache"));  // another clause
  CHECK(reading::affirms("We add a CACHE.", "cache"));
  // One affirmed occurrence is enough.
  CHECK(reading::affirms("Not a cache at first; later a cache in front of the DB.", "cache"));
  CHECK_FALSE(reading::affirms("A queue.", "cache"));
}

TEST_CASE("contains_any finds the first listed word, ignoring case") {
  std::vector<std::string_view> words = {"kafka", "Queue", "log"};
  CHECK(reading::contains_any("A message QUEUE and a log", words) == 1);
  CHECK(reading::contains_any("Kafka", words) == 0);
  CHECK(reading::contains_any("nothing here", words) == -1);
}

TEST_CASE("count_any counts the lists with a word in the text, ignoring case") {
  std::vector<std::vector<std::string_view>> lists = {
      {"timestamp", "time"}, {"Level", "severity"}, {"message"}, {}, {"LOG", "trace"}};
  CHECK(reading::count_any("Timestamp, SEVERITY and the log line", lists) == 3);
  CHECK(reading::count_any("nothing here", lists) == 0);
  CHECK(reading::count_any("anything", {}) == 0);
}

TEST_CASE("lowering changes only the ASCII capitals, sixteen bytes at a time or one by one") {
  // Runs of byte values around the capitals, longer and shorter than sixteen, and every value.
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  for (std::size_t size :
       {std::size_t{0}, std::size_t{5}, std::size_t{16}, std::size_t{37}, all.size()}) {
    const std::string text = all.substr(std::min<std::size_t>('A' - 3, all.size() - size), size);
    std::string want = text;
    for (char& c : want)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    CHECK(reading::lower(text) == want);
    std::string in_place = text;
    reading::lower_into(in_place, in_place.data());
    CHECK(in_place == want);
  }
}

TEST_CASE("sentences end at a full stop, a bang, a question mark or a semicolon before a space") {
  auto s = reading::sentences_of("  First one. Second, e.g. this!Third? Last;   ");
  REQUIRE(s.size() == 4);
  CHECK(s[0].text == "First one.");
  CHECK(s[0].offset == 2);
  CHECK(s[1].text == "Second, e.g.");
  CHECK(s[2].text == "this!Third?");
  CHECK(s[3].text == "Last;");
  CHECK(reading::sentences_of("   ").empty());
}

TEST_CASE("block search finds the first occurrence in every block, as a plain find would") {
  std::vector<std::string> blocks = {
      "we cache the timeline in redis; the cache is warm",
      "no match here",
      "cache",
      "",
      "a write-through cache, then another cache",
      "ca",
      "che at the start",
  };
  sdi::grade::BlockSearch search(blocks);
  for (const char* needle : {"cache", "ca", "c", "che", "the", "write-through cache", "zzz",
                             "cache\n", "e", "he at", "a"}) {
    const Finds want = plain_finds(blocks, needle);
    CHECK_MESSAGE(as_finds(search.find(needle)) == want, needle);
    // Into a list that held other finds: the same, and nothing else.
    std::vector<sdi::grade::BlockSearch::Found> reused = {{9, 9}};
    search.find(needle, reused);
    CHECK_MESSAGE(as_finds(reused) == want, needle);
  }
  CHECK(search.find("").empty());
  // No match spans two blocks.
  CHECK(search.find("cacheca").empty());
}

TEST_CASE("block search finds short needles anywhere in long blocks") {
  // Needles of one and two bytes are looked for sixteen positions at a time: place them at every
  // offset of blocks longer than that, up to their very ends.
  std::vector<std::string> blocks;
  for (std::size_t at = 0; at < 40; ++at) blocks.push_back(std::string(at, 'x') + "ab" + "xyz");
  blocks.push_back(std::string(37, 'a'));
  blocks.push_back("b");
  const sdi::grade::BlockSearch search(blocks);
  for (const char* needle : {"ab", "a", "b", "bx", "xa", "z", "yz", "zx"}) {
    CHECK_MESSAGE(as_finds(search.find(needle)) == plain_finds(blocks, needle), needle);
  }
}

TEST_CASE("find_in finds what std::string_view::find finds") {
  // Texts longer and shorter than the sixteen positions tested at once, needles at every offset,
  // near misses (first and last bytes right, a middle one wrong) and every starting point.
  const std::string text = "the cache, then the cdn: a cache-aside cache. cachecache caxhe";
  for (const char* needle : {"cache", "c", "ca", "che", "caxhe", "e", "the", "", "zz", "cachecache",
                             "e caxhe", "cache-aside cache. cachecache caxhe!"}) {
    for (std::size_t cut = 0; cut <= text.size(); cut += 7) {
      const std::string_view t = std::string_view(text).substr(0, text.size() - cut);
      for (std::size_t from = 0; from <= t.size() + 1; ++from)
        CHECK_MESSAGE(sdi::grade::find_in(t, needle, from) == t.find(needle, from), needle);
    }
  }
}

TEST_CASE("a needle holding a NUL byte is found within a block, never across two") {
  using namespace std::string_literals;
  // Blocks are kept apart by NUL bytes: a needle holding one matches only a NUL in a block's
  // own text, at its first occurrence in each block, however long the needle.
  const std::vector<std::string> blocks = {
      "ab"s, "cd\0ab\0cd"s, "xy"s, ""s, "\0"s, "ab\0cd ab\0cd"s, "cd"s,
  };
  const sdi::grade::BlockSearch search(blocks);
  for (const std::string& needle : {"\0"s, "b\0"s, "\0c"s, "b\0c"s, "ab\0cd"s, "\0cd"s, "b\0cd ab"s,
                                    "xy\0"s, "\0\0"s, "d\0"s, "cd\0"s}) {
    Finds want;
    for (std::size_t b = 0; b < blocks.size(); ++b) {
      const auto pos = blocks[b].find(needle);
      if (pos != std::string::npos) want.push_back({static_cast<int>(b), pos});
    }
    CHECK_MESSAGE(as_finds(search.find(needle)) == want, needle.size());
  }
}

TEST_CASE("a near miss differing in any one byte is no match, whatever the needle's length") {
  // Candidates are compared a word at a time: a needle of every length up to three words, with
  // each of its bytes changed in turn, is found exactly where std::string_view::find finds it.
  const std::string text = "abcdefghijklmnopqrstuvwxyz0123456789 abcdefghijklmnopqrstuvwxyz";
  std::vector<std::string> blocks = {text, text.substr(5), "xyz"};
  const sdi::grade::BlockSearch search(blocks);
  for (std::size_t size = 1; size <= 24; ++size) {
    for (std::size_t at = 0; at + size <= 36; at += 5) {
      const std::string exact = text.substr(at, size);
      CHECK(sdi::grade::find_in(text, exact) == std::string_view(text).find(exact));
      for (std::size_t changed = 0; changed < size; ++changed) {
        std::string miss = exact;
        miss[changed] = '#';
        CHECK(sdi::grade::find_in(text, miss) == std::string_view::npos);
        CHECK(search.find(miss).empty());
      }
      CHECK(as_finds(search.find(exact)) == plain_finds(blocks, exact.c_str()));
    }
  }
}

TEST_CASE("BlockSearch reads blocks with ASCII letters lowercased") {
  std::vector<std::string_view> blocks = {"We use Redis", "REDIS-backed", "no", "Rédis"};
  std::vector<std::pair<int, std::size_t>> got;
  for (const auto& f : sdi::grade::BlockSearch(blocks).find("redis"))
    got.push_back({f.block, f.offset});
  CHECK(got == std::vector<std::pair<int, std::size_t>>{{0, 7}, {1, 0}});
  got.clear();
  for (const auto& f : sdi::grade::BlockSearch(blocks).find("no"))
    got.push_back({f.block, f.offset});
  CHECK(got == std::vector<std::pair<int, std::size_t>>{{2, 0}});
  CHECK(sdi::grade::BlockSearch(blocks).find("We").empty());
  const sdi::grade::BlockSearch search(blocks);
  CHECK(search.lower_block(0) == "we use redis");
  CHECK(search.lower_block(1) == "redis-backed");
  CHECK(search.lower_block(3) == "rédis");
}

TEST_CASE("the natives provide every function helpers.lua takes from them") {
  sdi::lua::Sandbox sb;
  lua_State* L = sb.state();
  lua_pushcfunction(L, sdi::grade::push_reading_library);
  sb.call(0, 1);
  std::set<std::string> provided;
  lua_pushnil(L);
  while (lua_next(L, -2) != 0) {
    CHECK(lua_type(L, -1) == LUA_TFUNCTION);
    provided.insert(lua_tostring(L, -2));
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  REQUIRE(!provided.empty());
  // Load helpers.lua with a stand-in that records each name it reads.
  sb.push_env();
  lua_newtable(L);
  lua_setfield(L, -2, "sdi");
  lua_pop(L, 1);
  sb.load(
      "local read = {}\n"
      "local natives = setmetatable({}, { __index = function(_, k) read[#read + 1] = k;"
      " return function() end end })\n"
      "return natives, read",
      "recorder");
  sb.call(0, 2);
  lua_insert(L, -2);  // read, natives
  sb.load_file(std::string(SDI_SOURCE_DIR) + "/plugins/checks/helpers.lua",
               "plugins/checks/helpers.lua");
  lua_insert(L, -2);  // read, chunk, natives
  sb.call(1, 0);
  std::vector<std::string> read;
  for (lua_Integer i = 1; lua_geti(L, -1, i) == LUA_TSTRING; ++i) {
    read.push_back(lua_tostring(L, -1));
    lua_pop(L, 1);
  }
  lua_pop(L, 2);
  REQUIRE(!read.empty());
  for (const auto& name : read) CHECK_MESSAGE(provided.count(name) == 1, name);
}

TEST_CASE(
    "count_any from Lua: lists of strings (numbers read as their text), errors name the bad item") {
  sdi::lua::Sandbox sb;
  lua_State* L = sb.state();
  sb.push_env();
  lua_pushcfunction(L, sdi::grade::push_reading_library);
  sb.call(0, 1);
  lua_setfield(L, -2, "native");
  lua_pop(L, 1);
  auto eval = [&](const char* code) {
    sb.load(code, "test");
    sb.call(0, 1);
    std::string out = luaL_tolstring(L, -1, nullptr);
    lua_pop(L, 2);
    return out;
  };
  CHECK(eval("return native.count_any('Port 8080, a Cache', { { 'cache' }, { 8080 }, { 'queue' } "
             "})") == "2");
  CHECK(eval("return native.count_any('x', {})") == "0");
  CHECK(eval("return select(2, pcall(native.count_any, 'x', { 'flat' }))").find("bad list #1") !=
        std::string::npos);
  CHECK(eval("return select(2, pcall(native.count_any, 'x', { { 'a', {} } }))")
            .find("bad word #2 in list #1") != std::string::npos);
}
