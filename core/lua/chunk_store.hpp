#pragma once
// Where the host keeps what it compiled from Lua source files, so a later start loads the
// compiled chunk instead of parsing the file again (see README.md, "Compiled chunks").
//
// Only the host uses it: Sandbox::load_file and require() ask it for a file's chunk before
// reading the source, and hand it what they compiled. Lua code never sees these bytes, and the
// sandbox's own load() stays text-only.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace sdi::lua {

class ChunkStore {
 public:
  virtual ~ChunkStore() = default;
  // The identity of `file` as it is now (e.g. path, size, times, inode), or nullopt when its
  // chunk must not be kept (it cannot be read, or it changed too recently to be known by it).
  virtual std::optional<std::string> identity(const std::filesystem::path& file) = 0;
  // What keep() stored for the same file, chunk name and identity, or nullopt.
  virtual std::optional<std::string> find(const std::filesystem::path& file,
                                          std::string_view chunkname,
                                          std::string_view identity) = 0;
  // Stores lua_dump's output for a chunk just compiled from the file with that identity.
  virtual void keep(const std::filesystem::path& file, std::string_view chunkname,
                    std::string_view identity, std::string_view bytes) = 0;
};

// The store every sandbox of the process uses from now on (nullptr: none, always compile). It
// must be safe to use from several threads at once and outlive every sandbox.
void set_chunk_store(ChunkStore* store);

}  // namespace sdi::lua
