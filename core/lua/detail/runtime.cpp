#include "lua/detail/runtime.hpp"

#include <fmt/format.h>
#include <lauxlib.h>

#include <algorithm>
#include <cstdlib>

// jemalloc, when the executable links it, frees a block with less work when told its size, and
// Lua always knows it; otherwise (sanitizer builds, the system allocator) it is absent and blocks
// go back through free.
extern "C" void sdallocx(void* ptr, std::size_t size, int flags) __attribute__((weak));

namespace sdi::lua::detail {
namespace {

void release(void* ptr, std::size_t size) noexcept {
  if (sdallocx != nullptr) {
    sdallocx(ptr, size, 0);
  } else {
    std::free(ptr);
  }
}

// A tick period longer than this means single instructions are expensive (huge string compares or
// conversions); the thread then gets checked after every instruction so the wall-clock limit is
// noticed promptly, until single instructions are cheap again.
constexpr auto kSlowPeriod = std::chrono::milliseconds(50);

std::uint64_t units_used(const Runtime& rt) noexcept {
  return rt.spent + (rt.bytes_allocated - rt.allocated_at_start) / kBytesPerUnit;
}

// Decides whether the call is out of budget or time; records why the first time.
bool over_limits(Runtime& rt, Clock::time_point now) {
  if (rt.exhausted) return true;
  if (rt.interrupt != nullptr && rt.interrupt->load(std::memory_order_relaxed)) {
    rt.exhausted = true;
    rt.exhausted_kind = Error::Kind::Interrupted;
  } else if (rt.limits.instructions != 0 && units_used(rt) >= rt.limits.instructions) {
    rt.exhausted = true;
    rt.exhausted_kind = Error::Kind::Budget;
  } else if (rt.limits.wall_time.count() > 0 && now >= rt.deadline) {
    rt.exhausted = true;
    rt.exhausted_kind = Error::Kind::Timeout;
  }
  return rt.exhausted;
}

std::string exhausted_text(const Runtime& rt) {
  if (rt.exhausted_kind == Error::Kind::Interrupted) return "interrupted";
  if (rt.exhausted_kind == Error::Kind::Timeout) {
    return fmt::format("time limit exceeded (limit: {} ms per call)", rt.limits.wall_time.count());
  }
  return fmt::format("instruction budget exceeded (limit: {} instructions per call)",
                     rt.limits.instructions);
}

// Raises the exhaustion error on L. The first raise of a call fixes the message (with the position
// where the budget ran out); later raises repeat it so every catcher sees the same error.
int raise_exhausted(lua_State* L, Runtime& rt, const std::string& where) {
  if (rt.exhausted_message.empty()) rt.exhausted_message = where + exhausted_text(rt);
  // From now on this thread traps before every instruction, so a pcall that catches the error
  // cannot run on: its caller's next instruction raises again.
  if (lua_gethookcount(L) != 1) set_hook(L, 1);
  lua_pushlstring(L, rt.exhausted_message.data(), rt.exhausted_message.size());
  return lua_error(L);
}

void count_hook(lua_State* L, lua_Debug* ar) {
  Runtime& rt = runtime(L);
  const int count = lua_gethookcount(L);
  rt.spent += static_cast<std::uint64_t>(count);
  const auto now = Clock::now();
  if (over_limits(rt, now)) {
    std::string where;
    if (lua_getinfo(L, "Sl", ar) != 0 && ar->currentline > 0) {
      where = fmt::format("{}:{}: ", ar->short_src, ar->currentline);
    }
    raise_exhausted(L, rt, where);
    return;
  }
  const auto elapsed = now - rt.last_tick;
  if (count != 1 && elapsed > kSlowPeriod) {
    set_hook(L, 1);
  } else if (count == 1 && rt.tick > 1 && elapsed * rt.tick < kSlowPeriod) {
    // Instructions are cheap again (or the slow tick was the thread waiting for a core on a busy
    // machine): a check after every instruction would make the rest of the call many times slower
    // and let the time limit fire where the budget should.
    set_hook(L, rt.tick);
  }
  rt.last_tick = now;
}

}  // namespace

Runtime& runtime(lua_State* L) noexcept {
  return **static_cast<Runtime**>(lua_getextraspace(L));
}

void attach(lua_State* L, Runtime& rt) noexcept {
  *static_cast<Runtime**>(lua_getextraspace(L)) = &rt;
}

void* allocate(void* ud, void* ptr, std::size_t osize, std::size_t nsize) noexcept {
  auto& rt = *static_cast<Runtime*>(ud);
  // Without a block, osize tells the kind of object, not a size.
  const std::size_t old_size = ptr != nullptr ? osize : 0;
  if (nsize == 0) {
    if (ptr != nullptr) release(ptr, old_size);
    rt.memory_used -= old_size;
    return nullptr;
  }
  if (nsize > old_size && rt.limits.memory_bytes != 0 &&
      rt.memory_used - old_size + nsize > rt.limits.memory_bytes) {
    rt.memory_refused = true;
    return nullptr;
  }
  void* block = ptr == nullptr ? std::malloc(nsize) : std::realloc(ptr, nsize);
  if (block == nullptr) {
    // Lua relies on shrinking never failing; the old block is still big enough.
    return nsize <= old_size ? ptr : nullptr;
  }
  rt.memory_used = rt.memory_used - old_size + nsize;
  if (nsize > old_size) {
    rt.bytes_allocated += nsize - old_size;
    // A few instructions can allocate gigabytes between two ticks: once allocation alone spends
    // the budget, make the running thread check it at its next instruction. lua_sethook is safe
    // to call at any point, even from here.
    if (!rt.poked && rt.running != nullptr && rt.limits.instructions != 0 &&
        units_used(rt) >= rt.limits.instructions) {
      rt.poked = true;
      set_hook(rt.running, 1);
    }
  }
  return block;
}

void set_hook(lua_State* thread, int count) noexcept {
  lua_sethook(thread, count_hook, LUA_MASKCOUNT, count);
}

int tick_for_new_thread(lua_State* creator) noexcept {
  const Runtime& rt = runtime(creator);
  return lua_gethookcount(creator) == 1 ? 1 : rt.tick;
}

void start_budget(Runtime& rt) noexcept {
  rt.tick = static_cast<int>(std::clamp<std::uint64_t>(
      rt.limits.instructions == 0 ? kHookTick : rt.limits.instructions, 1, kHookTick));
  rt.spent = 0;
  rt.allocated_at_start = rt.bytes_allocated;
  rt.last_tick = Clock::now();
  rt.deadline = rt.last_tick + rt.limits.wall_time;
  rt.exhausted = false;
  rt.exhausted_message.clear();
  rt.running = rt.main;
  rt.poked = false;
  rt.memory_refused = false;
  rt.tagged_message.clear();
  set_hook(rt.main, rt.tick);
}

void finish_budget(Runtime& rt) noexcept {
  start_budget(rt);
}

void charge(lua_State* L, std::uint64_t units) {
  Runtime& rt = runtime(L);
  rt.spent += units;
  if (over_limits(rt, Clock::now())) raise_exhausted(L, rt, innermost_position(L));
}

void check_budget(lua_State* L) {
  Runtime& rt = runtime(L);
  if (rt.exhausted) raise_exhausted(L, rt, {});
}

int raise_tagged(lua_State* L, Error::Kind kind, const std::string& message) {
  Runtime& rt = runtime(L);
  rt.tagged_kind = kind;
  rt.tagged_message = message;
  const std::string text = innermost_position(L) + message;
  lua_pushlstring(L, text.data(), text.size());
  return lua_error(L);
}

std::string innermost_position(lua_State* L) {
  lua_Debug ar;
  for (int level = 0; lua_getstack(L, level, &ar) != 0; ++level) {
    if (lua_getinfo(L, "Sl", &ar) != 0 && ar.currentline > 0) {
      return fmt::format("{}:{}: ", ar.short_src, ar.currentline);
    }
  }
  return {};
}

std::string format_bytes(std::size_t bytes) {
  if (bytes >= kMiB && bytes % kMiB == 0) return fmt::format("{} MiB", bytes / kMiB);
  if (bytes >= kKiB && bytes % kKiB == 0) return fmt::format("{} KiB", bytes / kKiB);
  return fmt::format("{} bytes", bytes);
}

std::string memory_limit_message(const Runtime& rt) {
  return fmt::format("memory limit of {} exceeded", format_bytes(rt.limits.memory_bytes));
}

}  // namespace sdi::lua::detail
