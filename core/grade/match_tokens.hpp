#pragma once
// The token stream concept matching runs on: words split at hyphens and underscores
// ("write-through" and "write through" match alike) and reduced to English stems.

#include <cstdint>
#include <memory>
#include <memory_resource>
#include <string>
#include <string_view>
#include <vector>

#include "grade/vocabulary.hpp"

namespace sdi::grade {

// A word of a text. `stem` and `lower` view the calling thread's word memo, where each distinct
// word is stored once, so a token owns no memory of its own. Lifetime rule: they stay valid while
// the TokenList that returned them is alive, or, for a copy of the tokens without the list, until
// the thread's next match_tokens call (the only place the memo starts over).
struct MatchToken {
  std::string_view stem;      // lowercase stem
  std::string_view lower;     // lowercase word as written
  std::string_view original;  // as written (views into the analysed text)
  std::uint32_t offset = 0;   // byte offset in the analysed text
  // `stem` and `lower` in the vocabulary (vocabulary::kNone when not there).
  vocabulary::Id stem_id = vocabulary::kNone;
  vocabulary::Id lower_id = vocabulary::kNone;
  bool clause_break_before =
      false;  // a comma, semicolon, colon or dash separates it from the previous token
};

// The tokens of one text, holding the memo storage their `stem` and `lower` view. A caller
// reading many texts may keep their lists in memory of its own (see match_tokens).
class TokenList : public std::pmr::vector<MatchToken> {
 public:
  using std::pmr::vector<MatchToken>::vector;
  std::shared_ptr<const void> storage;
};

// The tokens of `text`, their list in `memory`: an analysis keeps the lists of all blocks of an
// answer in one arena, where a list each from the heap cost an allocation and a release apiece.
TokenList match_tokens(std::string_view text,
                       std::pmr::memory_resource* memory = std::pmr::get_default_resource());

// Stems of a phrase, for compiling glossary forms and marker lists.
std::vector<std::string> phrase_stems(std::string_view phrase);

}  // namespace sdi::grade
