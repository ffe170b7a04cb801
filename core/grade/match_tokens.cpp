#include "grade/match_tokens.hpp"

#include <functional>
#include <unordered_map>

#include "text/stem.hpp"
#include "text/string_hash.hpp"
#include "text/token.hpp"

namespace sdi::grade {

namespace {

bool is_break_char(char c) {
  return c == ',' || c == ';' || c == ':' || c == '(' || c == ')';
}

// What a lowercase word becomes for matching, remembered per thread: an answer repeats most of
// its words, and answers share most of theirs, so the stemmer and the vocabulary see each
// distinct word once.
struct WordInfo {
  std::string stem;
  vocabulary::Id stem_id = vocabulary::kNone;
  vocabulary::Id lower_id = vocabulary::kNone;
};

// Enough for the words of many answers; past it the memo starts over, so memory stays bounded
// however much a thread reads.
constexpr std::size_t kMemoCapacity = 1 << 16;

class WordMemo {
 public:
  // Forgets the vocabulary ids when the vocabulary grew since they were looked up: a word that
  // was in no form may be in one now.
  void sync() {
    std::uint32_t now = vocabulary::size();
    if (now != vocabulary_size_) {
      words_.clear();
      vocabulary_size_ = now;
    }
  }

  const WordInfo& info(const std::string& lower) {
    auto it = words_.find(lower);
    if (it != words_.end()) return it->second;
    if (words_.size() >= kMemoCapacity) words_.clear();
    WordInfo w;
    w.stem = text::stem(lower);
    w.stem_id = vocabulary::find(w.stem);
    w.lower_id = w.stem == lower ? w.stem_id : vocabulary::find(lower);
    return words_.emplace(lower, std::move(w)).first->second;
  }

 private:
  std::unordered_map<std::string, WordInfo, text::StringHash, std::equal_to<>> words_;
  std::uint32_t vocabulary_size_ = 0;
};

}  // namespace

std::vector<MatchToken> match_tokens(std::string_view text) {
  thread_local WordMemo memo;
  memo.sync();
  std::vector<MatchToken> out;
  const std::vector<text::Word> words = text::split_words(text);
  out.reserve(words.size());
  std::string lower;
  std::size_t previous_end = 0;
  for (const auto& tok : words) {
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
          lower.assign(part);
          for (auto& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
          const WordInfo& info = memo.info(lower);
          MatchToken& m = out.emplace_back();
          m.stem = info.stem;
          m.lower = lower;
          m.stem_id = info.stem_id;
          m.lower_id = info.lower_id;
          m.original = part;
          m.offset = static_cast<std::uint32_t>(tok.offset + start);
          m.clause_break_before = brk && !split;
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
