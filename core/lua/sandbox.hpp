#pragma once

#include <lua.h>

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "lua/error.hpp"
#include "lua/limits.hpp"

namespace sdi::lua {

// One Lua 5.4 state for code written by strangers (problem packs, plugins).
//
// The global table of the state IS the sandbox environment: base functions (assert, error,
// ipairs, next, pairs, pcall, xpcall, select, tonumber, tostring, type, rawequal, rawget, rawset,
// rawlen, getmetatable, setmetatable, print, load, require, collectgarbage('count'), _VERSION,
// _G), string (no dump), table, math, utf8, coroutine, and os.time/os.clock/os.date. There is no
// io, debug, package, dofile or loadfile. Within it:
//  - load() only accepts text and gives chunks this environment (or the table passed as env);
//  - strings index the restricted string table; getmetatable("") returns a stand-in table;
//  - setmetatable() refuses a metatable with a __gc field; Lua only registers finalizers present
//    when setmetatable runs, so a __gc added afterwards never runs either;
//  - require(name) loads NAME.lua (dots become folders) from the module root, text only, cached;
//  - pairs() visits keys in a fixed order (numbers, strings, booleans, others) so results do not
//    depend on Lua's per-process hash seed; next() keeps the raw order;
//  - math.random is seeded with Limits::random_seed; os.time/os.clock/os.date read the real clock.
//
// Limits (see Limits) are enforced by a counting allocator, a count hook installed on every thread
// before any untrusted code runs, and budget charges inside the library functions that loop.
// Once the budget of a call is spent the hook raises on every instruction of any thread, so
// pcall cannot swallow it. Every error leaves the state usable for the next call.
//
// Host bindings: push_env() and add C functions; they raise errors with luaL_error as usual and
// call Lua callbacks with lua_call (errors then flow to the enclosing call()). See binding.hpp
// and README.md (the cost model, the differences from stock Lua).
//
// Not thread-safe: use one Sandbox per thread. A moved-from Sandbox may only be destroyed or
// assigned to.
class Sandbox {
 public:
  using Limits = sdi::lua::Limits;
  using PrintSink = std::function<void(std::string_view line)>;

  // Throws Error(Memory) when the memory limit is too small to hold the libraries.
  explicit Sandbox(const Limits& limits = Limits());
  ~Sandbox();
  Sandbox(Sandbox&& other) noexcept;
  Sandbox& operator=(Sandbox&& other) noexcept;
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  lua_State* state() const noexcept;
  const Limits& limits() const noexcept;
  // Bytes the state holds right now, as counted by its allocator.
  std::size_t memory_used() const noexcept;
  // True while the instruction budget (or time limit) of the current call is spent.
  bool budget_exhausted() const noexcept;

  // Where print() output goes: one call per print, without the trailing newline. The default
  // discards it (grading output must not depend on what packs print).
  void set_print(PrintSink sink);
  // A flag the host raises (e.g. from a SIGINT handler) to stop the running call; it is read at
  // every budget tick. The flag must outlive the sandbox; pass nullptr to detach.
  void set_interrupt_flag(const std::atomic<bool>* flag);

  // The folder require() may load from. `display_root` is how it appears in error messages
  // ("problems/twitter"); empty shows module paths relative to the root. An empty root disables
  // require. Changing the root forgets modules loaded so far.
  void set_module_root(std::filesystem::path root, std::string display_root = {});

  // Pushes the environment (the global table) so the host can add bindings to it.
  void push_env();

  // Compiles text and pushes it as a function. `chunkname` is shown in messages as given
  // ("problems/x/pack.lua:12: boom"). Throws Error(Syntax) / Error(Forbidden) for binary chunks.
  void load(std::string_view code, const std::string& chunkname);
  // Same for a file (a UTF-8 BOM and a '#' first line are skipped). Throws Error(Io) when the
  // file cannot be read. With a ChunkStore installed (chunk_store.hpp), the file's chunk as the
  // host compiled it at an earlier start is loaded instead, when the file is unchanged since.
  void load_file(const std::filesystem::path& file, const std::string& display_name);

  // lua_pcall with the function and `nargs` arguments on top, under a fresh budget (nested calls
  // from inside bindings share the budget of the outermost one). Leaves `nresults` results
  // (LUA_MULTRET allowed) or throws Error with the stack as it was below the function.
  void call(int nargs, int nresults);
  // load() then call(0, 0).
  void run(std::string_view code, const std::string& chunkname);

  // Runs host code that touches the state (creating tables, setting fields) in protected mode,
  // so hitting the memory limit there throws Error instead of aborting. `body` runs on a fresh
  // stack frame; whatever it leaves there is pushed onto the caller's stack. C++ exceptions
  // thrown by `body` propagate unchanged.
  void protect(const std::function<void(lua_State*)>& body);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sdi::lua
