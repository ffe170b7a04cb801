#pragma once
// Values for a few vocabulary ids, looked up on every token of every answer: indexed by the id
// itself, since ids are small and dense (the vocabulary holds only the packs' words), rather than
// hashed as IdIndex does.

#include <cstdint>
#include <vector>

#include "grade/vocabulary.hpp"

namespace sdi::grade {

class IdTable {
 public:
  void set(vocabulary::Id id, std::uint32_t value) {
    if (id >= values_.size()) values_.resize(id + 1, kAbsent);
    values_[id] = value;
  }
  // The value of `id`, or nullptr (always for vocabulary::kNone, which is never set).
  const std::uint32_t* find(vocabulary::Id id) const {
    return id < values_.size() && values_[id] != kAbsent ? &values_[id] : nullptr;
  }

 private:
  static constexpr std::uint32_t kAbsent = UINT32_MAX;
  std::vector<std::uint32_t> values_;
};

}  // namespace sdi::grade
