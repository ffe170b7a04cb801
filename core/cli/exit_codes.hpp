#pragma once

namespace sdi::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBelowBar = 1;
inline constexpr int kExitError = 2;

}  // namespace sdi::cli
