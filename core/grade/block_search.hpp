#pragma once
// Finds a phrase in every block of an answer at once. Custom checks search an answer hundreds of
// times; a trigram index over the lowercase blocks turns each search into a look at the few
// places where the phrase's rarest three letters occur.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sdi::grade {

// The first position at or after `from` where `needle` starts in `text`, or npos, as
// std::string_view::find gives it. Checks look for words in sentences and blocks all the time;
// std::string_view::find stops at every occurrence of the needle's first byte, where this tests
// sixteen positions at once on its first and last bytes.
std::size_t find_in(std::string_view text, std::string_view needle, std::size_t from = 0);

class BlockSearch {
 public:
  // `blocks`: the text of each block as written; searches read it with ASCII letters lowercased.
  // The index keeps its own lowercase copy, so the blocks need not outlive it.
  explicit BlockSearch(const std::vector<std::string_view>& blocks);
  explicit BlockSearch(const std::vector<std::string>& blocks);

  struct Found {
    int block;
    std::size_t offset;  // of the first occurrence in the block's text
  };
  // The blocks that contain `needle` (lowercase), in block order; none for an empty needle.
  std::vector<Found> find(std::string_view needle) const;
  // The same into `out`, replacing what it held, so a caller can reuse its memory.
  void find(std::string_view needle, std::vector<Found>& out) const;
  // The text of a block with ASCII letters lowercased, valid while the search is.
  std::string_view lower_block(int block) const;

 private:
  // A needle too short for a trigram, in the joined text.
  void find_direct(std::string_view needle, std::vector<Found>& out) const;
  // Adds the block holding the match of `size` bytes at joined_ position `at`, unless it runs
  // past the block's end, and returns where the next match may start: where the next block
  // starts once this one is found.
  std::size_t add_found(std::size_t at, std::size_t size, std::vector<Found>& out) const;
  // The bucket of the three bytes packed in the low 24 bits of `key`, the first lowest. The
  // factor's low byte is zero, so the top byte of `key` is multiplied out of the product's 32
  // bits: the index reads a position's key as one four-byte word and need not clear that byte.
  static constexpr std::uint32_t kBucketFactor = 0x9E3779B1u << 8;
  std::uint32_t bucket_of(std::uint32_t key) const {
    return (key * kBucketFactor) >> bucket_shift_;
  }

  // The lowercase blocks, each followed by '\0', which no search crosses, and a '\0' after them.
  std::unique_ptr<char[]> joined_bytes_;
  std::string_view joined_;  // in joined_bytes_, up to the last block's '\0'

  std::vector<std::size_t> starts_;  // where each block begins in joined_
  // Per stretch of joined_ (2^kStretchBits bytes), the block holding its first byte: a find's
  // block is then a step or two away, where a search of all the starts took a dozen.
  static constexpr int kStretchBits = 6;
  std::vector<std::uint32_t> stretch_block_;
  int bucket_shift_ = 32;  // 32 less the bits of a bucket number
  // Each bucket's positions as a chain in increasing order: the first per bucket, then the next
  // per position (kEnd after the last): one pass over the text builds them all, where sorting the
  // positions by bucket took three.
  static constexpr std::uint32_t kEnd = UINT32_MAX;
  struct Bucket {
    std::uint32_t first = kEnd;
    std::uint32_t size = 0;  // positions in the chain
  };
  std::vector<Bucket> buckets_;
  std::unique_ptr<std::uint32_t[]> next_;
};

}  // namespace sdi::grade
