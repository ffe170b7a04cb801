// require loads modules from the pack's own folder only.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "../scratch_dir.hpp"
#include "support.hpp"

using sdi::lua::Error;
using sdi::lua::Sandbox;
using sdi::lua::testing::check_still_usable;
using sdi::lua::testing::contains;
using sdi::lua::testing::eval;
using sdi::lua::testing::run_failing;
using sdi::lua::testing::small_limits;

namespace {

namespace fs = std::filesystem;

// A pack folder with modules, next to a file outside it that must stay unreachable.
class PackFolder {
 public:
  PackFolder() : base_(scratch_.path()) {
    fs::create_directories(root() / "lib");
    write(root() / "helpers.lua",
          "loads = (loads or 0) + 1\n"
          "local M = {}\n"
          "function M.double(x) return x * 2 end\n"
          "return M\n");
    write(root() / "lib" / "util.lua", "local name = ...\nreturn {name = name}\n");
    write(root() / "no_return.lua", "side_effect = true\n");
    write(root() / "broken.lua", "local x = 1\nerror('module failed')\n");
    write(root() / "loop_a.lua", "return require 'loop_b'\n");
    write(root() / "loop_b.lua", "return require 'loop_a'\n");
    write(root() / "os.lua", "return {execute = function() return 'fake' end}\n");
    write(base_ / "secret.lua", "return 'secret'\n");
    std::error_code error;
    fs::create_symlink(base_ / "secret.lua", root() / "link.lua", error);
    symlink_made_ = !error;
  }
  PackFolder(const PackFolder&) = delete;
  PackFolder& operator=(const PackFolder&) = delete;

  fs::path root() const { return base_ / "pack"; }
  bool symlink_made() const { return symlink_made_; }

 private:
  static void write(const fs::path& file, const std::string& text) {
    std::ofstream out(file);
    out << text;
  }

  sdi::test::ScratchDir scratch_;
  fs::path base_;
  bool symlink_made_ = false;
};

}  // namespace

TEST_CASE("require loads a module from the module root, once") {
  PackFolder folder;
  Sandbox sandbox(small_limits());
  sandbox.set_module_root(folder.root(), "problems/demo");
  CHECK(eval(sandbox, "return require('helpers').double(21)") == "42");
  CHECK(eval(sandbox, "return require('helpers') == require('helpers') and loads") == "1");
  CHECK(eval(sandbox, "return require('lib.util').name") == "lib.util");
  CHECK(eval(sandbox, "return tostring(require('no_return')) .. ' ' .. tostring(side_effect)") ==
        "true true");
  // Standard library names give the sandbox's own tables.
  CHECK(eval(sandbox, "return require('string') == string and require('table') == table") ==
        "true");
}

TEST_CASE("errors inside a module name the module file") {
  PackFolder folder;
  Sandbox sandbox(small_limits());
  sandbox.set_module_root(folder.root(), "problems/demo");
  const Error error = run_failing(sandbox, "local b = require 'broken'");
  CHECK(error.kind() == Error::Kind::Runtime);
  CHECK(std::string(error.what()) == "problems/demo/broken.lua:2: module failed");
  // A failed module is not cached as loaded.
  CHECK(run_failing(sandbox, "local b = require 'broken'").kind() == Error::Kind::Runtime);
  const Error missing = run_failing(sandbox, "\nlocal m = require 'nothing.here'");
  CHECK(std::string(missing.what()) ==
        "hostile.lua:2: module 'nothing.here' not found (no file 'problems/demo/nothing/here.lua' "
        "in the pack folder)");
  const Error loop = run_failing(sandbox, "local m = require 'loop_a'");
  CHECK(loop.kind() == Error::Kind::Forbidden);
  CHECK(contains(loop.what(), "requires itself (circular require)"));
  check_still_usable(sandbox);
}

TEST_CASE("require cannot leave the module root") {
  PackFolder folder;
  Sandbox sandbox(small_limits());
  sandbox.set_module_root(folder.root(), "problems/demo");
  for (const char* name : {"../secret", "..secret", "/etc/passwd", "lib/../../secret", ".hidden",
                           "lib.", "", "a b", "C:\\\\x"}) {
    CAPTURE(name);
    const Error error = run_failing(sandbox, std::string("return require '") + name + "'");
    CHECK(error.kind() == Error::Kind::Forbidden);
    CHECK(contains(error.what(), "invalid module name"));
  }
  if (folder.symlink_made()) {
    const Error error = run_failing(sandbox, "return require 'link'");
    CHECK(error.kind() == Error::Kind::Forbidden);
    CHECK(contains(error.what(), "resolves outside the pack folder"));
  }
  // A module file named like a host library does not unlock it.
  const Error os = run_failing(sandbox, "return require('os').execute()");
  CHECK(os.kind() == Error::Kind::Forbidden);
  check_still_usable(sandbox);
}

TEST_CASE("without a module root require fails") {
  Sandbox sandbox(small_limits());
  const Error error = run_failing(sandbox, "return require 'helpers'");
  CHECK(error.kind() == Error::Kind::Forbidden);
  CHECK(std::string(error.what()) ==
        "hostile.lua:1: require: cannot load module 'helpers': this sandbox has no module folder");
}

TEST_CASE("changing the module root forgets loaded modules") {
  PackFolder folder;
  Sandbox sandbox(small_limits());
  sandbox.set_module_root(folder.root(), "problems/demo");
  CHECK(eval(sandbox, "return require('helpers').double(1)") == "2");
  sandbox.set_module_root({});
  CHECK(run_failing(sandbox, "return require 'helpers'").kind() == Error::Kind::Forbidden);
  sandbox.set_module_root(folder.root());
  CHECK(eval(sandbox, "require('helpers') return loads") == "2");
  const Error error = run_failing(sandbox, "local b = require 'broken'");
  CHECK(std::string(error.what()) == "broken.lua:2: module failed");
}
