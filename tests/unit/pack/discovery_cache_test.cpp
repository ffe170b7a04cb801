// Templates and manifests read through the cache: a hit gives exactly what parsing gives, an
// edited file is parsed again, and a folder with a broken file is never cached.

#include "pack/discovery_cache.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cache_support.hpp"
#include "pack/library.hpp"

namespace {

namespace fs = std::filesystem;
using sdi::pack::Library;
using sdi::pack::SearchPath;
using sdi::test::ScratchCache;
using sdi::test::ScratchDir;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

int entries(const fs::path& folder, const std::string& kind) {
  int n = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder, ec))
    if (e.path().filename().string().rfind(kind + "-", 0) == 0) ++n;
  return n;
}

// Every field of every template and pack, and every problem, as text.
std::string dump(const Library& lib) {
  std::string out;
  auto list = [&out](const std::vector<std::string>& v) {
    for (const auto& s : v) out += s + ",";
    out += "|";
  };
  for (const auto& t : lib.templates()) {
    out += t.id + "|" + t.title + "|" + t.summary + "|" + t.file + "|";
    list(t.generic_checks);
    for (const auto& s : t.steps) {
      out += s.id + "|" + s.title + "|" + std::to_string(s.minutes) + "|" + s.guidance + "|";
      list(s.facets);
      list(s.aliases);
    }
    out += "\n";
  }
  for (const auto& m : lib.packs()) {
    out += m.id + "|" + m.title + "|" + m.version + "|" + m.engine + "|" + m.difficulty + "|" +
           m.template_id + "|" + m.summary + "|" + m.prompt + "|" + m.dir.string() + "|" + m.file +
           "|";
    list(m.tags);
    for (const auto& s : m.samples)
      out += s.file + ":" + std::to_string(s.low) + "-" + std::to_string(s.high) + "@" +
             std::to_string(s.line) + "|";
    out += "\n";
  }
  for (const auto& p : lib.problems()) out += "problem: " + p + "\n";
  return out;
}

// A copy of the shipped templates and pack manifests.
struct Tree {
  ScratchDir root;
  fs::path plugins = root.path() / "plugins";
  fs::path problems = root.path() / "problems";
  SearchPath path;
  Tree() {
    fs::path source = SDI_SOURCE_DIR;
    fs::create_directories(plugins / "templates");
    for (const auto& e : fs::directory_iterator(source / "plugins" / "templates"))
      fs::copy_file(e.path(), plugins / "templates" / e.path().filename());
    for (const char* id : {"url-shortener", "twitter"}) {
      fs::create_directories(problems / id);
      fs::copy_file(source / "problems" / id / "pack.toml", problems / id / "pack.toml");
    }
    path.plugin_dirs.push_back(plugins);
    path.problem_dirs.push_back(problems);
  }
};

}  // namespace

TEST_CASE("templates and manifests read from the cache equal the files parsed") {
  ScratchCache sc;
  Tree tree;
  Library parsed = Library::discover(tree.path);
  REQUIRE(parsed.templates().size() >= 5);
  REQUIRE(parsed.packs().size() == 2);
  CHECK(parsed.problems().empty());
  CHECK(entries(sc.folder(), "templates") == 1);
  CHECK(entries(sc.folder(), "manifests") == 1);

  Library cached = Library::discover(tree.path);
  CHECK(dump(cached) == dump(parsed));

  sdi::test::EnvVar off("XDG_CACHE_HOME", "off");
  sdi::test::EnvVar home("HOME", nullptr);
  Library uncached = Library::discover(tree.path);
  CHECK(dump(uncached) == dump(parsed));
}

TEST_CASE("an edited template or manifest is parsed again") {
  ScratchCache sc;
  Tree tree;
  Library first = Library::discover(tree.path);
  fs::path manifest = tree.problems / "twitter" / "pack.toml";
  std::string text = read_file(manifest);
  auto at = text.find("title = \"");
  REQUIRE(at != std::string::npos);
  text.insert(at + 9, "Edited: ");
  write_file(manifest, text);
  fs::path tpl = tree.plugins / "templates" / "classic.toml";
  std::string t = read_file(tpl);
  at = t.find("title = \"");
  REQUIRE(at != std::string::npos);
  t.insert(at + 9, "Edited: ");
  write_file(tpl, t);

  Library second = Library::discover(tree.path);
  REQUIRE(second.find_pack("twitter") != nullptr);
  CHECK(second.find_pack("twitter")->title.rfind("Edited: ", 0) == 0);
  REQUIRE(second.find_template("classic") != nullptr);
  CHECK(second.find_template("classic")->title.rfind("Edited: ", 0) == 0);
  Library again = Library::discover(tree.path);
  CHECK(dump(again) == dump(second));
  CHECK(dump(again) != dump(first));

  fs::remove_all(tree.problems / "twitter");
  Library fewer = Library::discover(tree.path);
  CHECK(fewer.packs().size() == 1);
  CHECK(fewer.find_pack("twitter") == nullptr);
}

TEST_CASE("a broken template or manifest is reported alike with the cache, and never cached") {
  ScratchCache sc;
  Tree tree;
  write_file(tree.plugins / "templates" / "broken.toml", "id = \"broken\"\ntitle = 3\n");
  write_file(tree.problems / "twitter" / "pack.toml", "id = \"twitter\"\n");
  Library first = Library::discover(tree.path);
  CHECK(first.problems().size() == 2);
  CHECK(first.find_pack("url-shortener") != nullptr);
  CHECK(first.find_template("classic") != nullptr);
  Library second = Library::discover(tree.path);
  CHECK(dump(second) == dump(first));
  CHECK(entries(sc.folder(), "templates") == 0);
  CHECK(entries(sc.folder(), "manifests") == 0);
}

TEST_CASE("a pack that could not be read is named when a user asks for it, cached or not") {
  ScratchCache sc;
  Tree tree;
  write_file(tree.problems / "twitter" / "pack.toml", "id = \"twitter\"\n");
  for (int round = 0; round < 2; ++round) {  // the second reads the good manifests from the cache
    Library lib = Library::discover(tree.path);
    const std::string message = lib.unknown_pack_message("twitter");
    CHECK(message.rfind("unknown problem 'twitter': its pack could not be read: ", 0) == 0);
    CHECK(message.find("twitter/pack.toml") != std::string::npos);
    CHECK(message.find("known problems: ") != std::string::npos);
    CHECK(message.find("url-shortener") != std::string::npos);
    CHECK(lib.unknown_pack_message("nope").rfind("unknown problem 'nope'; known problems: ", 0) ==
          0);
  }
}

TEST_CASE("a folder among the packs that cannot be read is a problem, not skipped in silence") {
  ScratchCache sc;
  Tree tree;
  fs::create_directory_symlink(tree.problems / "looped", tree.problems / "looped");
  for (int round = 0; round < 2; ++round) {  // the cache must not hide it either
    Library lib = Library::discover(tree.path);
    REQUIRE(lib.problems().size() == 1);
    CHECK(lib.problems()[0].find("looped: cannot read this folder (") != std::string::npos);
    CHECK(lib.unknown_pack_message("looped").find("its pack could not be read") !=
          std::string::npos);
    CHECK(lib.find_pack("url-shortener") != nullptr);
  }
}

TEST_CASE("a damaged template entry is ignored and replaced") {
  ScratchCache sc;
  Tree tree;
  Library parsed = Library::discover(tree.path);
  fs::path entry;
  for (const auto& e : fs::directory_iterator(sc.folder()))
    if (e.path().filename().string().rfind("templates-", 0) == 0) entry = e.path();
  REQUIRE(!entry.empty());
  std::string bytes = read_file(entry);
  bytes[bytes.size() - 3] ^= 0x5a;
  write_file(entry, bytes);
  Library reread = Library::discover(tree.path);
  CHECK(dump(reread) == dump(parsed));
  CHECK(read_file(entry) != bytes);
}

TEST_CASE("packs are known by their canonical folders, through linked problem folders too") {
  ScratchCache sc;
  Tree tree;
  // A pack linked in from elsewhere, and the whole problems folder reached through a link.
  fs::path elsewhere = tree.root.path() / "elsewhere" / "twitter";
  fs::create_directories(elsewhere);
  fs::copy_file(tree.problems / "twitter" / "pack.toml", elsewhere / "pack.toml");
  fs::remove_all(tree.problems / "twitter");
  fs::create_directory_symlink(elsewhere, tree.problems / "twitter");
  fs::path via_link = tree.root.path() / "problems-link";
  fs::create_directory_symlink(tree.problems, via_link);
  tree.path.problem_dirs = {via_link};

  Library lib = Library::discover(tree.path);
  REQUIRE(lib.find_pack("url-shortener") != nullptr);
  REQUIRE(lib.find_pack("twitter") != nullptr);
  CHECK(lib.find_pack("url-shortener")->dir == fs::canonical(tree.problems) / "url-shortener");
  CHECK(lib.find_pack("twitter")->dir == fs::canonical(elsewhere));
  Library cached = Library::discover(tree.path);
  CHECK(dump(cached) == dump(lib));
}
