#include "grade/match_tokens.hpp"

#include "text/stem.hpp"
#include "text/token.hpp"

namespace sdi::grade {

namespace {

bool is_break_char(char c) {
  return c == ',' || c == ';' || c == ':' || c == '(' || c == ')';
}

}  // namespace

std::vector<MatchToken> match_tokens(std::string_view text) {
  std::vector<MatchToken> out;
  std::size_t previous_end = 0;
  for (const auto& tok : text::split_words(text)) {
    bool brk = false;
    for (std::size_t i = previous_end; i < tok.offset && i < text.size(); ++i)
      if (is_break_char(text[i]) || (text[i] == '-' && i + 1 < text.size() && text[i + 1] == ' '))
        brk = true;
    previous_end = tok.offset + tok.text.size();
    // Split hyphenated and underscored words into parts so both spellings match.
    std::string_view word = tok.text;
    std::size_t start = 0;
    bool split = false;
    for (std::size_t i = 0; i <= word.size(); ++i) {
      if (i == word.size() || word[i] == '-' || word[i] == '_') {
        if (i > start) {
          std::string_view part = word.substr(start, i - start);
          std::string lower(part);
          for (auto& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
          MatchToken m;
          m.stem = text::stem(lower);
          m.lower = std::move(lower);
          m.original = part;
          m.offset = static_cast<std::uint32_t>(tok.offset + start);
          m.clause_break_before = brk && !split;
          out.push_back(std::move(m));
          split = true;
        }
        start = i + 1;
      }
    }
  }
  return out;
}

std::vector<std::string> phrase_stems(std::string_view phrase) {
  std::vector<std::string> out;
  for (auto& t : match_tokens(phrase)) out.push_back(std::move(t.stem));
  return out;
}

}  // namespace sdi::grade
