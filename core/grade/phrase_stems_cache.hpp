#pragma once
// Stems of fixed phrase lists (the engine's marker words, a template's step names), kept in the
// start-up cache (pack/cache.hpp): Snowball costs a few thousand instructions a word, and a cold
// `sdi grade` would otherwise stem the same few hundred phrases at every start.

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sdi::grade {

// phrase_stems() of each phrase, in order. `kind` names the list (its entry in the cache: one per
// kind, so give each list its own); the entry is keyed by the engine build and the phrases
// themselves, so a changed list or a rebuilt engine recomputes it.
std::vector<std::vector<std::string>> cached_phrase_stems(
    std::string_view kind, std::span<const std::string_view> phrases);

}  // namespace sdi::grade
