#include "lua/binding.hpp"

#include "lua/detail/runtime.hpp"

namespace sdi::lua {

bool budget_exhausted(lua_State* L) noexcept {
  return detail::runtime(L).exhausted;
}

void charge(lua_State* L, std::uint64_t units) {
  detail::charge(L, units);
}

}  // namespace sdi::lua
