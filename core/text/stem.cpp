#include "text/stem.hpp"

#include <libstemmer.h>

#include <new>

// Linked from the static archive, the English stemmer is called directly: sb_stemmer_new's table
// of every Snowball language drags all their tables into the executable, and the loader then
// relocates some 300 KiB of them at every start. The shared library exports only sb_*.
#ifdef SDI_STEMMER_ENGLISH_ONLY
extern "C" {
// The leading fields of Snowball's runtime environment (runtime/header.h), unchanged since the
// first libstemmer: the word being stemmed and its length.
struct SN_env {
  sb_symbol* p;
  int c;
  int l;
};
SN_env* english_UTF_8_create_env(void);
void english_UTF_8_close_env(SN_env* z);
int english_UTF_8_stem(SN_env* z);
int SN_set_current(SN_env* z, int size, const sb_symbol* s);
}
#endif

namespace sdi::text {
namespace {

constexpr std::size_t kLongestStemmed = 64;  // longer "words" are identifiers, hashes or URLs

#ifdef SDI_STEMMER_ENGLISH_ONLY
class Snowball {
 public:
  Snowball() : env_(english_UTF_8_create_env()) {
    if (env_ == nullptr) throw std::bad_alloc();
  }
  ~Snowball() { english_UTF_8_close_env(env_); }
  Snowball(const Snowball&) = delete;
  Snowball& operator=(const Snowball&) = delete;

  std::string_view stem(std::string_view word) {
    if (SN_set_current(env_, static_cast<int>(word.size()),
                       reinterpret_cast<const sb_symbol*>(word.data())) != 0 ||
        english_UTF_8_stem(env_) < 0)
      throw std::bad_alloc();
    return {reinterpret_cast<const char*>(env_->p), static_cast<std::size_t>(env_->l)};
  }

 private:
  SN_env* env_;
};
#else
class Snowball {
 public:
  Snowball() : stemmer_(sb_stemmer_new("english", "UTF_8")) {
    if (stemmer_ == nullptr) throw std::bad_alloc();
  }
  ~Snowball() { sb_stemmer_delete(stemmer_); }
  Snowball(const Snowball&) = delete;
  Snowball& operator=(const Snowball&) = delete;

  std::string_view stem(std::string_view word) {
    const sb_symbol* stemmed = sb_stemmer_stem(
        stemmer_, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
    if (stemmed == nullptr) throw std::bad_alloc();
    return {reinterpret_cast<const char*>(stemmed),
            static_cast<std::size_t>(sb_stemmer_length(stemmer_))};
  }

 private:
  sb_stemmer* stemmer_;
};
#endif

}  // namespace

std::string stem(std::string_view lower_word) {
  if (lower_word.size() <= 2 || lower_word.size() > kLongestStemmed) {
    return std::string(lower_word);
  }
  thread_local Snowball snowball;
  return std::string(snowball.stem(lower_word));
}

}  // namespace sdi::text
