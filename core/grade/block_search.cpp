#include "grade/block_search.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "grade/reading.hpp"

namespace sdi::grade {

namespace {

// About one bucket for every two positions, within bounds: clearing and summing the bucket table
// would cost more than the text for a short answer.
constexpr int kMinBucketBits = 6;
constexpr int kMaxBucketBits = 14;
constexpr std::size_t kGram = 3;

int bucket_bits_for(std::size_t positions) {
  return std::clamp(static_cast<int>(std::bit_width(positions / 2)), kMinBucketBits,
                    kMaxBucketBits);
}

// The three bytes at `p` as a bucket key, the first the lowest: one load where the fourth byte
// may be read, left in the key's top byte for bucket_of to ignore.
std::uint32_t key_at(const char* p) {
  if constexpr (std::endian::native == std::endian::little) {
    std::uint32_t word;
    std::memcpy(&word, p, sizeof word);
    return word;
  } else {
    auto b = [p](int i) { return std::uint32_t{static_cast<unsigned char>(p[i])}; };
    return b(2) << 16 | b(1) << 8 | b(0);
  }
}

// Whether the `n` bytes at `a` and `b` are the same. Candidates are short words, mostly
// rejected in their first bytes: compared in whole words inline, they cost a third of a call
// to memcmp.
bool same_bytes(const char* a, const char* b, std::size_t n) {
  const auto word = [](const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, sizeof w);
    return w;
  };
  const auto half = [](const char* p) {
    std::uint32_t w;
    std::memcpy(&w, p, sizeof w);
    return w;
  };
  if (n >= 8) {
    // Eight bytes at a time, the last eight overlapping what came before them.
    for (std::size_t at = 0; at + 8 < n; at += 8)
      if (word(a + at) != word(b + at)) return false;
    return word(a + n - 8) == word(b + n - 8);
  }
  if (n >= 4) return half(a) == half(b) && half(a + n - 4) == half(b + n - 4);
  for (std::size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

std::vector<std::string_view> views_of(const std::vector<std::string>& blocks) {
  return {blocks.begin(), blocks.end()};
}

}  // namespace

std::size_t find_in(std::string_view text, std::string_view needle, std::size_t from) {
#if defined(__SSE2__)
  if (!needle.empty()) {
    // Sixteen positions at a time are tested on the needle's first and last bytes together,
    // which few positions pass.
    const std::size_t last = needle.size() - 1;
    const __m128i first_byte = _mm_set1_epi8(needle.front());
    const __m128i last_byte = _mm_set1_epi8(needle.back());
    auto load = [&](std::size_t at) {
      return _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
    };
    for (; from + last + 16 <= text.size(); from += 16) {
      auto candidates = static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(
          _mm_cmpeq_epi8(load(from), first_byte), _mm_cmpeq_epi8(load(from + last), last_byte))));
      for (; candidates != 0; candidates &= candidates - 1) {
        const std::size_t at = from + static_cast<std::size_t>(std::countr_zero(candidates));
        if (same_bytes(text.data() + at, needle.data(), needle.size())) return at;
      }
    }
  }
#endif
  return text.find(needle, from);
}

BlockSearch::BlockSearch(const std::vector<std::string>& blocks) : BlockSearch(views_of(blocks)) {}

BlockSearch::BlockSearch(const std::vector<std::string_view>& blocks) {
  std::size_t total = 0;
  for (const auto& b : blocks) total += b.size() + 1;
  // Every byte is written below, the NUL after the last block's too (read with the last
  // position's three bytes), so none is cleared first.
  joined_bytes_ = std::make_unique_for_overwrite<char[]>(total + 1);
  char* const text = joined_bytes_.get();
  text[total] = '\0';
  joined_ = std::string_view(text, total);
  starts_.reserve(blocks.size());
  char* out = text;
  for (const auto& b : blocks) {
    starts_.push_back(static_cast<std::size_t>(out - text));
    // A heading, which no search reads, comes as an empty view that may hold no pointer at all.
    if (!b.empty()) std::memcpy(out, b.data(), b.size());
    out += b.size();
    *out++ = '\0';
  }
  // Lowered in one piece (lowering keeps every byte where it is, and NUL is no letter).
  reading::lower_into(joined_, text);
  stretch_block_.resize((joined_.size() >> kStretchBits) + 1);
  for (std::size_t b = 0, stretch = 0; b < starts_.size(); ++b) {
    const std::size_t end = b + 1 < starts_.size() ? starts_[b + 1] : joined_.size();
    for (; stretch << kStretchBits < end; ++stretch)
      stretch_block_[stretch] = static_cast<std::uint32_t>(b);
  }
  // Every position goes to the front of its bucket's chain, last position first, so each chain
  // lists its positions in increasing order. A position's key is its three bytes read as one
  // word (the string's terminating NUL makes the fourth byte readable at the last position).
  const std::size_t n = joined_.size() >= kGram ? joined_.size() - kGram + 1 : 0;
  const int shift = 32 - bucket_bits_for(n);
  bucket_shift_ = shift;
  const std::size_t buckets = std::size_t{1} << (32 - shift);
  buckets_.assign(buckets, Bucket{});
  next_ = std::make_unique_for_overwrite<std::uint32_t[]>(n);
  const char* bytes = text;
  Bucket* const table = buckets_.data();
  std::uint32_t* const next = next_.get();
  // Unrolled: the loop's own count and branch were a fifth of the work per position.
#pragma GCC unroll 4
  for (std::size_t p = n; p-- > 0;) {
    const std::uint32_t key = key_at(bytes + p);
    Bucket& bucket = table[(key * kBucketFactor) >> shift];
    next[p] = bucket.first;
    bucket.first = static_cast<std::uint32_t>(p);
    ++bucket.size;
  }
}

std::vector<BlockSearch::Found> BlockSearch::find(std::string_view needle) const {
  std::vector<Found> out;
  find(needle, out);
  return out;
}

void BlockSearch::find(std::string_view needle, std::vector<Found>& out) const {
  out.clear();
  if (needle.empty()) return;
  if (needle.size() < kGram) return find_direct(needle, out);
  // Look up the needle's rarest trigram and check the needle around each of its positions. The
  // three bytes roll through one key. A trigram found nowhere in the joined text is in no block,
  // so most needles, found nowhere, are turned away at once.
  const auto* bytes = reinterpret_cast<const unsigned char*>(needle.data());
  std::uint32_t key = std::uint32_t{bytes[1]} << 16 | std::uint32_t{bytes[0]} << 8;
  std::size_t best_at = 0, best_size = SIZE_MAX;
  std::uint32_t best_bucket = 0;
  for (std::size_t o = 0; o + kGram <= needle.size(); ++o) {
    key = key >> 8 | std::uint32_t{bytes[o + 2]} << 16;
    const std::uint32_t b = bucket_of(key);
    const std::size_t size = buckets_[b].size;
    if (size == 0) return;  // a trigram found nowhere: the needle is nowhere
    if (size < best_size) {
      best_size = size;
      best_at = o;
      best_bucket = b;
      // One position to check costs less than looking further for a trigram found nowhere.
      if (size == 1) break;
    }
  }
  // Only a block's first occurrence counts: after one, positions before the next block's start
  // need no comparing.
  std::size_t next_block_start = 0;
  for (std::uint32_t k = buckets_[best_bucket].first; k != kEnd; k = next_[k]) {
    const std::size_t p = k;
    if (p < best_at) continue;
    const std::size_t start = p - best_at;
    if (start < next_block_start) continue;
    if (start + needle.size() > joined_.size() ||
        !same_bytes(joined_.data() + start, needle.data(), needle.size()))
      continue;
    next_block_start = add_found(start, needle.size(), out);
  }
}

std::size_t BlockSearch::add_found(std::size_t at, std::size_t size,
                                   std::vector<Found>& out) const {
  // The block holding the stretch's first byte, then the few blocks that may start within it.
  std::size_t block = stretch_block_[at >> kStretchBits];
  while (block + 1 < starts_.size() && starts_[block + 1] <= at) ++block;
  const std::size_t next_start = block + 1 < starts_.size() ? starts_[block + 1] : joined_.size();
  // The block's NUL ends it just before the next one starts: a needle holding a NUL may run
  // into it, which is no occurrence, while a later one may be.
  if (at + size >= next_start) return at + 1;
  out.push_back({static_cast<int>(block), at - starts_[block]});
  return next_start;
}

void BlockSearch::find_direct(std::string_view needle, std::vector<Found>& out) const {
  // One pass over the joined text finds them all.
  const std::string_view all = joined_;
  for (std::size_t from = 0;;) {
    const std::size_t at = find_in(all, needle, from);
    if (at == std::string_view::npos) return;
    from = add_found(at, needle.size(), out);
  }
}

std::string_view BlockSearch::lower_block(int block) const {
  const auto b = static_cast<std::size_t>(block);
  const std::size_t end = b + 1 < starts_.size() ? starts_[b + 1] : joined_.size();
  return joined_.substr(starts_[b], end - 1 - starts_[b]);
}

}  // namespace sdi::grade
