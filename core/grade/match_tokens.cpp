#include "grade/match_tokens.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "grade/byte_arena.hpp"
#include "text/stem.hpp"
#include "text/token.hpp"

namespace sdi::grade {

namespace {

// Bytes between words that may separate clauses: the punctuation that does, and '-' (a dash
// when a space follows it).
constexpr auto kMayBreak = [] {
  std::array<bool, 256> marks{};
  for (unsigned char c : {',', ';', ':', '(', ')', '-'}) marks[c] = true;
  return marks;
}();

// Each byte of a word as matching reads it: ASCII letters lowercased, and 0 for the '-' and '_'
// that split a word into parts (no word holds a NUL byte). One lookup a byte.
constexpr auto kFold = [] {
  std::array<unsigned char, 256> fold{};
  for (int b = 0; b < 256; ++b)
    fold[static_cast<std::size_t>(b)] = b >= 'A' && b <= 'Z'
                                            ? static_cast<unsigned char>(b - 'A' + 'a')
                                            : static_cast<unsigned char>(b);
  fold['-'] = 0;
  fold['_'] = 0;
  return fold;
}();

// What a lowercase word becomes for matching, remembered per thread: an answer repeats most of
// its words, and answers share most of theirs, so the stemmer and the vocabulary see each
// distinct word once.
struct WordInfo {
  std::string_view lower;  // in the memo's arena
  std::string_view stem;   // in the memo's arena, or `lower` itself
  std::uint64_t hash = 0;
  vocabulary::Id stem_id = vocabulary::kNone;
  vocabulary::Id lower_id = vocabulary::kNone;
  std::uint32_t resolved_at = 0;  // the vocabulary's size when the ids were looked up
};

// Enough for the words of many answers; past it the memo starts over with a new arena (the old
// one lives on while token lists hold it), so memory stays bounded however much a thread reads.
constexpr std::size_t kMemoCapacity = 1 << 15;

// The table starts small and doubles as words come: one short answer should not pay for zeroing
// a table sized for thousands.
constexpr std::size_t kFirstSlots = 1024;

constexpr std::uint64_t kHashBasis = 14695981039346656037ull;  // FNV-1a
constexpr std::uint64_t kHashPrime = 1099511628211ull;

// `a == b` for the short words of a text, in a loop the compiler keeps inline: with equal hashes
// they almost always are equal, and a call to memcmp costs more than comparing them.
bool same_bytes(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

class WordMemo {
 public:
  // Readies the memo for the words of a text of `size` bytes: at most (size + 1) / 2 of them are
  // new, so starting over here, and never within a text, keeps the text's tokens in one arena.
  // Also notes the vocabulary's size: a word found in no form and no list may be in one since it
  // grew.
  void begin(std::size_t size) {
    vocabulary_size_ = vocabulary::size();
    const std::size_t most = (size + 1) / 2;
    if (!arena_ || (words_.size() + most > kMemoCapacity && !words_.empty())) {
      words_.clear();
      arena_ = std::make_shared<ByteArena>();
      slots_.assign(kFirstSlots, 0);
    }
    // Open addressing, at most half full.
    std::size_t want = slots_.size();
    while (want < (words_.size() + most) * 2) want *= 2;
    if (want != slots_.size()) rehash(want);
  }

  const std::shared_ptr<ByteArena>& arena() const { return arena_; }

  // `lower` with its FNV-1a hash.
  const WordInfo& info(std::string_view lower, std::uint64_t hash) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t slot = static_cast<std::size_t>(hash) & mask;
    for (; slots_[slot] != 0; slot = (slot + 1) & mask) {
      WordInfo& w = words_[slots_[slot] - 1];
      if (w.hash == hash && same_bytes(w.lower, lower)) {
        if (w.resolved_at != vocabulary_size_) resolve(w);
        return w;
      }
    }
    WordInfo& w = words_.emplace_back();
    w.lower = arena_->keep(lower);
    const std::string stem = text::stem(lower);
    w.stem = stem == lower ? w.lower : arena_->keep(stem);
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

  void rehash(std::size_t size) {
    slots_.assign(size, 0);
    const std::size_t mask = size - 1;
    for (std::size_t i = 0; i < words_.size(); ++i) {
      std::size_t slot = static_cast<std::size_t>(words_[i].hash) & mask;
      while (slots_[slot] != 0) slot = (slot + 1) & mask;
      slots_[slot] = static_cast<std::uint32_t>(i + 1);
    }
  }

  std::shared_ptr<ByteArena> arena_;
  std::vector<WordInfo> words_;
  std::vector<std::uint32_t> slots_;  // index + 1 into words_, 0 when free
  std::uint32_t vocabulary_size_ = 0;
};

}  // namespace

TokenList match_tokens(std::string_view text) {
  thread_local WordMemo memo;
  memo.begin(text.size());
  TokenList out;
  out.storage = memo.arena();
  thread_local std::vector<text::Word> words;
  text::split_words(text, words);
  out.reserve(words.size());
  char lower[256];
  std::string long_lower;
  std::size_t previous_end = 0;
  for (const auto& tok : words) {
    bool brk = false;
    for (std::size_t i = previous_end; i < tok.offset && i < text.size() && !brk; ++i)
      if (kMayBreak[static_cast<unsigned char>(text[i])])
        brk = text[i] != '-' || (i + 1 < text.size() && text[i + 1] == ' ');
    previous_end = tok.offset + tok.text.size();
    // Split hyphenated and underscored words into parts so both spellings match.
    std::string_view word = tok.text;
    char* buffer = lower;
    if (word.size() > sizeof lower) {
      long_lower.resize(word.size());
      buffer = long_lower.data();
    }
    std::size_t start = 0;
    bool split = false;
    while (true) {
      // Lowercase the part and hash it in one pass.
      char* out_char = buffer;
      std::uint64_t hash = kHashBasis;
      std::size_t i = start;
      for (; i < word.size(); ++i) {
        const unsigned char c = kFold[static_cast<unsigned char>(word[i])];
        if (c == 0) break;  // '-' or '_'
        *out_char++ = static_cast<char>(c);
        hash = (hash ^ c) * kHashPrime;
      }
      if (i > start) {
        const WordInfo& info = memo.info(std::string_view(buffer, i - start), hash);
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
  for (const auto& t : match_tokens(phrase)) out.emplace_back(t.stem);
  return out;
}

}  // namespace sdi::grade
