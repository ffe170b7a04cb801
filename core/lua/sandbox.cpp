#include "lua/sandbox.hpp"

#include <fmt/format.h>
#include <lauxlib.h>

#include <exception>
#include <utility>

#include "lua/detail/compiled_chunk.hpp"
#include "lua/detail/environment.hpp"
#include "lua/detail/errors.hpp"
#include "lua/detail/libraries.hpp"
#include "lua/detail/runtime.hpp"
#include "lua/detail/source_file.hpp"

namespace sdi::lua {
namespace {

// Errors outside any protected call would abort the process; surface them as exceptions instead.
// Lua has reset the thread's stack by the time the panic function runs.
int panic(lua_State* L) {
  const char* text = lua_tostring(L, -1);
  std::string message =
      fmt::format("unprotected Lua error: {}", text != nullptr ? text : "unknown error");
  lua_settop(L, 0);
  throw Error(Error::Kind::Runtime, message);
}

struct ProtectedBody {
  const std::function<void(lua_State*)>* body;
  std::exception_ptr failure;
};

int run_protected_body(lua_State* L) {
  auto* job = static_cast<ProtectedBody*>(lua_touserdata(L, 1));
  lua_remove(L, 1);
  try {
    (*job->body)(L);
  } catch (const std::exception&) {
    job->failure = std::current_exception();
    return 0;
  }
  return lua_gettop(L);
}

// The short source of the function at `index`, for messages that have no line.
std::string describe_function(lua_State* L, int index) {
  lua_Debug ar;
  lua_pushvalue(L, index);
  if (!lua_isfunction(L, -1) || lua_getinfo(L, ">S", &ar) == 0) {
    lua_pop(L, 1);
    return {};
  }
  return ar.short_src;
}

}  // namespace

struct Sandbox::Impl {
  explicit Impl(const Limits& limits) : runtime(limits) {}
  ~Impl() {
    if (L != nullptr) lua_close(L);
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  detail::Runtime runtime;  // declared first: the allocator needs it until lua_close returns
  lua_State* L = nullptr;
};

Sandbox::Sandbox(const Limits& limits) : impl_(std::make_unique<Impl>(limits)) {
  detail::Runtime& rt = impl_->runtime;
  lua_State* L = lua_newstate(detail::allocate, &rt);
  if (L == nullptr) {
    throw Error(Error::Kind::Memory, fmt::format("the memory limit of {} is too small for a Lua "
                                                 "state",
                                                 detail::format_bytes(limits.memory_bytes)));
  }
  impl_->L = L;
  rt.main = L;
  detail::attach(L, rt);
  lua_atpanic(L, panic);
  detail::start_budget(rt);
  lua_pushcfunction(L, detail::build_environment);
  const int status = lua_pcall(L, 0, 0, 0);
  if (status != LUA_OK) {
    lua_settop(L, 0);
    throw Error(Error::Kind::Memory,
                fmt::format("the memory limit of {} is too small for the sandbox libraries",
                            detail::format_bytes(limits.memory_bytes)));
  }
  // A collection cycle starts once the heap is four times what the last one left (Lua's default
  // is twice): every cycle marks all of a pack's rules and word lists again, which cost more than
  // freeing the garbage of the checks in between. The memory limit is unchanged: an allocation
  // the limit refuses still makes Lua collect everything before it gives up.
  lua_gc(L, LUA_GCINC, 400, 0, 0);
  lua_gc(L, LUA_GCCOLLECT);
  detail::finish_budget(rt);
}

Sandbox::~Sandbox() = default;
Sandbox::Sandbox(Sandbox&& other) noexcept = default;
Sandbox& Sandbox::operator=(Sandbox&& other) noexcept = default;

lua_State* Sandbox::state() const noexcept {
  return impl_->L;
}

const Limits& Sandbox::limits() const noexcept {
  return impl_->runtime.limits;
}

std::size_t Sandbox::memory_used() const noexcept {
  return impl_->runtime.memory_used;
}

bool Sandbox::budget_exhausted() const noexcept {
  return impl_->runtime.exhausted;
}

void Sandbox::set_interrupt_flag(const std::atomic<bool>* flag) {
  detail::runtime(state()).interrupt = flag;
}

void Sandbox::set_print(PrintSink sink) {
  impl_->runtime.print = std::move(sink);
}

void Sandbox::set_module_root(std::filesystem::path root, std::string display_root) {
  impl_->runtime.module_root = std::move(root);
  impl_->runtime.module_display_root = std::move(display_root);
  detail::forget_modules(impl_->L);
}

void Sandbox::push_env() {
  lua_pushglobaltable(impl_->L);
}

void Sandbox::load(std::string_view code, const std::string& chunkname) {
  lua_State* L = impl_->L;
  if (!code.empty() && code.front() == LUA_SIGNATURE[0]) {
    throw Error(
        Error::Kind::Forbidden,
        fmt::format("{}: binary chunks are not allowed; packs must be Lua source", chunkname));
  }
  const std::string name = detail::chunkname_for(chunkname);
  const int status = luaL_loadbufferx(L, code.data(), code.size(), name.c_str(), "t");
  if (status != LUA_OK) {
    throw detail::make_error(L, impl_->runtime, status == LUA_ERRSYNTAX ? LUA_ERRSYNTAX : status,
                             chunkname);
  }
  detail::remember_chunkname(L, impl_->runtime, chunkname);
}

void Sandbox::load_file(const std::filesystem::path& file, const std::string& display_name) {
  const std::string name = detail::chunkname_for(display_name);
  detail::CompiledChunk compiled(file, name, limits().memory_bytes);
  if (compiled.load(impl_->L)) {
    detail::remember_chunkname(impl_->L, impl_->runtime, display_name);
    return;
  }
  bool too_large = false;
  const auto text = detail::read_source_file(file, limits().memory_bytes, too_large);
  if (!text) {
    if (too_large) {
      throw Error(Error::Kind::Memory,
                  fmt::format("{}: file is larger than the {} memory limit", display_name,
                              detail::format_bytes(limits().memory_bytes)));
    }
    throw Error(Error::Kind::Io, fmt::format("{}: cannot read file", display_name));
  }
  load(*text, display_name);
  compiled.keep(impl_->L);
}

void Sandbox::call(int nargs, int nresults) {
  lua_State* L = impl_->L;
  detail::Runtime& rt = impl_->runtime;
  const int function = lua_gettop(L) - nargs;
  const bool outermost = rt.call_depth == 0;
  if (outermost) detail::start_budget(rt);
  // A copy of the function stays below the call with the message handler: only an error message
  // needs its name, and looking it up for every call cost more than most calls.
  lua_pushvalue(L, function);
  lua_pushcfunction(L, detail::message_handler);
  lua_rotate(L, function, 2);
  ++rt.call_depth;
  const int status = lua_pcall(L, nargs, nresults, function + 1);
  --rt.call_depth;
  if (status == LUA_OK) {
    lua_rotate(L, function, -2);
    lua_pop(L, 2);
    if (outermost) detail::finish_budget(rt);
    return;
  }
  const std::string chunk = describe_function(L, function);
  Error error = detail::make_error(L, rt, status, chunk);
  lua_settop(L, function - 1);
  if (outermost) {
    if (error.kind() == Error::Kind::Memory) lua_gc(L, LUA_GCCOLLECT);
    detail::finish_budget(rt);
  }
  throw error;
}

void Sandbox::run(std::string_view code, const std::string& chunkname) {
  load(code, chunkname);
  call(0, 0);
}

void Sandbox::protect(const std::function<void(lua_State*)>& body) {
  lua_State* L = impl_->L;
  ProtectedBody job{&body, nullptr};
  lua_pushcfunction(L, run_protected_body);
  lua_pushlightuserdata(L, &job);
  const int status = lua_pcall(L, 1, LUA_MULTRET, 0);
  if (job.failure) std::rethrow_exception(job.failure);
  if (status != LUA_OK) {
    throw detail::make_error(L, impl_->runtime, status, {});
  }
}

}  // namespace sdi::lua
