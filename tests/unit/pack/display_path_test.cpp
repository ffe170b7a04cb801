// How paths are shown: below the working directory relative to it, elsewhere from the nearest
// plugins/ or problems/ root, whatever the spelling of the path.

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "cache_support.hpp"
#include "pack/paths.hpp"

namespace {

namespace fs = std::filesystem;
using sdi::pack::display_path;

// Runs in another working directory for the lifetime of the object.
class InDir {
 public:
  explicit InDir(const fs::path& dir) : old_(fs::current_path()) { fs::current_path(dir); }
  ~InDir() { fs::current_path(old_); }
  InDir(const InDir&) = delete;
  InDir& operator=(const InDir&) = delete;

 private:
  fs::path old_;
};

}  // namespace

TEST_CASE("paths below the working directory are shown relative to it") {
  sdi::test::ScratchDir scratch;
  fs::path root = fs::canonical(scratch.path());
  fs::create_directories(root / "a" / "b");
  InDir in(root);
  CHECK(display_path(root / "a" / "b" / "c.toml") == "a/b/c.toml");
  CHECK(display_path(root / "a" / "." / "b" / "c.toml") == "a/b/c.toml");
  CHECK(display_path(root / "a" / "x" / ".." / "b" / "c.toml") == "a/b/c.toml");
  CHECK(display_path(root.string() + "//a/b/c.toml") == "a/b/c.toml");
  CHECK(display_path(fs::path("a/b/c.toml")) == "a/b/c.toml");
  CHECK(display_path(root / "a") == "a");
  CHECK(display_path(root / "a" / "") == "a/");
  CHECK(display_path(root) == ".");
}

TEST_CASE("paths elsewhere are shown from their plugins or problems root") {
  sdi::test::ScratchDir scratch;
  fs::path root = fs::canonical(scratch.path());
  fs::create_directories(root / "here");
  fs::create_directories(root / "there" / "problems" / "x");
  InDir in(root / "here");
  CHECK(display_path(root / "there" / "problems" / "x" / "pack.toml") == "problems/x/pack.toml");
  CHECK(display_path(root / "here2" / "f.lua") == (root / "here2" / "f.lua").string());
  CHECK(display_path(root / "here") == ".");
}
