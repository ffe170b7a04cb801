#pragma once
// Compiled Lua chunks kept in the start-up cache (cache.hpp): the first start compiles a pack or
// plugin file from source and keeps lua_dump's output; later starts load that instead of
// parsing the file again. An entry is keyed like every other one (engine build, the file's
// path, size, times and inode) plus the chunk name, and checksummed; anything else is a miss and
// the source is compiled. See core/lua/README.md, "Compiled chunks", for why loading these
// bytes is safe.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "lua/chunk_store.hpp"

namespace sdi::pack {

class ChunkCache final : public lua::ChunkStore {
 public:
  std::optional<std::string> identity(const std::filesystem::path& file) override;
  std::optional<std::string> find(const std::filesystem::path& file, std::string_view chunkname,
                                  std::string_view identity) override;
  void keep(const std::filesystem::path& file, std::string_view chunkname,
            std::string_view identity, std::string_view bytes) override;

  // Where the entry for a file loaded under a chunk name lives, and the key it is kept under.
  static std::string entry_name(const std::filesystem::path& file, std::string_view chunkname);
  static std::string entry_key(std::string_view identity, std::string_view chunkname);
};

// Makes every sandbox of the process load and keep compiled chunks through one ChunkCache.
void use_chunk_cache();

}  // namespace sdi::pack
