#include "text/stem.hpp"

#include <libstemmer.h>

#include <functional>
#include <new>
#include <vector>

namespace sdi::text {
namespace {

constexpr std::size_t kLongestStemmed = 64;  // longer "words" are identifiers, hashes or URLs
// Answers repeat most of their words; a small direct-mapped cache skips most Snowball calls while
// keeping memory fixed (about 256 KiB per thread) however many answers a thread reads.
constexpr std::size_t kCacheSlots = 4096;

class Stemmer {
 public:
  Stemmer() : stemmer_(sb_stemmer_new("english", "UTF_8")), slots_(kCacheSlots) {
    if (stemmer_ == nullptr) throw std::bad_alloc();
  }
  ~Stemmer() { sb_stemmer_delete(stemmer_); }
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  std::string operator()(std::string_view word) {
    Slot& slot = slots_[std::hash<std::string_view>{}(word) & (kCacheSlots - 1)];
    if (slot.filled && slot.word == word) return slot.stem;
    const sb_symbol* stemmed = sb_stemmer_stem(
        stemmer_, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
    if (stemmed == nullptr) throw std::bad_alloc();
    slot.word.assign(word);
    slot.stem.assign(reinterpret_cast<const char*>(stemmed),
                     static_cast<std::size_t>(sb_stemmer_length(stemmer_)));
    slot.filled = true;
    return slot.stem;
  }

 private:
  struct Slot {
    std::string word;
    std::string stem;
    bool filled = false;
  };

  sb_stemmer* stemmer_;
  std::vector<Slot> slots_;
};

}  // namespace

std::string stem(std::string_view lower_word) {
  if (lower_word.size() <= 2 || lower_word.size() > kLongestStemmed) {
    return std::string(lower_word);
  }
  thread_local Stemmer stemmer;
  return stemmer(lower_word);
}

}  // namespace sdi::text
