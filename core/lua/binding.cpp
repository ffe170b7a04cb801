#include "lua/binding.hpp"

#include "lua/detail/runtime.hpp"

namespace sdi::lua {

bool budget_exhausted(lua_State* L) noexcept {
  return detail::runtime(L).exhausted;
}

void charge(lua_State* L, std::uint64_t units) {
  detail::charge(L, units);
}

void charge_bytes(lua_State* L, std::size_t bytes) {
  constexpr std::size_t kUncharged = 4096;
  if (bytes >= kUncharged) detail::charge(L, bytes / kBytesPerUnit);
}

}  // namespace sdi::lua
