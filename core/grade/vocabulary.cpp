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
  std::atomic<std::uint32_t> count{0};
};

Table& table() {
  static Table t;
  return t;
}

}  // namespace

Id intern(std::string_view word) {
  Table& t = table();
  std::lock_guard lock(t.mutex);
  auto it = t.ids.find(word);
  if (it != t.ids.end()) return it->second;
  Id id = static_cast<Id>(t.ids.size() + 1);
  t.ids.emplace(std::string(word), id);
  t.count.store(static_cast<std::uint32_t>(t.ids.size()), std::memory_order_release);
  return id;
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
