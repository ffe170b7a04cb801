#pragma once

#include <lua.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "lua/error.hpp"
#include "lua/limits.hpp"

namespace sdi::lua::detail {

using Clock = std::chrono::steady_clock;

// Instructions between two calls of the count hook while code runs normally.
inline constexpr int kHookTick = 1000;
// Allocated bytes that cost one budget unit.
inline constexpr std::uint64_t kBytesPerUnit = 32;
// The cost model, measured against plain VM instructions (one unit each, about 5 ns):
// Budget units for every error caught inside Lua (pcall, xpcall, resume, load) and for every
// yield: both unwind C++ frames, which costs as much as a few hundred instructions.
inline constexpr std::uint64_t kCaughtErrorCost = 500;
inline constexpr std::uint64_t kYieldCost = 500;
// Units per element a table function reads or writes (or per comparison when sorting): more when
// the table has a metatable, since every access may then call a metamethod.
inline constexpr std::uint64_t kElementCost = 5;
inline constexpr std::uint64_t kMetaElementCost = 30;

// Everything the sandbox tracks about one lua_State. It outlives the state, is the allocator's
// user data and sits in the extra space of every thread (threads copy it from the main thread).
struct Runtime {
  explicit Runtime(const Limits& chosen) : limits(chosen) {}

  Limits limits;
  lua_State* main = nullptr;

  // Memory.
  std::size_t memory_used = 0;
  std::uint64_t bytes_allocated = 0;  // grows only; a share of it is charged to the budget
  bool memory_refused = false;        // an allocation was refused during the current call

  // Budget of the current top-level call.
  int tick = kHookTick;
  int call_depth = 0;
  lua_State* running = nullptr;  // the thread running Lua code, as far as the sandbox knows
  bool poked = false;            // the allocator already asked for an early budget check
  std::uint64_t spent = 0;
  std::uint64_t allocated_at_start = 0;
  Clock::time_point deadline;
  Clock::time_point last_tick;
  bool exhausted = false;
  Error::Kind exhausted_kind = Error::Kind::Budget;
  std::string exhausted_message;

  // The last sandbox-rule error raised from Lua, so the host can classify it after it unwinds.
  Error::Kind tagged_kind = Error::Kind::Forbidden;
  std::string tagged_message;

  // Host settings.
  std::function<void(std::string_view)> print;
  // Set from a signal handler to stop the running call at its next tick (may be null).
  const std::atomic<bool>* interrupt = nullptr;
  std::filesystem::path module_root;
  std::string module_display_root;
  // Chunk names longer than Lua's short source field, by the truncated form Lua prints.
  std::unordered_map<std::string, std::string> long_chunknames;
};

Runtime& runtime(lua_State* L) noexcept;
void attach(lua_State* L, Runtime& rt) noexcept;

// The lua_Alloc of every sandbox: counts bytes and refuses growth beyond the memory limit.
void* allocate(void* ud, void* ptr, std::size_t osize, std::size_t nsize) noexcept;

// Marks `thread` as the running one for the lifetime of the object (around a resume).
class RunningThread {
 public:
  RunningThread(Runtime& rt, lua_State* thread) noexcept : rt_(rt), previous_(rt.running) {
    rt.running = thread;
  }
  ~RunningThread() { rt_.running = previous_; }
  RunningThread(const RunningThread&) = delete;
  RunningThread& operator=(const RunningThread&) = delete;

 private:
  Runtime& rt_;
  lua_State* previous_;
};

// Installs the budget hook on a thread, ticking every `count` instructions.
void set_hook(lua_State* thread, int count) noexcept;
// The tick a new thread created from `creator` should start with.
int tick_for_new_thread(lua_State* creator) noexcept;

// Starts a fresh budget for a top-level call / clears it afterwards.
void start_budget(Runtime& rt) noexcept;
void finish_budget(Runtime& rt) noexcept;

// Adds work done by C code to the budget; raises the budget error once it is spent.
void charge(lua_State* L, std::uint64_t units);
// Raises the budget error again if the budget of the current call is already spent.
void check_budget(lua_State* L);

// Raises a sandbox-rule error (prefixed with the caller's position) and remembers its text so the
// host can report its kind precisely.
int raise_tagged(lua_State* L, Error::Kind kind, const std::string& message);

// "src:line: " of the innermost Lua function on the stack of L, or "" when there is none.
std::string innermost_position(lua_State* L);

// "64 MiB", "512 KiB", "1000 bytes".
std::string format_bytes(std::size_t bytes);
std::string memory_limit_message(const Runtime& rt);

}  // namespace sdi::lua::detail
