#include "grade/reading_lua.hpp"

#include <lauxlib.h>

#include <algorithm>
#include <cstdint>
#include <forward_list>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "grade/answer_lua.hpp"
#include "grade/answer_reading.hpp"
#include "grade/block_scan.hpp"
#include "grade/block_search.hpp"
#include "grade/reading.hpp"
#include "text/document.hpp"

namespace sdi::grade {

namespace {

// The answer being graded, from the box every native of the library has as its upvalue.
const CheckContext& answer_of(lua_State* L) {
  return boxed_answer(L, lua_upvalueindex(1));
}

std::string_view check_text(lua_State* L, int idx) {
  std::size_t size = 0;
  const char* s = luaL_checklstring(L, idx, &size);
  return {s, size};
}

int is_question(lua_State* L) {
  lua_pushboolean(L, reading::is_question(check_text(L, 1)));
  return 1;
}

int term_list(lua_State* L) {
  lua_pushboolean(L, reading::term_list(check_text(L, 1)));
  return 1;
}

int affirms(lua_State* L) {
  lua_pushboolean(L, reading::affirms(check_text(L, 1), check_text(L, 2)));
  return 1;
}

// The text of numbers read as words, which no table holds: its strings never move, and an empty
// one (the usual case) allocates nothing.
using ConvertedWords = std::forward_list<std::string>;

// Appends the strings of the list at `idx` to `out` as views: the list holds them while it is on
// the stack, so searches called for every block of an answer copy nothing. Numbers are read as
// their text, kept in `converted`, and so is every word of a list with a metatable: its __index
// may make each string afresh, held by nothing once popped.
void read_word_views(lua_State* L, int idx, std::vector<std::string_view>& out,
                     ConvertedWords& converted, int list_number) {
  idx = lua_absindex(L, idx);
  out.reserve(out.size() + lua_rawlen(L, idx));
  // A list without a metatable is read raw, which skips looking for metamethods per word.
  const bool raw = lua_getmetatable(L, idx) == 0;
  if (!raw) lua_pop(L, 1);
  // The words are popped a batch at a time: a pop per word cost a fifth of the reading.
  constexpr int kBatch = 32;
  luaL_checkstack(L, kBatch, "reading a word list");
  const int base = lua_gettop(L);
  for (lua_Integer i = 1;; ++i) {
    if (i % kBatch == 0) lua_settop(L, base);
    const int type = raw ? lua_rawgeti(L, idx, i) : lua_geti(L, idx, i);
    if (type == LUA_TNIL) break;
    const bool held = raw && type == LUA_TSTRING;
    std::size_t size = 0;
    const char* s = lua_tolstring(L, -1, &size);
    if (s == nullptr) {
      if (list_number > 0)
        luaL_error(L, "bad word #%d in list #%d: a string expected, got %s", static_cast<int>(i),
                   list_number, luaL_typename(L, -1));
      luaL_error(L, "bad word #%d in the list: a string expected, got %s", static_cast<int>(i),
                 luaL_typename(L, -1));
    }
    out.push_back(held ? std::string_view(s, size) : converted.emplace_front(s, size));
  }
  lua_settop(L, base);
}

const std::vector<std::string_view>& check_word_views(lua_State* L, int idx) {
  luaL_checktype(L, idx, LUA_TTABLE);
  thread_local std::vector<std::string_view> out;
  thread_local ConvertedWords converted;
  out.clear();
  converted.clear();
  read_word_views(L, idx, out, converted, 0);
  return out;
}

// Word lists, each a table of strings, read as views (see read_word_views).
struct WordLists {
  std::vector<std::vector<std::string_view>> lists;
  ConvertedWords converted;
};

// Word lists lowercased once, for searches that test many texts against all of them.
class LoweredLists {
 public:
  explicit LoweredLists(const WordLists& words) {
    // Lowered in one piece (lowering keeps every byte where it is) rather than word by word.
    for (const auto& list : words.lists)
      for (std::string_view w : list) text_ += w;
    reading::lower_into(text_, text_.data());
    std::size_t at = 0;
    for (const auto& list : words.lists) {
      auto& lowered = lists_.emplace_back();
      for (std::string_view w : list) {
        lowered.push_back(std::string_view(text_).substr(at, w.size()));
        at += w.size();
      }
    }
  }
  // The lists are views into the object's own string, which must stay where it is.
  LoweredLists(const LoweredLists&) = delete;
  LoweredLists& operator=(const LoweredLists&) = delete;

  // Whether the lowercase text `low` holds a word of every list from the `first` on: the text
  // ignoring case as contains_any does. A caller that tests a block and then its sentences
  // lowers the block once.
  bool all_in_lower(std::string_view low, std::size_t first = 0) const {
    for (std::size_t i = first; i < lists_.size(); ++i) {
      const auto& list = lists_[i];
      if (std::none_of(list.begin(), list.end(), [&](std::string_view w) {
            return find_in(low, w) != std::string_view::npos;
          }))
        return false;
    }
    return true;
  }

 private:
  std::string text_;  // every word, lowercase, one after another
  std::vector<std::vector<std::string_view>> lists_;
};

int contains_any(lua_State* L) {
  std::string_view text = check_text(L, 1);
  int i = reading::contains_any(text, check_word_views(L, 2));
  if (i < 0) return 0;
  lua_geti(L, 2, i + 1);
  return 1;
}

// The lists of words in the list at `idx`, e.g. count_any's second argument.
WordLists check_groups(lua_State* L, int idx) {
  luaL_checktype(L, idx, LUA_TTABLE);
  WordLists words;
  for (lua_Integer i = 1;; ++i) {
    if (lua_geti(L, idx, i) == LUA_TNIL) {
      lua_pop(L, 1);
      break;
    }
    if (!lua_istable(L, -1))
      luaL_error(L, "bad list #%d: a list of words expected, got %s", static_cast<int>(i),
                 luaL_typename(L, -1));
    // The inner list stays in the outer one, which holds its strings.
    read_word_views(L, lua_gettop(L), words.lists.emplace_back(), words.converted,
                    static_cast<int>(i));
    lua_pop(L, 1);
  }
  return words;
}

// count_any(text, lists) -> how many of the lists have a word the text contains
int count_any(lua_State* L) {
  std::string_view text = check_text(L, 1);
  const WordLists words = check_groups(L, 2);
  lua_pushinteger(L, reading::count_any(text, words.lists));
  return 1;
}

// sentences_of(block) -> { { line, text } ... }, `line` counted from block.line.
int sentences_of(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_getfield(L, 1, "text");
  std::string_view text = check_text(L, -1);
  lua_getfield(L, 1, "line");
  int is_int = 0;
  lua_Integer line = lua_tointegerx(L, -1, &is_int);
  if (!is_int) return luaL_error(L, "sentences_of: the block has no integer 'line'");
  const auto pieces = reading::sentences_of(text);
  lua_createtable(L, static_cast<int>(pieces.size()), 0);
  lua_Integer n = 0;
  std::size_t counted = 0;
  for (const auto& p : pieces) {
    line += std::count(text.begin() + static_cast<std::ptrdiff_t>(counted),
                       text.begin() + static_cast<std::ptrdiff_t>(p.offset), '\n');
    counted = p.offset;
    lua_createtable(L, 0, 2);
    lua_pushinteger(L, line);
    lua_setfield(L, -2, "line");
    lua_pushlstring(L, p.text.data(), p.text.size());
    lua_setfield(L, -2, "text");
    lua_rawseti(L, -2, ++n);
  }
  return 1;
}

// Laid out to state something: a table row, code, or a list item or paragraph shaped like a
// definition or a call ("Tweet: tweet_id", "postTweet(user_id)", "POST /tweets", "a -> b").
// One pass over the text: find_first_of with a set looks every character up with memchr, and
// structured_any asks this of every block it finds.
bool has_definition_mark(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    switch (text[i]) {
      case ':':
      case '(':
      case '/':
      case '=':
      case '{':
        return true;
      case '-':
        if (text.substr(i + 1, 1) == ">") return true;
        break;
      case '\xE2':
        if (text.substr(i, 3) == "\xE2\x86\x92") return true;  // an arrow
        break;
      default:
        break;
    }
  }
  return false;
}

bool shaped(const text::Block& b) {
  if (b.kind == text::BlockKind::TableRow || b.kind == text::BlockKind::Code) return true;
  if (b.kind != text::BlockKind::ListItem && b.kind != text::BlockKind::Paragraph) return false;
  return has_definition_mark(b.text);
}

enum class Search { Said, Found, Structured, Prose };

// Whether the block of a hit of the lowercase `word` counts as `search` reads it.
bool keeps(AnswerReading& r, const CheckContext& ctx, const AnswerReading::Hit& h,
           std::string_view word, Search search) {
  const text::Block& b = ctx.doc.blocks[static_cast<std::size_t>(h.block)];
  switch (search) {
    case Search::Said:
      return r.states(h.block, word, false);
    case Search::Prose:
      return r.states(h.block, word, true);
    case Search::Found:
      return !reading::is_question(b.text);
    case Search::Structured:
      return !reading::is_question(b.text) && (shaped(b) || r.states(h.block, word, false));
  }
  return false;
}

// The blocks holding any of the words (the list at `words_arg`) as `search` reads them, sorted by
// line (stable), one per block, given one at a time: reading a block (its sentences, negation)
// costs far more than finding it, so a caller that needs only the first few reads no further.
class HitScan {
 public:
  // The words are views into the scan's own string, which must stay where it is.
  HitScan(const HitScan&) = delete;
  HitScan& operator=(const HitScan&) = delete;
  // `wanted`, when set, keeps only the hits whose block it accepts, exactly as filtering the
  // whole result would leave them.
  HitScan(lua_State* L, const CheckContext& ctx, int words_arg, Search search,
          std::function<bool(int block)> wanted = {})
      : ctx_(ctx), search_(search), wanted_(std::move(wanted)) {
    luaL_checktype(L, words_arg, LUA_TTABLE);
    std::vector<std::string_view> words;
    ConvertedWords converted;
    read_word_views(L, words_arg, words, converted, 0);
    find_all(words);
  }
  // A scan for `words`, which need not outlive it.
  HitScan(const CheckContext& ctx, const std::vector<std::string_view>& words, Search search)
      : ctx_(ctx), search_(search) {
    find_all(words);
  }

  // Keeps, from the next hit on, only those whose block `wanted` accepts, as the constructor's
  // `wanted` does.
  void keep_only(std::function<bool(int block)> wanted) { wanted_ = std::move(wanted); }

  // The words searched for, lowercase.
  const std::vector<std::string_view>& words() const { return lowered_; }

  // The next hit, or nullopt when there is none.
  std::optional<AnswerReading::Hit> next() {
    AnswerReading& r = *ctx_.reading;
    while (next_ < candidates_.size()) {
      const std::size_t i = next_++;
      const Candidate& c = candidates_[i];
      if (std::find(seen_.begin(), seen_.end(), c.key) != seen_.end()) continue;
      if (wanted_ && !wanted_(c.hit.block)) {
        // Left out of the result, a kept hit still takes its key from any later hit in another
        // block; without one, it need not be read.
        if (key_shared_later(i) && keeps(r, ctx_, c.hit, lowered_[c.word], search_))
          seen_.push_back(c.key);
        continue;
      }
      if (!keeps(r, ctx_, c.hit, lowered_[c.word], search_)) continue;
      seen_.push_back(c.key);
      return c.hit;
    }
    return std::nullopt;
  }

  // No hit `next` gives from now on is in a block that starts before this line (as a check sees
  // blocks: the block holding the hit's line); 0 when a hit left is in no such block.
  int first_line_left() {
    int first = std::numeric_limits<int>::max();
    for (std::size_t i = next_; i < candidates_.size(); ++i) {
      const long long key = candidates_[i].key;
      first = std::min(first, key >= 0 ? ctx_.doc.blocks[static_cast<std::size_t>(key)].line : 0);
    }
    return first;
  }

 private:
  struct Candidate {
    AnswerReading::Hit hit;
    std::size_t word;
    long long key = 0;
  };

  // Finds every word's hits and orders them as the scan gives them.
  void find_all(const std::vector<std::string_view>& words) {
    AnswerReading& r = *ctx_.reading;
    const bool prose_only = search_ == Search::Said || search_ == Search::Prose;
    // Joined and lowercased in one piece (lowering keeps every byte where it is): a search may
    // take dozens of words, and one string for each cost more than the lowering.
    std::size_t size = 0;
    for (const auto& word : words) size += word.size();
    lowered_text_.clear();
    lowered_text_.reserve(size);
    for (const auto& word : words) lowered_text_ += word;
    reading::lower_into(lowered_text_, lowered_text_.data());
    lowered_.reserve(words.size());
    // About one hit per word on average: room for that spares the list growing step by step.
    candidates_.reserve(words.size());
    std::size_t at = 0;
    for (const auto& word : words) {
      const std::size_t w = lowered_.size();
      lowered_.push_back(std::string_view(lowered_text_).substr(at, word.size()));
      at += word.size();
      r.each_hit(lowered_.back(), prose_only, [&](const AnswerReading::Hit& h) {
        candidates_.push_back({h, w});
      });
    }
    // A single word's hits come in block order, which is nearly always line order already.
    const auto by_line = [](const Candidate& a, const Candidate& b) {
      return a.hit.line < b.hit.line;
    };
    if (!std::is_sorted(candidates_.begin(), candidates_.end(), by_line))
      std::stable_sort(candidates_.begin(), candidates_.end(), by_line);
    // Keyed as a check sees blocks: by the block holding the line, else by the line itself.
    for (auto& c : candidates_) {
      const int holder = r.block_at_line(c.hit.line);
      c.key = holder >= 0 ? holder : -static_cast<long long>(c.hit.line) - 1;
    }
  }

  // Whether a later candidate in another block has the key of candidate `i`.
  bool key_shared_later(std::size_t i) const {
    return std::any_of(candidates_.begin() + static_cast<std::ptrdiff_t>(i) + 1, candidates_.end(),
                       [&](const Candidate& o) {
                         return o.key == candidates_[i].key &&
                                o.hit.block != candidates_[i].hit.block;
                       });
  }

  const CheckContext& ctx_;
  Search search_;
  std::function<bool(int)> wanted_;
  std::string lowered_text_;               // the words, lowercase, one after another
  std::vector<std::string_view> lowered_;  // each word in lowered_text_
  std::vector<Candidate> candidates_;
  std::size_t next_ = 0;
  std::vector<long long> seen_;
};

// Which of a search's hits to return: the first `limit`, of those whose block `wanted` accepts
// (all when it is empty), exactly as filtering the whole result would leave them.
struct Keep {
  std::size_t limit = static_cast<std::size_t>(-1);
  std::function<bool(int block)> wanted;
};

// The first `limit` hits a scan gives.
std::vector<AnswerReading::Hit> first_hits(HitScan& scan, std::size_t limit) {
  std::vector<AnswerReading::Hit> out;
  while (out.size() < limit) {
    const auto hit = scan.next();
    if (!hit) break;
    out.push_back(*hit);
  }
  return out;
}

// The hits of HitScan(words_arg, search), kept as `keep` says.
std::vector<AnswerReading::Hit> blocks_holding(lua_State* L, const CheckContext& ctx, int words_arg,
                                               Search search, const Keep& keep = {}) {
  HitScan scan(L, ctx, words_arg, search, keep.wanted);
  return first_hits(scan, keep.limit);
}

void push_block_hits(lua_State* L, const CheckContext& ctx,
                     const std::vector<AnswerReading::Hit>& hits) {
  lua_createtable(L, static_cast<int>(hits.size()), 0);
  lua_Integer n = 0;
  for (const auto& h : hits) {
    push_block_hit(L, ctx, h.block, h.line);
    lua_rawseti(L, -2, ++n);
  }
}

// The limit at `idx` of a search's options, `what` naming it for errors: a negative limit keeps
// nothing.
std::size_t check_limit(lua_State* L, int idx, const char* what) {
  int is_integer = 0;
  const lua_Integer n = lua_tointegerx(L, idx, &is_integer);
  if (!is_integer) luaL_error(L, "%s: an integer expected, got %s", what, luaL_typename(L, idx));
  return n < 0 ? 0 : static_cast<std::size_t>(n);
}

// Accepts the blocks whose text holds a word of every list from the `first` on. Testing a
// block's text is far cheaper than reading its sentences, so searches test it first.
std::function<bool(int block)> holding_words(const CheckContext& ctx, const LoweredLists& lists,
                                             std::size_t first) {
  auto verdicts = std::make_shared<std::vector<signed char>>(ctx.doc.blocks.size(), -1);
  return [&ctx, &lists, first, verdicts](int block) {
    signed char& verdict = (*verdicts)[static_cast<std::size_t>(block)];
    if (verdict < 0) verdict = lists.all_in_lower(ctx.reading->lower_block(block), first);
    return verdict == 1;
  };
}

// Accepts the blocks of the kinds named in the list at `idx` ("table_row", "code" ...).
std::function<bool(int block)> check_kinds(lua_State* L, int idx, const CheckContext& ctx) {
  if (!lua_istable(L, idx))
    luaL_error(L, "options.kinds: a list of block kinds expected, got %s", luaL_typename(L, idx));
  std::vector<std::string_view> views;
  ConvertedWords converted;
  read_word_views(L, idx, views, converted, 0);
  return [&ctx, names = std::vector<std::string>(views.begin(), views.end())](int block) {
    const std::string_view kind =
        text::to_string(ctx.doc.blocks[static_cast<std::size_t>(block)].kind);
    return std::find(names.begin(), names.end(), kind) != names.end();
  };
}

// The words of `options.with`, at `idx`.
WordLists check_with(lua_State* L, int idx) {
  if (!lua_istable(L, idx))
    luaL_error(L, "options.with: a list of words expected, got %s", luaL_typename(L, idx));
  WordLists words;
  read_word_views(L, idx, words.lists.emplace_back(), words.converted, 0);
  return words;
}

// Accepts the blocks both filters accept; an empty filter accepts every block.
std::function<bool(int block)> both(std::function<bool(int block)> a,
                                    std::function<bool(int block)> b) {
  if (!a) return b;
  if (!b) return a;
  return [a = std::move(a), b = std::move(b)](int block) { return a(block) && b(block); };
}

// said_any / found_any / structured_any(answer, words, options): `options` is a limit, keeping
// only the first hits (groups_score reads one per group), or `{ limit, kinds, with }`, `kinds`
// keeping the hits in blocks of those kinds and `with` those in blocks containing one of its
// words, as filtering the whole result would (the search reads no block they rule out).
int search_blocks(lua_State* L, Search search) {
  luaL_checktype(L, 1, LUA_TTABLE);
  const CheckContext& ctx = answer_of(L);
  Keep keep;
  std::optional<LoweredLists> with;  // held while the search tests blocks against it
  if (lua_istable(L, 3)) {
    if (lua_getfield(L, 3, "limit") != LUA_TNIL)
      keep.limit = check_limit(L, lua_gettop(L), "options.limit");
    lua_pop(L, 1);
    if (lua_getfield(L, 3, "kinds") != LUA_TNIL) keep.wanted = check_kinds(L, lua_gettop(L), ctx);
    lua_pop(L, 1);
    if (lua_getfield(L, 3, "with") != LUA_TNIL) {
      with.emplace(check_with(L, lua_gettop(L)));
      keep.wanted = both(std::move(keep.wanted), holding_words(ctx, *with, 0));
    }
    lua_pop(L, 1);
  } else if (!lua_isnoneornil(L, 3)) {
    keep.limit = static_cast<std::size_t>(std::max<lua_Integer>(luaL_checkinteger(L, 3), 0));
  }
  push_block_hits(L, ctx, blocks_holding(L, ctx, 2, search, keep));
  return 1;
}

// said_lines(answer, words, limit) -> the hits of answer.said for each of the words, one per line
// (the first word's), sorted by line, and how many there are; with a number `limit`, only the
// first `limit` hits are returned (the count is of them all).
int said_lines(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  const CheckContext& ctx = answer_of(L);
  luaL_checktype(L, 2, LUA_TTABLE);
  const std::size_t limit =
      lua_isnoneornil(L, 3) ? static_cast<std::size_t>(-1) : check_limit(L, 3, "limit");
  std::vector<std::string_view> words;
  ConvertedWords converted;
  read_word_views(L, 2, words, converted, 0);
  std::vector<AnswerReading::Hit> hits;
  for (const auto word : words) {
    for (const auto& h : ctx.reading->find(reading::lower(word), true)) {
      const bool seen = std::any_of(hits.begin(), hits.end(),
                                    [&](const AnswerReading::Hit& o) { return o.line == h.line; });
      if (!seen) hits.push_back(h);
    }
  }
  std::stable_sort(hits.begin(), hits.end(),
                   [](const auto& a, const auto& b) { return a.line < b.line; });
  const auto count = static_cast<lua_Integer>(hits.size());
  if (hits.size() > limit) hits.resize(limit);
  push_block_hits(L, ctx, hits);
  lua_pushinteger(L, count);
  return 2;
}

// said_each(answer, words) -> how many of the words the answer states, and the first hit of each
// (as said_any(answer, { word }, 1) finds it), sorted by line, ties in the order of the words.
int said_each(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  const CheckContext& ctx = answer_of(L);
  const std::vector<std::string_view>& words = check_word_views(L, 2);
  std::vector<AnswerReading::Hit> hits;
  std::vector<std::string_view> one(1);
  for (const std::string_view word : words) {
    one.front() = word;
    HitScan scan(ctx, one, Search::Said);
    if (const auto hit = scan.next()) hits.push_back(*hit);
  }
  std::stable_sort(hits.begin(), hits.end(),
                   [](const auto& a, const auto& b) { return a.line < b.line; });
  lua_pushinteger(L, static_cast<lua_Integer>(hits.size()));
  push_block_hits(L, ctx, hits);
  return 2;
}

// The word lists passed as arguments `first` to `last`, numbered in errors from `first_number`.
WordLists check_lists(lua_State* L, int first, int last, int first_number = 1) {
  WordLists out;
  for (int i = first; i <= last; ++i) {
    luaL_checktype(L, i, LUA_TTABLE);
    read_word_views(L, i, out.lists.emplace_back(), out.converted, i - first + first_number);
  }
  return out;
}

// The word lists after the first (arguments 3 to `last`), which the blocks found for the first
// must hold too; errors number them from 2.
LoweredLists check_other_lists(lua_State* L, int last) {
  return LoweredLists(check_lists(L, 3, last, 2));
}

// The limit a search over word lists takes as its last argument (after the third), if it is a
// number; `last` becomes the last list's argument.
std::size_t trailing_limit(lua_State* L, int& last) {
  last = lua_gettop(L);
  if (last <= 2 || lua_type(L, last) != LUA_TNUMBER) return static_cast<std::size_t>(-1);
  const lua_Integer n = luaL_checkinteger(L, last--);
  return n < 0 ? 0 : static_cast<std::size_t>(n);
}

// said_in_block(answer, list1, list2, ..., limit) -> the prose blocks (as Search::Prose finds
// them for list1) that hold a word of every list; with a number `limit` last, the first `limit`.
int said_in_block(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  const CheckContext& ctx = answer_of(L);
  int last = 0;
  const std::size_t limit = trailing_limit(L, last);
  // The first list is read (and reported on) first, as a search for it alone reads it.
  HitScan scan(L, ctx, 2, Search::Prose);
  const LoweredLists others = check_other_lists(L, last);
  scan.keep_only(holding_words(ctx, others, 0));
  push_block_hits(L, ctx, first_hits(scan, limit));
  return 1;
}

// said_together(answer, list1, list2, ..., limit) -> { { line, text } ... }: the sentences of the
// prose blocks holding a word of list1 that hold a word of every list and are neither a question
// nor a term list, sorted by line; with a number `limit` last, only the first `limit` of them. A
// sentence's line is where the answer has its text in that block.
int said_together(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  const CheckContext& ctx = answer_of(L);
  AnswerReading& r = *ctx.reading;
  int last = 0;
  const std::size_t limit = trailing_limit(L, last);
  HitScan scan(L, ctx, 2, Search::Prose);
  const LoweredLists others = check_other_lists(L, last);
  scan.keep_only(holding_words(ctx, others, 0));
  struct Found {
    int line;
    std::string_view text;
  };
  std::vector<Found> out;
  // Whether no sentence a block left to read gives can come before the first `limit` found: a
  // block's sentences are on its own lines.
  const auto complete = [&] {
    if (out.size() < limit) return false;
    std::vector<int> lines;
    for (const auto& f : out) lines.push_back(f.line);
    std::nth_element(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(limit - 1),
                     lines.end());
    return scan.first_line_left() >= lines[limit - 1];
  };
  while (limit > 0 && !complete()) {
    const auto hit = scan.next();
    if (!hit) break;
    const std::string_view text = ctx.doc.blocks[static_cast<std::size_t>(hit->block)].text;
    // Every hit's block holds a word of every list (the first one's in a sentence it states):
    // only its sentences need reading, as the search has already split them.
    const int holder = r.block_at_line(hit->line);
    int line = holder >= 0 ? ctx.doc.blocks[static_cast<std::size_t>(holder)].line : hit->line;
    std::size_t counted = 0;
    for (auto& sentence : r.sentences(hit->block)) {
      line += static_cast<int>(
          std::count(text.begin() + static_cast<std::ptrdiff_t>(counted),
                     text.begin() + static_cast<std::ptrdiff_t>(sentence.offset()), '\n'));
      counted = sentence.offset();
      const std::string_view piece_low = sentence.lower();
      const bool holds_first = std::any_of(
          scan.words().begin(), scan.words().end(),
          [&](std::string_view w) { return find_in(piece_low, w) != std::string_view::npos; });
      if (!holds_first || !others.all_in_lower(piece_low) || !sentence.plain()) continue;
      const std::string_view piece_text = text.substr(sentence.offset(), piece_low.size());
      // Block texts join wrapped lines: the line is where the sentence's text starts.
      int at = line;
      for (const auto& f : r.find(piece_low, false)) {
        if (r.block_at_line(f.line) == holder) {
          at = f.line;
          break;
        }
      }
      out.push_back({at, piece_text});
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Found& a, const Found& b) { return a.line < b.line; });
  if (out.size() > limit) out.resize(limit);
  lua_createtable(L, static_cast<int>(out.size()), 0);
  lua_Integer n = 0;
  for (const auto& f : out) {
    lua_createtable(L, 0, 2);
    lua_pushinteger(L, f.line);
    lua_setfield(L, -2, "line");
    lua_pushlstring(L, f.text.data(), f.text.size());
    lua_setfield(L, -2, "text");
    lua_rawseti(L, -2, ++n);
  }
  return 1;
}

// Pushes a use's credit as helpers.lua's CREDIT table holds it: 1 and 0 are integers.
void push_credit(lua_State* L, Use use) {
  if (use == Use::Reasoned) {
    lua_pushinteger(L, 1);
  } else {
    lua_pushnumber(L, credit_for(use));
  }
}

// best_use(answer, ids, words) -> { use, line, text, credit } | nil, credit: the best use of any
// of the concepts (every mention read as `answer.concepts` gives it: negated ones, headings and
// questions earn nothing, a term list is only a bare use), ties to the earlier id and mention;
// when that is weaker than "used" and `words` is given, the first `said_any` hit of them counts
// as a plain use.
int best_use(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, 2, LUA_TTABLE);
  const CheckContext& ctx = answer_of(L);
  const Analysis& a = ctx.analysis;
  std::vector<int> wanted;  // the concepts of `ids`, in order
  for (lua_Integer i = 1;; ++i) {
    if (lua_geti(L, 2, i) == LUA_TNIL) {
      lua_pop(L, 1);
      break;
    }
    const char* id = lua_tostring(L, -1);
    if (id == nullptr)
      return luaL_error(L, "bad concept id #%d: a string expected, got %s", static_cast<int>(i),
                        luaL_typename(L, -1));
    const int c = ctx.index.find(id);
    if (c < 0) return luaL_error(L, "concept '%s' is not in the glossary", id);
    lua_pop(L, 1);
    wanted.push_back(c);
  }
  // The mentions that can count, each at the first id it mentions (by implication), in the order
  // "ties go to the earlier id, then the earlier mention" reads them: a mention met again under a
  // later id cannot beat itself.
  struct Candidate {
    std::size_t id;
    const ConceptHit* hit;  // into the answer's hits, so ordered as they are
  };
  std::vector<Candidate> candidates;
  const CountingMentions& mentions = counting_mentions_by_implied(ctx);
  // Each group of mentions counts at the first id its concept implies.
  std::vector<bool> taken(mentions.concepts.size(), false);
  for (std::size_t id = 0; id < wanted.size(); ++id) {
    const auto c = static_cast<std::size_t>(wanted[id]);
    for (std::size_t k = mentions.implying_starts[c]; k < mentions.implying_starts[c + 1]; ++k) {
      const std::size_t g = mentions.implying[k];
      if (taken[g]) continue;
      taken[g] = true;
      for (std::size_t m = mentions.starts[g]; m < mentions.starts[g + 1]; ++m)
        candidates.push_back({id, mentions.hits[m]});
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
    return x.id != y.id ? x.id < y.id : std::less<const ConceptHit*>()(x.hit, y.hit);
  });
  bool found = false;
  Use best = Use::Heading;
  int best_line = 0;
  std::string best_text;
  for (const Candidate& candidate : candidates) {
    const ConceptHit& h = *candidate.hit;
    // Reading the sentence can only lower a use (to bare): skip a use that cannot win anyway.
    if (found && credit_for(h.use) <= credit_for(best)) continue;
    Use use = h.use;
    std::string text;
    if (use != Use::Bare) {
      text = a.sentence_text(h.sentence);
      if (reading::term_list(text)) use = Use::Bare;
    }
    if (found && credit_for(use) <= credit_for(best)) continue;
    found = true;
    best = use;
    best_line = h.line;
    best_text = use == Use::Bare && text.empty() ? a.sentence_text(h.sentence) : std::move(text);
  }
  if (lua_toboolean(L, 3) && (!found || credit_for(best) < credit_for(Use::Used))) {
    const std::vector<AnswerReading::Hit> hits =
        blocks_holding(L, ctx, 3, Search::Said, {.limit = 1, .wanted = {}});
    if (!hits.empty()) {
      found = true;
      best = Use::Used;
      best_line = hits.front().line;
      best_text = ctx.doc.blocks[static_cast<std::size_t>(hits.front().block)].text;
    }
  }
  if (!found) {
    lua_pushnil(L);
    lua_pushinteger(L, 0);
    return 2;
  }
  lua_createtable(L, 0, 4);
  const char* name = use_name(best);
  lua_pushstring(L, name);
  lua_setfield(L, -2, "use");
  lua_pushinteger(L, best_line);
  lua_setfield(L, -2, "line");
  lua_pushlstring(L, best_text.data(), best_text.size());
  lua_setfield(L, -2, "text");
  push_credit(L, best);
  lua_setfield(L, -2, "credit");
  push_credit(L, best);
  return 2;
}

int said_any(lua_State* L) {
  return search_blocks(L, Search::Said);
}
int found_any(lua_State* L) {
  return search_blocks(L, Search::Found);
}
int structured_any(lua_State* L) {
  return search_blocks(L, Search::Structured);
}

// best_block(answer, groups, options) -> block, count | nil, 0: the block (an `answer.blocks`
// entry, never a heading or a question) holding words of the most groups, the earliest on a tie;
// `options.join_table_rows` reads a table's consecutive rows as one block.
int best_block(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  const CheckContext& ctx = answer_of(L);
  const WordLists groups = check_groups(L, 2);
  bool join_table_rows = false;
  if (!lua_isnoneornil(L, 3)) {
    luaL_checktype(L, 3, LUA_TTABLE);
    lua_getfield(L, 3, "join_table_rows");
    join_table_rows = lua_toboolean(L, -1) != 0;
    lua_pop(L, 1);
  }
  const BestBlock best = grade::best_block(*ctx.reading, groups.lists, join_table_rows);
  if (best.groups == 0) {
    lua_pushnil(L);
    lua_pushinteger(L, 0);
    return 2;
  }
  push_answer_block(L, ctx, best.run.first, best.run.last);
  lua_pushinteger(L, best.groups);
  return 2;
}

// blocks_with(answer, words) -> the `answer.blocks` entries (headings excluded) containing any of
// the words, in answer order
int blocks_with(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  const CheckContext& ctx = answer_of(L);
  const std::vector<int> blocks = grade::blocks_with(*ctx.reading, check_word_views(L, 2));
  lua_createtable(L, static_cast<int>(blocks.size()), 0);
  lua_Integer n = 0;
  for (const int b : blocks) {
    push_answer_block(L, ctx, b, b);
    lua_rawseti(L, -2, ++n);
  }
  return 1;
}

// block_index(answer, line) -> the index into answer.blocks of the block holding the line, or nil
int block_index(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  const lua_Integer line = luaL_checkinteger(L, 2);
  const CheckContext& ctx = answer_of(L);
  if (line < 0 || line > INT32_MAX) return 0;
  const int block = ctx.reading->block_at_line(static_cast<int>(line));
  if (block < 0) return 0;
  lua_pushinteger(L, block + 1);
  return 1;
}

}  // namespace

int push_reading_library(lua_State* L) {
  static const luaL_Reg functions[] = {{"is_question", is_question},
                                       {"term_list", term_list},
                                       {"affirms", affirms},
                                       {"contains_any", contains_any},
                                       {"count_any", count_any},
                                       {"sentences_of", sentences_of},
                                       {"said_any", said_any},
                                       {"found_any", found_any},
                                       {"structured_any", structured_any},
                                       {"said_together", said_together},
                                       {"best_use", best_use},
                                       {"said_in_block", said_in_block},
                                       {"block_index", block_index},
                                       {"best_block", best_block},
                                       {"blocks_with", blocks_with},
                                       {"said_lines", said_lines},
                                       {"said_each", said_each},
                                       {"asked", answer_asked},
                                       {"asked_each", answer_asked_each},
                                       {nullptr, nullptr}};
  luaL_newlibtable(L, functions);
  push_answer_box(L);
  luaL_setfuncs(L, functions, 1);
  return 1;
}

}  // namespace sdi::grade
