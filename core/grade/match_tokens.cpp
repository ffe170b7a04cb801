#include "grade/match_tokens.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// ASCII letters lowercased and digits as they are; 0 for every other byte. A run of these is how
// nearly every word of an answer is written, and reads in one loop with no other test.
constexpr auto kAlnumFold = [] {
  std::array<unsigned char, 256> fold{};
  for (int b = '0'; b <= '9'; ++b)
    fold[static_cast<std::size_t>(b)] = static_cast<unsigned char>(b);
  for (int b = 'a'; b <= 'z'; ++b)
    fold[static_cast<std::size_t>(b)] = static_cast<unsigned char>(b);
  for (int b = 'A'; b <= 'Z'; ++b)
    fold[static_cast<std::size_t>(b)] = static_cast<unsigned char>(b - 'A' + 'a');
  return fold;
}();

// A byte repeated in each byte of a machine word.
constexpr std::uint64_t each_byte(unsigned char c) {
  return 0x0101010101010101ull * c;
}

// 0x80 in each byte of `x` that lies in [lo, hi], for bytes below 0x80: no sum carries into the
// next byte.
constexpr std::uint64_t bytes_in(std::uint64_t x, unsigned char lo, unsigned char hi) {
  return (x + each_byte(0x80 - lo)) & ~(x + each_byte(0x7F - hi)) & each_byte(0x80);
}

// Zero bytes after a text read by `fold_alnum_run`, which reads whole blocks of it: no zero is a
// letter or a digit, so a run stops in them at the latest.
constexpr std::size_t kPadding = 16;
// Room a caller leaves after the bytes `fold_alnum_run` lowercases: it writes whole blocks.
constexpr std::size_t kFoldSlack = 16;

// Lowercases the ASCII letters and digits from `i` on into `out`, which needs room for
// kFoldSlack bytes more than them, and returns where they stop. `text` must be followed by
// kPadding zero bytes. Sixteen bytes a step (eight without SSE2): nearly every word ends within
// the first step.
std::size_t fold_alnum_run(const char* text, std::size_t i, char* out) {
#if defined(__SSE2__)
  for (;; i += 16, out += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + i));
    // A byte plus (0x80 - lo) is a signed byte below -128 + count only for the `count` bytes from
    // `lo` on; bytes from 0x80 up land elsewhere.
    const __m128i lowered = _mm_or_si128(x, _mm_set1_epi8(0x20));
    const __m128i letters =
        _mm_cmplt_epi8(_mm_add_epi8(lowered, _mm_set1_epi8(0x80 - 'a')), _mm_set1_epi8(-128 + 26));
    const __m128i digits =
        _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8(0x80 - '0')), _mm_set1_epi8(-128 + 10));
    // 0x20 on each letter.
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out),
                     _mm_or_si128(x, _mm_and_si128(letters, _mm_set1_epi8(0x20))));
    const unsigned stops =
        ~static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(letters, digits))) & 0xFFFFu;
    if (stops != 0) return i + static_cast<std::size_t>(std::countr_zero(stops));
  }
#else
  for (;; i += 8, out += 8) {
    std::uint64_t x;
    std::memcpy(&x, text + i, 8);
    const std::uint64_t ascii = ~x & each_byte(0x80);
    const std::uint64_t low = x & each_byte(0x7F);
    const std::uint64_t letters = bytes_in(low | each_byte(0x20), 'a', 'z') & ascii;
    const std::uint64_t stops = ~(letters | (bytes_in(low, '0', '9') & ascii)) & each_byte(0x80);
    const std::uint64_t lowered = x | letters >> 2;  // 0x20 on each letter
    std::memcpy(out, &lowered, 8);
    if (stops != 0) {
      const int bit = std::endian::native == std::endian::little ? std::countr_zero(stops)
                                                                 : std::countl_zero(stops);
      return i + static_cast<std::size_t>(bit / 8);
    }
  }
#endif
}

// A lowercase word part in a buffer with room for eight bytes after it, which `folded` zeroes.
struct Folded {
  std::string_view text;
  std::uint64_t head = 0;  // the first eight bytes, zero-padded
  std::uint64_t hash = 0;
};

// Pads the `size` bytes at `p` with zeros and reads them as a word part: comparing and hashing it
// then take a few whole-word steps instead of one step a byte.
Folded folded(char* p, std::size_t size) {
  std::memset(p + size, 0, 8);
  Folded f;
  f.text = std::string_view(p, size);
  std::memcpy(&f.head, p, 8);
  std::uint64_t h = (f.head ^ size) * 0x9E3779B97F4A7C15ull;
  for (std::size_t k = 8; k < size; k += 8) {
    std::uint64_t chunk;
    std::memcpy(&chunk, p + k, 8);
    h = (h ^ chunk) * 0x9E3779B97F4A7C15ull;
  }
  f.hash = h;  // its top bits pick the memo's slot
  return f;
}

// What a lowercase word becomes for matching, remembered per thread: an answer repeats most of
// its words, and answers share most of theirs, so the stemmer and the vocabulary see each
// distinct word once.
struct WordInfo {
  std::string_view lower;  // in the memo's arena
  std::string_view stem;   // in the memo's arena, or `lower` itself
  std::uint64_t hash = 0;
  std::uint64_t head = 0;  // the first eight bytes of `lower`, zero-padded
  vocabulary::Id stem_id = vocabulary::kNone;
  vocabulary::Id lower_id = vocabulary::kNone;
  std::uint32_t resolved_at = 0;  // the vocabulary's size when the ids were looked up
};

// Enough for the words of many answers; past it the memo starts over with a new arena (the old
// one lives on while token lists hold it), so memory stays bounded however much a thread reads.
constexpr std::size_t kMemoCapacity = 1 << 15;

// The slot table starts small and doubles as words come: a short answer should not pay for
// zeroing a table sized for thousands.
constexpr std::size_t kFirstSlots = 1024;

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
      rehash(kFirstSlots);
    }
  }

  const std::shared_ptr<ByteArena>& arena() const { return arena_; }

  const WordInfo& info(const Folded& word) {
    std::size_t slot = word.hash >> shift_;
    for (; slots_[slot] != 0; slot = (slot + 1) & mask_) {
      WordInfo& w = words_[slots_[slot] - 1];
      if (w.hash == word.hash && w.head == word.head && w.lower.size() == word.text.size() &&
          (word.text.size() <= 8 ||
           std::memcmp(w.lower.data() + 8, word.text.data() + 8, word.text.size() - 8) == 0)) {
        if (w.resolved_at != vocabulary_size_) resolve(w);
        return w;
      }
    }
    return add(word, slot);
  }

 private:
  // A word not seen before, kept in the free `slot`: out of the way of the lookup, which is all
  // most words take.
  [[gnu::noinline]] const WordInfo& add(const Folded& word, std::size_t slot) {
    WordInfo& w = words_.emplace_back();
    w.lower = arena_->keep(word.text);
    const std::string stem = text::stem(word.text);
    w.stem = stem == word.text ? w.lower : arena_->keep(stem);
    w.hash = word.hash;
    w.head = word.head;
    resolve(w);
    slots_[slot] = static_cast<std::uint32_t>(words_.size());
    // Open addressing, at most half full: the table grows with the words a thread has seen, not
    // with the size of the texts it read.
    if (words_.size() * 2 > slots_.size()) rehash(slots_.size() * 2);
    return w;
  }

  // Ids only ever get added, so only missing ones need looking up again.
  void resolve(WordInfo& w) {
    if (w.stem_id == vocabulary::kNone) w.stem_id = vocabulary::find(w.stem);
    if (w.lower_id == vocabulary::kNone)
      w.lower_id = w.stem == w.lower ? w.stem_id : vocabulary::find(w.lower);
    w.resolved_at = vocabulary_size_;
  }

  // The slot of a hash is its top bits, which every byte of the word reaches.
  void rehash(std::size_t size) {
    slots_.assign(size, 0);
    mask_ = size - 1;
    shift_ = 64 - std::countr_zero(size);
    for (std::size_t i = 0; i < words_.size(); ++i) {
      std::size_t slot = words_[i].hash >> shift_;
      while (slots_[slot] != 0) slot = (slot + 1) & mask_;
      slots_[slot] = static_cast<std::uint32_t>(i + 1);
    }
  }

  std::shared_ptr<ByteArena> arena_;
  std::vector<WordInfo> words_;
  std::vector<std::uint32_t> slots_;  // index + 1 into words_, 0 when free
  std::size_t mask_ = 0;
  int shift_ = 64;
  std::uint32_t vocabulary_size_ = 0;
};

}  // namespace

namespace {

// What reading a text takes per thread, kept from one text to the next: the word memo, the text
// again with kPadding zero bytes after it, and room for the lowercase word parts.
struct Reader {
  WordMemo memo;
  std::string padded;
  std::string lower;

  // The text followed by kPadding zero bytes.
  const char* pad(std::string_view text) {
    if (padded.size() < text.size() + kPadding) padded.resize(text.size() + kPadding);
    std::memcpy(padded.data(), text.data(), text.size());
    std::memset(padded.data() + text.size(), 0, kPadding);
    return padded.data();
  }
  // Room for the lowercase parts of a text of `size` bytes, as `folded` pads them.
  char* lower_room(std::size_t size) {
    if (lower.size() < size + kFoldSlack) lower.resize(size + kFoldSlack);
    return lower.data();
  }
};

}  // namespace

TokenList match_tokens(std::string_view text, std::pmr::memory_resource* memory) {
  thread_local Reader reader;
  WordMemo& memo = reader.memo;
  memo.begin(text.size());
  TokenList out(memory);
  out.storage = memo.arena();
  const char* const bytes = reader.pad(text);
  // Every word part is lowercased into the one buffer, padded as `folded` pads it.
  char* const lower = reader.lower_room(text.size());
  // Tokens are made in place in the list. A word and the gap after it take five bytes or more in
  // most texts, so one allocation holds most lists whole, with little room left unused (an
  // analysis keeps that room till it ends); past it the list grows as usual.
  out.reserve(text.size() / 5 + 4);
  auto add = [&](const Folded& f, std::size_t offset, bool brk) {
    const WordInfo& info = memo.info(f);
    out.emplace_back(info.stem, info.lower, std::string_view(text.data() + offset, f.text.size()),
                     static_cast<std::uint32_t>(offset), info.stem_id, info.lower_id, brk);
  };
  const std::size_t n = text.size();
  bool brk = false;  // between the previous word and the next
  std::size_t i = 0;
  while (i < n) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (kAlnumFold[b] != 0) {
      // Most words are ASCII letters and digits up to a space or a punctuation mark: lowercase
      // them as they are found.
      const std::size_t start = i;
      i = fold_alnum_run(bytes, i, lower);
      // The usual gap after a word, one space, ends it and breaks no clause (the padding after
      // the text is no space).
      const bool spaced = bytes[i] == ' ';
      if (spaced || text::ascii_word_ends_at(text, i)) {
        add(folded(lower, i - start), start, brk);
        brk = false;
        i += spaced;
        continue;
      }
      i = start;
    } else if (b < 0x80) {
      if (kMayBreak[b]) brk = brk || b != '-' || bytes[i + 1] == ' ';
      ++i;
      continue;
    }
    // Joined or non-ASCII words, found the way split_words finds them.
    const text::Word word = text::next_word(text, i);
    for (; i < word.offset; ++i) {
      const auto g = static_cast<unsigned char>(bytes[i]);
      if (kMayBreak[g]) brk = brk || g != '-' || bytes[i + 1] == ' ';
    }
    if (word.text.empty()) break;
    // Split hyphenated and underscored words into parts so both spellings match.
    std::size_t part = 0;
    bool split = false;
    while (true) {
      char* out_char = lower;
      std::size_t k = part;
      for (; k < word.text.size(); ++k) {
        const unsigned char f = kFold[static_cast<unsigned char>(word.text[k])];
        if (f == 0) break;  // '-' or '_'
        *out_char++ = static_cast<char>(f);
      }
      if (k > part) {
        add(folded(lower, k - part), word.offset + part, brk && !split);
        split = true;
      }
      if (k >= word.text.size()) break;
      part = k + 1;
    }
    brk = false;
    i = word.offset + word.text.size();
  }
  return out;
}

std::vector<std::string> phrase_stems(std::string_view phrase) {
  std::vector<std::string> out;
  for (const auto& t : match_tokens(phrase)) out.emplace_back(t.stem);
  return out;
}

}  // namespace sdi::grade
