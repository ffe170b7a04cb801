// Compiled chunks kept in the start-up cache: a later load uses the kept chunk, a changed source
// or a damaged entry falls back to compiling the source, and messages from a kept chunk still
// name the file and line.

#include "pack/chunk_cache.hpp"

#include <doctest/doctest.h>
#include <lauxlib.h>
#include <lualib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cache_support.hpp"
#include "lua/chunk_store.hpp"
#include "lua/error.hpp"
#include "lua/sandbox.hpp"
#include "pack/cache.hpp"

namespace {

namespace fs = std::filesystem;
namespace cache = sdi::pack::cache;
using sdi::lua::Sandbox;
using sdi::pack::ChunkCache;
using sdi::test::ScratchCache;
using sdi::test::ScratchDir;

void write_file(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> chunk_entries(const fs::path& folder) {
  std::vector<fs::path> found;
  if (!fs::exists(folder)) return found;
  for (const auto& e : fs::directory_iterator(folder))
    if (e.path().filename().string().rfind("chunk-", 0) == 0) found.push_back(e.path());
  return found;
}

// Every sandbox of the test loads through the cache; none after it.
struct UsingChunkCache {
  UsingChunkCache() { sdi::pack::use_chunk_cache(); }
  ~UsingChunkCache() { sdi::lua::set_chunk_store(nullptr); }
  UsingChunkCache(const UsingChunkCache&) = delete;
  UsingChunkCache& operator=(const UsingChunkCache&) = delete;
};

// Loads and runs a file in a fresh sandbox and gives its result through tostring.
std::string run_file(const fs::path& file, const std::string& display) {
  Sandbox sb;
  sb.load_file(file, display);
  sb.call(0, 1);
  std::string out = luaL_tolstring(sb.state(), -1, nullptr);
  return out;
}

// The error running a file raises, in a fresh sandbox.
std::string failing_file(const fs::path& file, const std::string& display) {
  Sandbox sb;
  try {
    sb.load_file(file, display);
    sb.call(0, 0);
  } catch (const sdi::lua::Error& e) {
    return e.what();
  }
  return "(no error)";
}

// What lua_dump makes of `code`, compiled by a plain Lua state.
std::string dump_of(const std::string& code, const std::string& chunkname) {
  lua_State* L = luaL_newstate();
  REQUIRE(luaL_loadbufferx(L, code.data(), code.size(), chunkname.c_str(), "t") == LUA_OK);
  std::string out;
  lua_dump(
      L,
      [](lua_State*, const void* p, std::size_t n, void* ud) {
        static_cast<std::string*>(ud)->append(static_cast<const char*>(p), n);
        return 0;
      },
      &out, 0);
  lua_close(L);
  return out;
}

}  // namespace

TEST_CASE("a file's compiled chunk is kept, and the next load uses it") {
  ScratchCache c;
  UsingChunkCache using_cache;
  ScratchDir src;
  const fs::path file = src.path() / "plugin.lua";
  write_file(file, "return 1 + 1\n");
  CHECK(run_file(file, "plugins/plugin.lua") == "2");
  REQUIRE(chunk_entries(c.folder()).size() == 1);

  // A chunk that differs from the source under the same entry and key shows which one runs.
  const std::string name = "=plugins/plugin.lua";
  auto identity = cache::file_key(file);
  REQUIRE(identity);
  cache::write(ChunkCache::entry_name(file, name), ChunkCache::entry_key(*identity, name),
               dump_of("return 42", name));
  CHECK(run_file(file, "plugins/plugin.lua") == "42");
  // Kept per chunk name: the same file shown under another name is compiled again.
  CHECK(run_file(file, "other/plugin.lua") == "2");
}

TEST_CASE("a changed source is compiled again and replaces its entry") {
  ScratchCache c;
  UsingChunkCache using_cache;
  ScratchDir src;
  const fs::path file = src.path() / "pack.lua";
  write_file(file, "return 'first'\n");
  CHECK(run_file(file, "pack.lua") == "first");
  write_file(file, "return 'second, longer'\n");
  CHECK(run_file(file, "pack.lua") == "second, longer");
  CHECK(chunk_entries(c.folder()).size() == 1);
  CHECK(run_file(file, "pack.lua") == "second, longer");
}

TEST_CASE("a damaged or foreign entry falls back to the source") {
  ScratchCache c;
  UsingChunkCache using_cache;
  ScratchDir src;
  const fs::path file = src.path() / "check.lua";
  write_file(file, "return 'from source'\n");
  CHECK(run_file(file, "check.lua") == "from source");
  auto entries = chunk_entries(c.folder());
  REQUIRE(entries.size() == 1);
  const fs::path entry = entries[0];
  const std::string kept = read_file(entry);

  SUBCASE("a flipped byte") {
    std::string bytes = kept;
    bytes[bytes.size() - 3] ^= 0x5a;
    write_file(entry, bytes);
  }
  SUBCASE("a truncated file") {
    write_file(entry, kept.substr(0, kept.size() / 2));
  }
  SUBCASE("an intact entry that holds no chunk") {
    const std::string name = "=check.lua";
    cache::write(ChunkCache::entry_name(file, name),
                 ChunkCache::entry_key(*cache::file_key(file), name), "return 'text, not a chunk'");
  }
  SUBCASE("an intact entry that holds a cut chunk") {
    const std::string name = "=check.lua";
    const std::string dump = dump_of("return 'cut'", name);
    cache::write(ChunkCache::entry_name(file, name),
                 ChunkCache::entry_key(*cache::file_key(file), name),
                 dump.substr(0, dump.size() - 6));
  }
  CHECK(run_file(file, "check.lua") == "from source");
  // Compiled again, and kept again whole.
  CHECK(read_file(entry) == kept);
}

TEST_CASE("errors from a kept chunk still say file:line") {
  ScratchCache c;
  UsingChunkCache using_cache;
  ScratchDir src;
  const fs::path file = src.path() / "pack.lua";
  write_file(file, "local x = 1\n\nerror('boom ' .. x)\n");
  const std::string first = failing_file(file, "problems/demo/pack.lua");
  CHECK(first == "problems/demo/pack.lua:3: boom 1");
  REQUIRE(chunk_entries(c.folder()).size() == 1);
  CHECK(failing_file(file, "problems/demo/pack.lua") == first);

  // A name longer than Lua's short source field is shown whole too.
  const std::string long_name = "problems/" + std::string(80, 'x') + "/pack.lua";
  const std::string long_first = failing_file(file, long_name);
  CHECK(long_first == long_name + ":3: boom 1");
  CHECK(chunk_entries(c.folder()).size() == 2);
  CHECK(failing_file(file, long_name) == long_first);
}

TEST_CASE("modules loaded by require are kept, and their errors say file:line") {
  ScratchCache c;
  UsingChunkCache using_cache;
  ScratchDir src;
  fs::create_directories(src.path() / "lib");
  write_file(src.path() / "lib" / "m.lua",
             "local M = {}\nfunction M.fail()\n  error('inside')\nend\nM.value = 7\nreturn M\n");
  auto run = [&](const std::string& code) {
    Sandbox sb;
    sb.set_module_root(src.path(), "problems/demo");
    try {
      sb.load(code, "main.lua");
      sb.call(0, 1);
      return std::string(luaL_tolstring(sb.state(), -1, nullptr));
    } catch (const sdi::lua::Error& e) {
      return std::string(e.what());
    }
  };
  CHECK(run("return require('lib.m').value") == "7");
  REQUIRE(chunk_entries(c.folder()).size() == 1);
  CHECK(run("return require('lib.m').value") == "7");
  const std::string message = run("require('lib.m').fail()");
  CHECK(message.find("problems/demo/lib/m.lua:3: inside") != std::string::npos);
}

TEST_CASE("without a cache folder, files load from source and nothing is kept") {
  ScratchDir src;
  sdi::test::EnvVar xdg("XDG_CACHE_HOME", nullptr);
  sdi::test::EnvVar home("HOME", nullptr);
  UsingChunkCache using_cache;
  const fs::path file = src.path() / "plugin.lua";
  write_file(file, "return 'plain'\n");
  CHECK(run_file(file, "plugin.lua") == "plain");
  CHECK(run_file(file, "plugin.lua") == "plain");
}

TEST_CASE("the sandbox's own load still refuses compiled chunks with a cache in use") {
  ScratchCache c;
  UsingChunkCache using_cache;
  Sandbox sb;
  const std::string dump = dump_of("return 1", "=x");
  lua_State* L = sb.state();
  lua_pushlstring(L, dump.data(), dump.size());
  lua_setglobal(L, "bytes");
  sb.load("local f, err = load(bytes, 'x', 'b') return tostring(f) .. ' ' .. tostring(err)", "t");
  sb.call(0, 1);
  CHECK(std::string(lua_tostring(L, -1)) == "nil binary chunks are not allowed in the sandbox");
  sb.load("return tostring(string.dump)", "t");
  sb.call(0, 1);
  CHECK(std::string(lua_tostring(L, -1)) == "nil");
}
