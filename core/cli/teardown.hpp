#pragma once
// Release builds end the process as soon as a command returns, without destructors (app.cpp):
// every command has flushed and closed its files by then, and tearing down what is left (a pack's
// Lua state, the reporters' sandboxes, the glossary) would only cost time at every start. Debug and
// sanitizer builds tear everything down, so LeakSanitizer still sees every allocation released.

#include <memory>

namespace sdi::cli {

#if defined(NDEBUG) && !defined(SDI_FULL_TEARDOWN)
inline constexpr bool kEndWithoutTeardown = true;
#else
inline constexpr bool kEndWithoutTeardown = false;
#endif

// Hands over an object a command is done with: destroyed now where the process tears down, left
// for the process's end where it does not. Only for objects of a command that returns straight to
// the process's end (cmd_grade), never in the REPL, where it would leak.
template <typename T>
void done_with(std::unique_ptr<T> object) {
  if constexpr (kEndWithoutTeardown) static_cast<void>(object.release());
}

}  // namespace sdi::cli
