#pragma once
// Small integer ids for the words matching compares against: the stems and spellings of concept
// forms and of the analysis' marker lists. Answers are matched by comparing ids, not strings.
// Only those words are kept, never an answer's own, so the table grows with the packs loaded and
// not with what was read; it is shared by every thread.

#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sdi::grade::vocabulary {

using Id = std::uint32_t;
// Not a word of the vocabulary: equal to no id that `intern` returns.
constexpr Id kNone = 0;

// The id of `word`, added when new.
Id intern(std::string_view word);
// The ids of `words`, in order, added when new (one lock for all).
std::vector<Id> intern_all(const std::vector<std::string>& words);
std::vector<Id> intern_all(std::span<const std::string_view> words);
// Adds many words under one hold of the vocabulary's lock, each as it comes (e.g. straight from
// a cache entry), with room made for them at once rather than as the table fills.
class Batch {
 public:
  explicit Batch(std::size_t expected);
  Batch(const Batch&) = delete;
  Batch& operator=(const Batch&) = delete;
  // The id of `word`, added when new.
  Id intern(std::string_view word);
  // How many words there are now: the largest id.
  std::uint32_t size() const;

 private:
  std::unique_lock<std::mutex> lock_;
};

// The word of an id that `intern` returned.
std::string word(Id id);
// The id of `word`, or kNone when it is not in the vocabulary.
Id find(std::string_view word);
// How many words there are; it only grows, so a caller remembering ids of `find` misses can tell
// when to look again.
std::uint32_t size();

}  // namespace sdi::grade::vocabulary
