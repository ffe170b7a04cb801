#pragma once
// The token stream concept matching runs on: words split at hyphens and underscores
// ("write-through" and "write through" match alike) and reduced to English stems.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "grade/vocabulary.hpp"

namespace sdi::grade {

struct MatchToken {
  std::string stem;           // lowercase stem
  std::string lower;          // lowercase word as written
  std::string_view original;  // as written (views into the analysed text)
  std::uint32_t offset = 0;   // byte offset in the analysed text
  // `stem` and `lower` in the vocabulary (vocabulary::kNone when not there).
  vocabulary::Id stem_id = vocabulary::kNone;
  vocabulary::Id lower_id = vocabulary::kNone;
  bool clause_break_before =
      false;  // a comma, semicolon, colon or dash separates it from the previous token
};

std::vector<MatchToken> match_tokens(std::string_view text);

// Stems of a phrase, for compiling glossary forms and marker lists.
std::vector<std::string> phrase_stems(std::string_view phrase);

}  // namespace sdi::grade
