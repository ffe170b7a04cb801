#include "lua/detail/compiled_chunk.hpp"

#include <atomic>
#include <optional>
#include <string_view>
#include <system_error>

#include "lua/chunk_store.hpp"

namespace sdi::lua {

namespace {
std::atomic<ChunkStore*> the_store{nullptr};
}  // namespace

void set_chunk_store(ChunkStore* store) {
  the_store.store(store);
}

namespace detail {

namespace {

struct Bytes {
  std::string_view data;
  bool given = false;
};

const char* read_bytes(lua_State*, void* data, std::size_t* size) {
  auto* b = static_cast<Bytes*>(data);
  if (b->given) {
    *size = 0;
    return nullptr;
  }
  b->given = true;
  *size = b->data.size();
  return b->data.data();
}

int append_bytes(lua_State*, const void* p, std::size_t size, void* data) {
  static_cast<std::string*>(data)->append(static_cast<const char*>(p), size);
  return 0;
}

}  // namespace

CompiledChunk::CompiledChunk(const std::filesystem::path& file, const std::string& chunkname,
                             std::size_t max_bytes)
    : file_(file), chunkname_(chunkname), max_bytes_(max_bytes) {}

bool CompiledChunk::load(lua_State* L) {
  ChunkStore* store = the_store.load();
  if (store == nullptr) return false;
  std::optional<std::string> identity = store->identity(file_);
  if (!identity) return false;
  if (max_bytes_ != 0) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file_, ec);
    if (ec || size > max_bytes_) return false;
  }
  identity_ = std::move(*identity);
  std::optional<std::string> bytes = store->find(file_, chunkname_, identity_);
  // Anything but a chunk in the engine's own format is not ours (LUA_SIGNATURE opens a dump).
  if (!bytes || bytes->rfind(LUA_SIGNATURE, 0) != 0) return false;
  Bytes reader{*bytes};
  if (lua_load(L, read_bytes, &reader, chunkname_.c_str(), "b") == LUA_OK) {
    identity_.clear();  // nothing to keep: it came from the store
    return true;
  }
  lua_pop(L, 1);  // the message; the source is compiled instead, and replaces the entry
  return false;
}

void CompiledChunk::keep(lua_State* L) {
  ChunkStore* store = the_store.load();
  if (store == nullptr || identity_.empty()) return;
  // The source read may have raced a rewrite; then the file's identity changed since load().
  std::optional<std::string> now = store->identity(file_);
  if (!now || *now != identity_) return;
  std::string bytes;
  // Not stripped: line numbers and the chunk name stay in the dump, so messages still say
  // file:line.
  if (lua_dump(L, append_bytes, &bytes, 0) != 0 || bytes.empty()) return;
  store->keep(file_, chunkname_, identity_, bytes);
}

}  // namespace detail
}  // namespace sdi::lua
