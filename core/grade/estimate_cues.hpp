#pragma once
// Whether the candidate sets a figure aside: the words just before it, in its own clause, say so
// ("instead of 500 KB/s", "rather than 3 replicas", "not 10K", "no longer 2 regions", "unlike").

#include <cstddef>
#include <string_view>

namespace sdi::grade {

// True when a cue stands within the 40 bytes before `offset` in `text`, after the last comma,
// semicolon or colon there; cues match in any case.
bool set_aside_by_cue(std::string_view text, std::size_t offset);

}  // namespace sdi::grade
