#include "grade/match_tokens.hpp"

#include <algorithm>
#include <cstdint>

#include "text/stem.hpp"
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
  std::string lower;
  std::string stem;
  std::uint64_t hash = 0;
  vocabulary::Id stem_id = vocabulary::kNone;
  vocabulary::Id lower_id = vocabulary::kNone;
  std::uint32_t resolved_at = 0;  // the vocabulary's size when the ids were looked up
};

// Enough for the words of many answers; past it the memo starts over, so memory stays bounded
// however much a thread reads.
constexpr std::size_t kMemoCapacity = 1 << 15;
constexpr std::size_t kMemoSlots = kMemoCapacity * 2;  // open addressing, at most half full

constexpr std::uint64_t kHashBasis = 14695981039346656037ull;  // FNV-1a
constexpr std::uint64_t kHashPrime = 1099511628211ull;

class WordMemo {
 public:
  // Notes the vocabulary's size: a word found in no form and no list may be in one since it grew.
  void sync() { vocabulary_size_ = vocabulary::size(); }

  // `lower` with its FNV-1a hash.
  const WordInfo& info(std::string_view lower, std::uint64_t hash) {
    if (slots_.empty()) slots_.assign(kMemoSlots, 0);
    std::size_t slot = static_cast<std::size_t>(hash) & (kMemoSlots - 1);
    for (; slots_[slot] != 0; slot = (slot + 1) & (kMemoSlots - 1)) {
      WordInfo& w = words_[slots_[slot] - 1];
      if (w.hash == hash && w.lower == lower) {
        if (w.resolved_at != vocabulary_size_) resolve(w);
        return w;
      }
    }
    if (words_.size() >= kMemoCapacity) {
      clear();
      return info(lower, hash);
    }
    WordInfo& w = words_.emplace_back();
    w.lower.assign(lower);
    w.stem = text::stem(lower);
    w.hash = hash;
    resolve(w);
    slots_[slot] = static_cast<std::uint32_t>(words_.size());
    return w;
  }

 private:
  // Ids only ever get added, so only missing ones need looking up again.
  void resolve(WordInfo& w) {
    if (w.stem_id == vocabulary::kNone) w.stem_id = vocabulary::find(w.stem);
    if (w.lower_id == vocabulary::kNone)
      w.lower_id = w.stem == w.lower ? w.stem_id : vocabulary::find(w.lower);
    w.resolved_at = vocabulary_size_;
  }

  void clear() {
    words_.clear();
    if (!slots_.empty()) std::fill(slots_.begin(), slots_.end(), 0);
  }

  std::vector<WordInfo> words_;
  std::vector<std::uint32_t> slots_;  // index + 1 into words_, 0 when free
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
    while (true) {
      // Lowercase the part and hash it in one pass.
      if (lower.size() < word.size()) lower.resize(word.size());
      char* out_char = lower.data();
      std::uint64_t hash = kHashBasis;
      std::size_t i = start;
      for (; i < word.size() && word[i] != '-' && word[i] != '_'; ++i) {
        char c = word[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        *out_char++ = c;
        hash = (hash ^ static_cast<unsigned char>(c)) * kHashPrime;
      }
      if (i > start) {
        const WordInfo& info = memo.info(std::string_view(lower.data(), i - start), hash);
        MatchToken& m = out.emplace_back();
        m.stem = info.stem;
        m.lower = info.lower;
        m.stem_id = info.stem_id;
        m.lower_id = info.lower_id;
        m.original = word.substr(start, i - start);
        m.offset = static_cast<std::uint32_t>(tok.offset + start);
        m.clause_break_before = brk && !split;
        split = true;
      }
      if (i >= word.size()) break;
      start = i + 1;
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
