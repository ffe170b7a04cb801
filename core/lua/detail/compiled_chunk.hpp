#pragma once

#include <lua.h>

#include <cstddef>
#include <filesystem>
#include <string>

namespace sdi::lua::detail {

// Loading a source file through the process's ChunkStore. A Lua state loads a compiled chunk
// ("b" mode) only here, and only bytes the store kept from the host's own compilation.
class CompiledChunk {
 public:
  // `chunkname` as given to lua_load ("=problems/x/pack.lua"). A file above `max_bytes` (0: no
  // limit) is left to the source path, which refuses it.
  CompiledChunk(const std::filesystem::path& file, const std::string& chunkname,
                std::size_t max_bytes);
  // Pushes the stored chunk and returns true; false (nothing pushed) when there is none, or it
  // does not load.
  bool load(lua_State* L);
  // Keeps the function on top of the stack, just compiled from the file's source, when the file
  // is still the one load() looked for.
  void keep(lua_State* L);

 private:
  const std::filesystem::path& file_;
  const std::string& chunkname_;
  std::size_t max_bytes_;
  std::string identity_;  // empty: the file is not to be kept
};

}  // namespace sdi::lua::detail
