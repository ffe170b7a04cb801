#include "grade/vocabulary.hpp"

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

#include "text/string_hash.hpp"

namespace sdi::grade::vocabulary {

namespace {

struct Table {
  std::mutex mutex;
  std::unordered_map<std::string, Id, text::StringHash, std::equal_to<>> ids;
  std::vector<const std::string*> words;  // by id - 1: the keys of `ids`, which never move
  std::atomic<std::uint32_t> count{0};

  Id add(std::string_view word) {
    auto it = ids.find(word);
    if (it != ids.end()) return it->second;
    Id id = static_cast<Id>(ids.size() + 1);
    it = ids.emplace(std::string(word), id).first;
    words.push_back(&it->first);
    count.store(static_cast<std::uint32_t>(ids.size()), std::memory_order_release);
    return id;
  }
};

Table& table() {
  static Table t;
  return t;
}

}  // namespace

Id intern(std::string_view word) {
  Table& t = table();
  std::lock_guard lock(t.mutex);
  return t.add(word);
}

std::vector<Id> intern_all(const std::vector<std::string>& words) {
  Table& t = table();
  std::vector<Id> out;
  out.reserve(words.size());
  std::lock_guard lock(t.mutex);
  for (const auto& w : words) out.push_back(t.add(w));
  return out;
}

std::string word(Id id) {
  Table& t = table();
  std::lock_guard lock(t.mutex);
  return id == kNone || id > t.words.size() ? std::string() : *t.words[id - 1];
}

Id find(std::string_view word) {
  Table& t = table();
  std::lock_guard lock(t.mutex);
  auto it = t.ids.find(word);
  return it == t.ids.end() ? kNone : it->second;
}

std::uint32_t size() {
  return table().count.load(std::memory_order_acquire);
}

}  // namespace sdi::grade::vocabulary
