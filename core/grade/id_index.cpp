#include "grade/id_index.hpp"

namespace sdi::grade {

IdIndex::IdIndex(const std::vector<std::pair<vocabulary::Id, std::uint32_t>>& entries) {
  if (entries.empty()) return;
  // At most half full, so a miss ends after a slot or two.
  std::size_t capacity = 4;
  while (capacity < entries.size() * 2) capacity *= 2;
  keys_.assign(capacity, vocabulary::kNone);
  values_.assign(capacity, 0);
  mask_ = static_cast<std::uint32_t>(capacity - 1);
  for (const auto& [id, value] : entries) {
    std::uint32_t slot = hash(id) & mask_;
    while (keys_[slot] != vocabulary::kNone && keys_[slot] != id) slot = (slot + 1) & mask_;
    keys_[slot] = id;
    values_[slot] = value;
  }
}

}  // namespace sdi::grade
