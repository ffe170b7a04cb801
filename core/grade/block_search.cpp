#include "grade/block_search.hpp"

#include <algorithm>

namespace sdi::grade {

namespace {

constexpr std::size_t kBucketBits = 14;
constexpr std::size_t kBuckets = std::size_t{1} << kBucketBits;
constexpr std::size_t kGram = 3;

std::size_t bucket_of(const char* p) {
  auto b = [p](int i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(p[i])); };
  std::uint32_t h = (b(0) * 0x9E3779B1u) ^ (b(1) * 0x85EBCA77u) ^ (b(2) * 0xC2B2AE3Du);
  return (h >> (32 - kBucketBits)) & (kBuckets - 1);
}

}  // namespace

BlockSearch::BlockSearch(const std::vector<std::string>& lower_blocks) : blocks_(lower_blocks) {
  std::size_t total = 0;
  for (const auto& b : blocks_) total += b.size() + 1;
  joined_.reserve(total);
  starts_.reserve(blocks_.size());
  for (const auto& b : blocks_) {
    starts_.push_back(joined_.size());
    joined_ += b;
    joined_ += '\0';
  }
  // Counting sort of every position by the bucket of the three bytes starting there, so each
  // bucket lists its positions in increasing order.
  first_.assign(kBuckets + 1, 0);
  const std::size_t n = joined_.size() >= kGram ? joined_.size() - kGram + 1 : 0;
  std::vector<std::uint32_t> bucket(n);
  for (std::size_t p = 0; p < n; ++p) {
    bucket[p] = static_cast<std::uint32_t>(bucket_of(joined_.data() + p));
    ++first_[bucket[p] + 1];
  }
  for (std::size_t i = 1; i <= kBuckets; ++i) first_[i] += first_[i - 1];
  positions_.resize(n);
  std::vector<std::uint32_t> fill(first_.begin(), first_.end() - 1);
  for (std::size_t p = 0; p < n; ++p) positions_[fill[bucket[p]]++] = static_cast<std::uint32_t>(p);
}

std::vector<BlockSearch::Found> BlockSearch::find(std::string_view needle) const {
  std::vector<Found> out;
  if (needle.empty()) return out;
  if (needle.size() < kGram || needle.find('\0') != std::string_view::npos)
    return find_each(needle);
  // Look up the needle's rarest trigram and check the needle around each of its positions.
  std::size_t best_at = 0, best_size = SIZE_MAX;
  for (std::size_t o = 0; o + kGram <= needle.size(); ++o) {
    std::size_t b = bucket_of(needle.data() + o);
    std::size_t size = first_[b + 1] - first_[b];
    if (size < best_size) {
      best_size = size;
      best_at = o;
    }
  }
  const std::size_t b = bucket_of(needle.data() + best_at);
  int last_block = -1;
  for (std::uint32_t k = first_[b]; k < first_[b + 1]; ++k) {
    const std::size_t p = positions_[k];
    if (p < best_at) continue;
    const std::size_t start = p - best_at;
    if (joined_.compare(start, needle.size(), needle) != 0) continue;
    const auto it = std::upper_bound(starts_.begin(), starts_.end(), start);
    const int block = static_cast<int>(it - starts_.begin()) - 1;
    if (block == last_block) continue;
    last_block = block;
    out.push_back({block, start - starts_[static_cast<std::size_t>(block)]});
  }
  return out;
}

std::vector<BlockSearch::Found> BlockSearch::find_each(std::string_view needle) const {
  std::vector<Found> out;
  for (std::size_t bi = 0; bi < blocks_.size(); ++bi) {
    const std::size_t pos = blocks_[bi].find(needle);
    if (pos != std::string::npos) out.push_back({static_cast<int>(bi), pos});
  }
  return out;
}

}  // namespace sdi::grade
