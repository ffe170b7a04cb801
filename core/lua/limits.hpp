#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace sdi::lua {

inline constexpr std::size_t kKiB = 1024;
inline constexpr std::size_t kMiB = 1024 * kKiB;

// What one sandboxed Lua state may consume. A value of 0 lifts the limit (for memory, instructions
// and wall_time); the pattern caps always apply.
struct Limits {
  // Bytes the state may hold at once, counted by the state's own allocator. Allocations beyond it
  // are refused, Lua raises "not enough memory" and the sandbox reports "memory limit of 64 MiB
  // exceeded". The state stays usable afterwards.
  std::size_t memory_bytes = 64 * kMiB;

  // Cost units each top-level Sandbox::call may spend. One unit is one VM instruction; work done
  // inside library functions is charged too (one unit per pattern-matching step or element moved,
  // one unit per 32 bytes allocated), so a loop cannot hide its cost inside a C function.
  // 200 million units is one to two seconds of plain Lua, up to about three for code that mostly
  // calls library functions.
  std::uint64_t instructions = 200'000'000;

  // Wall-clock safety net per top-level call, for code whose single instructions are expensive
  // (comparing or converting multi-megabyte strings). It is not deterministic, so graders should
  // rely on the instruction budget and keep this well above it.
  std::chrono::milliseconds wall_time{20'000};

  // string.find/match/gmatch/gsub refuse subjects and patterns longer than these. Matching is
  // charged step by step as well; the caps keep single calls short and the error messages clear.
  std::size_t pattern_subject_max = 1 * kMiB;
  std::size_t pattern_max = 4 * kKiB;

  // math.random is seeded with this value when the state is created (and whenever Lua code calls
  // math.randomseed() without arguments), so grading is deterministic.
  std::uint64_t random_seed = 0x5D15EED;
};

}  // namespace sdi::lua
