#include "pack/chunk_cache.hpp"

#include "pack/cache.hpp"

namespace sdi::pack {

std::optional<std::string> ChunkCache::identity(const std::filesystem::path& file) {
  return cache::file_key(file);
}

std::optional<std::string> ChunkCache::find(const std::filesystem::path& file,
                                            std::string_view chunkname, std::string_view identity) {
  auto entry = cache::read(entry_name(file, chunkname), entry_key(identity, chunkname));
  if (!entry) return std::nullopt;
  return std::string(entry->payload());
}

void ChunkCache::keep(const std::filesystem::path& file, std::string_view chunkname,
                      std::string_view identity, std::string_view bytes) {
  cache::write(entry_name(file, chunkname), entry_key(identity, chunkname), bytes);
}

std::string ChunkCache::entry_name(const std::filesystem::path& file, std::string_view chunkname) {
  std::string text = file.string();
  text += '\n';
  text += chunkname;
  return cache::name_for("chunk", text);
}

std::string ChunkCache::entry_key(std::string_view identity, std::string_view chunkname) {
  std::string key = cache::engine_key();
  key += "lua chunk\n";
  key += identity;
  key += chunkname;
  key += '\n';
  return key;
}

void use_chunk_cache() {
  // Never destroyed: sandboxes on any thread may use it until the process ends.
  static ChunkCache* const store = new ChunkCache();
  lua::set_chunk_store(store);
}

}  // namespace sdi::pack
