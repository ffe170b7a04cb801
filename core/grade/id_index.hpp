#pragma once
// A read-only map from vocabulary ids to small integers, for lookups on every token: open
// addressing in two flat arrays, built once.

#include <cstdint>
#include <utility>
#include <vector>

#include "grade/vocabulary.hpp"

namespace sdi::grade {

class IdIndex {
 public:
  // `entries` holds distinct ids, none of them vocabulary::kNone.
  explicit IdIndex(const std::vector<std::pair<vocabulary::Id, std::uint32_t>>& entries = {});

  // The value of `id`, or nullptr.
  const std::uint32_t* find(vocabulary::Id id) const {
    if (keys_.empty() || id == vocabulary::kNone) return nullptr;
    for (std::uint32_t slot = hash(id) & mask_;; slot = (slot + 1) & mask_) {
      if (keys_[slot] == id) return &values_[slot];
      if (keys_[slot] == vocabulary::kNone) return nullptr;
    }
  }

 private:
  static std::uint32_t hash(vocabulary::Id id) { return id * 0x9E3779B1u; }
  std::vector<vocabulary::Id> keys_;
  std::vector<std::uint32_t> values_;
  std::uint32_t mask_ = 0;
};

}  // namespace sdi::grade
