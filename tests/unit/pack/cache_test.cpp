// The on-disk cache and the glossary read through it: a hit gives exactly what parsing gives, and
// a changed source, a damaged or foreign entry, or no cache folder at all falls back to parsing.

#include "pack/cache.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "cache_support.hpp"
#include "pack/error.hpp"
#include "pack/glossary.hpp"

namespace {

namespace fs = std::filesystem;
namespace cache = sdi::pack::cache;
using sdi::pack::Concept;
using sdi::pack::Glossary;
using sdi::pack::read_glossary_dir;
using sdi::test::ScratchCache;
using sdi::test::ScratchDir;

void write_file(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool holds_nothing(const fs::path& folder) {
  return !fs::exists(folder) || fs::is_empty(folder);
}

fs::path only_entry(const fs::path& folder, const std::string& kind) {
  fs::path found;
  int n = 0;
  for (const auto& e : fs::directory_iterator(folder)) {
    if (e.path().filename().string().rfind(kind + "-", 0) == 0) {
      found = e.path();
      ++n;
    }
  }
  REQUIRE(n == 1);
  return found;
}

const char* kNetworking = R"([[concept]]
id = "load-balancer"
name = "load balancer"
definition = "Spreads requests over servers."
synonyms = ["L7 balancer", "reverse proxy"]
abbreviations = ["LB"]
products = ["HAProxy", "nginx"]
category = "networking"

[[concept]]
id = "cdn"
name = "content delivery network"
definition = "Serves static content from the edge."
abbreviations = ["CDN"]
broader = ["caching"]
related = ["load-balancer"]
)";

const char* kCaching = R"([[concept]]
id = "caching"
name = "cache"
definition = "Keeps hot data close."
exact = ["LRU"]
risk = true
)";

// Every field of every concept, in order, as text.
std::string dump(const Glossary& g) {
  std::string out;
  auto list = [&out](const std::vector<std::string>& v) {
    for (const auto& s : v) out += s + ",";
    out += "|";
  };
  for (const Concept& c : g.all()) {
    out += c.id + "|" + c.name + "|" + c.definition + "|" + c.category + "|" + c.file + ":" +
           std::to_string(c.line) + "|" + (c.risk ? "risk" : "") + "|";
    list(c.synonyms);
    list(c.abbreviations);
    list(c.exact);
    list(c.products);
    list(c.broader);
    list(c.related);
    out += "\n";
  }
  return out;
}

struct Concepts {
  ScratchDir root;
  fs::path dir = root.path() / "concepts";
  Concepts() {
    fs::create_directories(dir);
    write_file(dir / "networking.toml", kNetworking);
    write_file(dir / "caching.toml", kCaching);
  }
};

}  // namespace

TEST_CASE("payload fields round-trip and damaged payloads read as failures") {
  cache::Writer w;
  w.u32(7);
  w.str("hello");
  w.strings({"a", "", "bc"});
  std::string data = w.data();
  cache::Reader r(data);
  CHECK(r.u32() == 7);
  CHECK(r.str() == "hello");
  CHECK(r.strings() == std::vector<std::string>{"a", "", "bc"});
  CHECK(r.at_end());

  for (std::size_t cut = 0; cut < data.size(); ++cut) {
    cache::Reader t(std::string_view(data).substr(0, cut));
    t.u32();
    t.str();
    t.strings();
    CHECK_FALSE(t.at_end());
  }
  cache::Writer huge;
  huge.u32(0xFFFFFFFFu);  // a count no payload can hold
  cache::Reader h(huge.data());
  CHECK(h.strings().empty());
  CHECK_FALSE(h.ok());
}

TEST_CASE("an entry is read back only whole and under its own key") {
  ScratchCache sc;
  cache::write("entry", "key-1", "payload bytes");
  auto entry = cache::read("entry", "key-1");
  REQUIRE(entry);
  CHECK(entry->payload() == "payload bytes");
  CHECK_FALSE(cache::read("entry", "key-2"));
  CHECK_FALSE(cache::read("other", "key-1"));

  fs::path file = sc.folder() / "entry";
  std::string bytes = read_file(file);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x20);
    write_file(file, damaged);
    CHECK_FALSE(cache::read("entry", "key-1"));
  }
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
    write_file(file, bytes.substr(0, cut));
    CHECK_FALSE(cache::read("entry", "key-1"));
  }
  write_file(file, bytes + "x");
  CHECK_FALSE(cache::read("entry", "key-1"));
  write_file(file, bytes);
  CHECK(cache::read("entry", "key-1"));
  // No temporaries are left behind.
  int files = 0;
  for (const auto& e : fs::directory_iterator(sc.folder())) files += e.is_regular_file() ? 1 : 0;
  CHECK(files == 1);
}

TEST_CASE("a large entry (mapped, not copied) is read back only whole, and outlives its file") {
  ScratchCache sc;
  std::string payload;
  for (int i = 0; payload.size() < 200 * 1024; ++i) payload += "form " + std::to_string(i) + ";";
  cache::write("large", "key", payload);
  fs::path file = sc.folder() / "large";
  const std::string bytes = read_file(file);
  {
    auto entry = cache::read("large", "key");
    REQUIRE(entry);
    CHECK(entry->payload() == payload);
    // Replaced as the cache replaces entries, by a rename: the entry read keeps its bytes.
    cache::write("large", "key", payload + "more");
    CHECK(entry->payload() == payload);
  }
  CHECK(cache::read("large", "key")->payload() == payload + "more");
  for (std::size_t at : {std::size_t{3}, bytes.size() / 2, bytes.size() - 1}) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x20);
    write_file(file, damaged);
    CHECK_FALSE(cache::read("large", "key"));
  }
  write_file(file, bytes.substr(0, bytes.size() - 1));
  CHECK_FALSE(cache::read("large", "key"));
  write_file(file, bytes);
  CHECK(cache::read("large", "key")->payload() == payload);
}

TEST_CASE("the cache folder is bounded: past its limit the oldest written entries go") {
  ScratchCache sc;
  cache::set_entry_limit(8);
  fs::create_directories(sc.folder());
  // Entries written by earlier runs, oldest first.
  for (int i = 0; i < 12; ++i) {
    const std::string name = "old-" + std::to_string(i);
    write_file(sc.folder() / name, "stale");
    fs::last_write_time(sc.folder() / name,
                        fs::file_time_type::clock::now() - std::chrono::hours(12 - i));
  }
  cache::write("new", "key", "fresh");
  int files = 0;
  for (const auto& e : fs::directory_iterator(sc.folder())) files += e.is_regular_file() ? 1 : 0;
  CHECK(files == 6);  // three quarters of the limit
  CHECK(cache::read("new", "key"));
  CHECK(fs::exists(sc.folder() / "old-11"));
  CHECK_FALSE(fs::exists(sc.folder() / "old-0"));
  CHECK_FALSE(fs::exists(sc.folder() / "old-6"));
  CHECK(fs::exists(sc.folder() / "old-7"));
  // One look per process: later writes leave the folder as it is.
  cache::write("newer", "key", "fresh");
  cache::write("newest", "key", "fresh");
  CHECK(fs::exists(sc.folder() / "old-7"));
  cache::set_entry_limit(512);
}

TEST_CASE("without an absolute cache folder nothing is read or written") {
  sdi::test::EnvVar xdg("XDG_CACHE_HOME", "relative/cache");
  sdi::test::EnvVar home("HOME", nullptr);
  CHECK(cache::directory().empty());
  cache::write("entry", "k", "p");
  CHECK_FALSE(cache::read("entry", "k"));
  CHECK_FALSE(fs::exists("relative"));
}

TEST_CASE("a glossary folder read from the cache equals the folder parsed") {
  ScratchCache sc;
  Concepts c;
  Glossary parsed;
  CHECK_FALSE(read_glossary_dir(c.dir, parsed));
  REQUIRE(parsed.size() == 3);
  Glossary cached;
  CHECK(read_glossary_dir(c.dir, cached));
  CHECK(dump(cached) == dump(parsed));
  CHECK(cached.find("cdn") != nullptr);
  CHECK_FALSE(cached.source_key().empty());
  CHECK(cached.source_key() == parsed.source_key());

  // The same folder with the cache off gives the same glossary.
  sdi::test::EnvVar off("XDG_CACHE_HOME", "off");
  sdi::test::EnvVar home("HOME", nullptr);
  Glossary uncached;
  CHECK_FALSE(read_glossary_dir(c.dir, uncached));
  CHECK(dump(uncached) == dump(parsed));
}

TEST_CASE("a cached glossary gives heads at once and the rest of each concept on first use") {
  ScratchCache sc;
  Concepts c;
  Glossary parsed;
  read_glossary_dir(c.dir, parsed);
  Glossary cached;
  REQUIRE(read_glossary_dir(c.dir, cached));
  REQUIRE(cached.size() == parsed.size());
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    const auto& want = parsed.all()[i];
    const auto& got = cached.head(i);
    CHECK(got.id == want.id);
    CHECK(got.name == want.name);
    CHECK(got.broader == want.broader);
    CHECK(got.category == want.category);
    CHECK(got.risk == want.risk);
    CHECK(got.file == want.file);
    CHECK(got.line == want.line);
  }
  CHECK(cached.contains("cdn"));
  CHECK(cached.index_of("cdn") == parsed.index_of("cdn"));
  CHECK(cached.index_of("nothing") == -1);

  // Moved before its first use, and then used from several threads at once: every thread sees
  // every concept whole.
  Glossary moved = std::move(cached);
  const std::string want = dump(parsed);
  std::vector<std::string> seen(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t)
    threads.emplace_back([&, t] {
      seen[t] = (t % 2 == 0 ? moved.find("caching")->definition : std::string()) + dump(moved);
    });
  for (auto& t : threads) t.join();
  for (std::size_t t = 0; t < seen.size(); ++t)
    CHECK(seen[t] == (t % 2 == 0 ? "Keeps hot data close." : "") + want);
}

TEST_CASE("a changed, added or removed glossary file is parsed again") {
  ScratchCache sc;
  Concepts c;
  Glossary first;
  read_glossary_dir(c.dir, first);
  std::string key = first.source_key();

  std::string edited = kCaching;
  edited.replace(edited.find("Keeps hot"), 9, "Holds the hot");
  write_file(c.dir / "caching.toml", edited);
  Glossary second;
  CHECK_FALSE(read_glossary_dir(c.dir, second));
  CHECK(second.find("caching")->definition == "Holds the hot data close.");
  CHECK(second.source_key() != key);
  Glossary again;
  CHECK(read_glossary_dir(c.dir, again));
  CHECK(dump(again) == dump(second));

  write_file(c.dir / "extra.toml",
             "[[concept]]\nid = \"queue\"\nname = \"queue\"\n"
             "definition = \"Buffers work.\"\n");
  Glossary third;
  CHECK_FALSE(read_glossary_dir(c.dir, third));
  CHECK(third.size() == 4);

  fs::remove(c.dir / "extra.toml");
  Glossary fourth;
  CHECK_FALSE(read_glossary_dir(c.dir, fourth));
  CHECK(dump(fourth) == dump(second));
}

TEST_CASE("files changed in the last two seconds are parsed, never cached") {
  ScratchCache sc;
  sdi::pack::cache::set_settle_time(std::chrono::seconds(2));
  Concepts c;
  Glossary first, second;
  CHECK_FALSE(read_glossary_dir(c.dir, first));
  CHECK_FALSE(read_glossary_dir(c.dir, second));
  CHECK(dump(second) == dump(first));
  CHECK(first.source_key().empty());
  CHECK(holds_nothing(sc.folder()));
}

TEST_CASE("a damaged glossary entry is ignored and replaced") {
  ScratchCache sc;
  Concepts c;
  Glossary parsed;
  read_glossary_dir(c.dir, parsed);
  fs::path entry = only_entry(sc.folder(), "glossary");
  std::string bytes = read_file(entry);
  for (std::size_t at : {std::size_t{9}, bytes.size() / 2, bytes.size() - 1}) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x01);
    write_file(entry, damaged);
    Glossary g;
    CHECK_FALSE(read_glossary_dir(c.dir, g));
    CHECK(dump(g) == dump(parsed));
  }
  write_file(entry, "not a cache entry");
  Glossary g;
  CHECK_FALSE(read_glossary_dir(c.dir, g));
  CHECK(dump(g) == dump(parsed));
  Glossary h;
  CHECK(read_glossary_dir(c.dir, h));
  CHECK(dump(h) == dump(parsed));
}

TEST_CASE("glossary errors are the same with the cache, and a broken folder is never cached") {
  ScratchCache sc;
  Concepts c;
  write_file(c.dir / "zz-broken.toml", "[[concept]]\nid = \"x\"\nname = \"x\"\n");
  std::string first, second;
  Glossary g1, g2;
  try {
    read_glossary_dir(c.dir, g1);
  } catch (const sdi::pack::Error& e) {
    first = e.what();
  }
  try {
    read_glossary_dir(c.dir, g2);
  } catch (const sdi::pack::Error& e) {
    second = e.what();
  }
  CHECK(first.find("definition") != std::string::npos);
  CHECK(first == second);
  CHECK(g1.size() == 3);
  CHECK(g2.size() == 3);
  CHECK(g1.source_key().empty());
  CHECK(holds_nothing(sc.folder()));

  // A duplicate id across folders is reported alike whether the second folder is cached or not.
  fs::remove(c.dir / "zz-broken.toml");
  Glossary once;
  read_glossary_dir(c.dir, once);  // now cached
  std::string parsed_error, cached_error;
  std::size_t parsed_size = 0;
  {
    sdi::test::EnvVar off("XDG_CACHE_HOME", "off");
    sdi::test::EnvVar home("HOME", nullptr);
    Glossary twice;
    read_glossary_dir(c.dir, twice);
    try {
      read_glossary_dir(c.dir, twice);
    } catch (const sdi::pack::Error& e) {
      parsed_error = e.what();
    }
    parsed_size = twice.size();
  }
  Glossary twice;
  read_glossary_dir(c.dir, twice);
  try {
    read_glossary_dir(c.dir, twice);
  } catch (const sdi::pack::Error& e) {
    cached_error = e.what();
  }
  CHECK(parsed_error.find("already defined") != std::string::npos);
  CHECK(cached_error == parsed_error);
  // Both keep the concepts read before the duplicate, and only those.
  CHECK(twice.size() == parsed_size);
  for (std::size_t i = 0; i < twice.size(); ++i)
    CHECK(twice.find(twice.all()[i].id) == &twice.all()[i]);
}

TEST_CASE("a glossary with concepts from elsewhere has no source key") {
  ScratchCache sc;
  Concepts c;
  Glossary g;
  read_glossary_dir(c.dir, g);
  CHECK_FALSE(g.source_key().empty());
  Concept extra;
  extra.id = "extra";
  extra.name = "extra";
  g.add(extra);
  CHECK(g.source_key().empty());
  read_glossary_dir(c.dir.parent_path() / "missing", g);
  CHECK(g.source_key().empty());
}
