#include "grade/vocabulary.hpp"

#include <atomic>
#include <cstring>
#include <memory>

#include "grade/byte_arena.hpp"
#include "text/word_hash.hpp"

namespace sdi::grade::vocabulary {

namespace {

// Words are only ever added, and a cold start adds thousands (every word of every concept form),
// so the table is flat and touches little fresh memory: the words' bytes in large chunks, their
// entries in fixed chunks that never move (no copy as the table grows), ids in an open-addressed
// array sized once for a batch. No allocation per word.
class Table {
 public:
  std::mutex mutex;

  Id add(std::string_view word) {
    if (slots_.empty()) make_room(1);
    const std::uint32_t h = text::word_hash(word);
    std::size_t slot = find_slot(word, h);
    if (slots_[slot] != kNone) return slots_[slot];
    const auto index = static_cast<std::size_t>(count());
    if (index % kChunk == 0) chunks_.emplace_back(new Entry[kChunk]);
    const std::string_view kept = bytes_.keep(word);
    chunks_.back()[index % kChunk] = {kept.data(), static_cast<std::uint32_t>(kept.size()), h};
    const Id id = static_cast<Id>(index + 1);
    slots_[slot] = id;
    count_.store(id, std::memory_order_release);
    if (std::size_t{id} * 4 > slots_.size() * 3) make_room(1);
    return id;
  }

  Id find(std::string_view word) const {
    return slots_.empty() ? kNone : slots_[find_slot(word, text::word_hash(word))];
  }

  std::string_view word(Id id) const {
    return id == kNone || id > count() ? std::string_view() : entry(id).word();
  }

  std::uint32_t count() const { return count_.load(std::memory_order_acquire); }

  // Room for `more` words beyond those held, at most three slots in four in use: a cold start's
  // few thousand words then fit the slots its concept forms make room for, without a doubling
  // (and its fresh memory) for the handful of words added after them.
  void make_room(std::size_t more) {
    std::size_t want = slots_.empty() ? kFirstSlots : slots_.size();
    while ((count() + more) * 4 > want * 3) want *= 2;
    if (want == slots_.size()) return;
    std::vector<Id> slots(want, kNone);
    const std::size_t mask = want - 1;
    for (Id id = 1; id <= count(); ++id) {
      std::size_t slot = entry(id).hash & mask;
      while (slots[slot] != kNone) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    slots_ = std::move(slots);
  }

 private:
  struct Entry {
    const char* bytes;
    std::uint32_t size;
    std::uint32_t hash;
    std::string_view word() const { return {bytes, size}; }
  };

  const Entry& entry(Id id) const { return chunks_[(id - 1) / kChunk][(id - 1) % kChunk]; }

  // The slot holding `word`, or the empty slot where it belongs.
  std::size_t find_slot(std::string_view word, std::uint32_t h) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t slot = h & mask;
    for (; slots_[slot] != kNone; slot = (slot + 1) & mask) {
      const Entry& e = entry(slots_[slot]);
      if (e.hash == h && e.word() == word) break;
    }
    return slot;
  }

  static constexpr std::size_t kFirstSlots = 1024;
  static constexpr std::size_t kChunk = 1024;
  ByteArena bytes_;                               // the words
  std::vector<std::unique_ptr<Entry[]>> chunks_;  // by id - 1, kChunk a chunk
  std::vector<Id> slots_;                         // kNone when free
  std::atomic<std::uint32_t> count_{0};
};

Table& table() {
  static Table t;
  return t;
}

template <typename Words>
std::vector<Id> intern_each(const Words& words) {
  std::vector<Id> out;
  out.reserve(words.size());
  Batch batch(words.size());
  for (const auto& w : words) out.push_back(batch.intern(w));
  return out;
}

}  // namespace

Batch::Batch(std::size_t expected) : lock_(table().mutex) {
  table().make_room(expected);
}

Id Batch::intern(std::string_view word) {
  return table().add(word);
}

std::uint32_t Batch::size() const {
  return table().count();
}

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
