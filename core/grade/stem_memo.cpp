#include "grade/stem_memo.hpp"

#include <functional>
#include <string>
#include <unordered_map>

#include "text/string_hash.hpp"

namespace sdi::grade {

namespace {

// Far above what the shipped packs and templates hold together (about a thousand phrases).
constexpr std::size_t kMemoCapacity = 8192;

using Memo = std::unordered_map<std::string, std::shared_ptr<const StemList>, text::StringHash,
                                std::equal_to<>>;

}  // namespace

std::shared_ptr<const StemList> memo_stems(StemsOf compute, std::string_view text) {
  thread_local std::unordered_map<StemsOf, Memo> memos;
  Memo& memo = memos[compute];
  auto it = memo.find(text);
  if (it != memo.end()) return it->second;
  if (memo.size() >= kMemoCapacity) memo.clear();
  auto stems = std::make_shared<const StemList>(compute(text));
  memo.emplace(std::string(text), stems);
  return stems;
}

}  // namespace sdi::grade
