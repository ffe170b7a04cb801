#pragma once
// English stems (Snowball's Porter2), so "shards", "sharding" and "sharded" match.

#include <string>
#include <string_view>

namespace sdi::text {

// Stem of a lowercase word. Each thread keeps its own stemmer, made on first use, since a
// Snowball stemmer is not safe to share. Nothing is remembered here: the engine stems each
// distinct word once per thread through its word memo (grade/match_tokens.cpp). Words of one or two letters and words longer than 64
// bytes come back unchanged.
std::string stem(std::string_view lower_word);

}  // namespace sdi::text
