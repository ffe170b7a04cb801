#include "grade/vocabulary.hpp"

#include <atomic>
#include <functional>
#include <mutex>

#include "grade/byte_arena.hpp"

namespace sdi::grade::vocabulary {

namespace {

// Words are only ever added, and a cold start adds thousands (every form of every concept), so
// the table is flat: the words' bytes in large chunks, ids in an open-addressed array. No
// allocation per word.
class Table {
 public:
  std::mutex mutex;

  Table() : slots_(kFirstSlots, kNone) {}

  Id add(std::string_view word) {
    const std::uint64_t h = hash(word);
    std::size_t slot = find_slot(word, h);
    if (slots_[slot] != kNone) return slots_[slot];
    words_.push_back(bytes_.keep(word));
    hashes_.push_back(h);
    const Id id = static_cast<Id>(words_.size());
    slots_[slot] = id;
    if (words_.size() * 2 > slots_.size()) grow();
    count_.store(id, std::memory_order_release);
    return id;
  }

  Id find(std::string_view word) const { return slots_[find_slot(word, hash(word))]; }

  std::string_view word(Id id) const {
    return id == kNone || id > words_.size() ? std::string_view() : words_[id - 1];
  }

  std::uint32_t count() const { return count_.load(std::memory_order_acquire); }

 private:
  static std::uint64_t hash(std::string_view s) { return std::hash<std::string_view>{}(s); }

  // The slot holding `word`, or the empty slot where it belongs.
  std::size_t find_slot(std::string_view word, std::uint64_t h) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t slot = static_cast<std::size_t>(h) & mask;
    for (; slots_[slot] != kNone; slot = (slot + 1) & mask) {
      const Id id = slots_[slot];
      if (hashes_[id - 1] == h && words_[id - 1] == word) break;
    }
    return slot;
  }

  void grow() {
    std::vector<Id> slots(slots_.size() * 2, kNone);
    const std::size_t mask = slots.size() - 1;
    for (std::size_t i = 0; i < words_.size(); ++i) {
      std::size_t slot = static_cast<std::size_t>(hashes_[i]) & mask;
      while (slots[slot] != kNone) slot = (slot + 1) & mask;
      slots[slot] = static_cast<Id>(i + 1);
    }
    slots_ = std::move(slots);
  }

  static constexpr std::size_t kFirstSlots = 4096;
  ByteArena bytes_;                      // the words
  std::vector<std::string_view> words_;  // by id - 1
  std::vector<std::uint64_t> hashes_;    // by id - 1
  std::vector<Id> slots_;                // kNone when free
  std::atomic<std::uint32_t> count_{0};
};

Table& table() {
  static Table t;
  return t;
}

template <typename Words>
std::vector<Id> intern_each(const Words& words) {
  Table& t = table();
  std::vector<Id> out;
  out.reserve(words.size());
  std::lock_guard lock(t.mutex);
  for (const auto& w : words) out.push_back(t.add(w));
  return out;
}

}  // namespace

Id intern(std::string_view word) {
  Table& t = table();
  std::lock_guard lock(t.mutex);
  return t.add(word);
}

std::vector<Id> intern_all(const std::vector<std::string>& words) {
  return intern_each(words);
}

std::vector<Id> intern_all(std::span<const std::string_view> words) {
  return intern_each(words);
}

std::string word(Id id) {
  Table& t = table();
  std::lock_guard lock(t.mutex);
  return std::string(t.word(id));
}

Id find(std::string_view word) {
  Table& t = table();
  std::lock_guard lock(t.mutex);
  return t.find(word);
}

std::uint32_t size() {
  return table().count();
}

}  // namespace sdi::grade::vocabulary
