#include "quantity/vocab.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <utility>
#include <vector>

#include "quantity/unit.hpp"
#include "quantity/word_table.hpp"

namespace sdi::quantity::detail {

namespace {

constexpr double kDay = 86400;
constexpr double kBit = 1.0 / 8;

using N = UnitNote;

// word, symbol, factor, bytes, time, bits, exact_case, note
constexpr UnitDef kUnits[] = {
    // information, decimal prefixes (KB = 1000 B)
    {"B", "B", 1, 1, 0, false, true, N::None},
    {"KB", "KB", 1e3, 1, 0, false, true, N::None},
    {"kB", "KB", 1e3, 1, 0, false, true, N::None},
    {"MB", "MB", 1e6, 1, 0, false, true, N::None},
    {"GB", "GB", 1e9, 1, 0, false, true, N::None},
    {"TB", "TB", 1e12, 1, 0, false, true, N::None},
    {"PB", "PB", 1e15, 1, 0, false, true, N::None},
    {"EB", "EB", 1e18, 1, 0, false, true, N::None},
    // all-lowercase slips mean bytes ("100gb", "3tb", "500kb/sec")
    {"kb", "KB", 1e3, 1, 0, false, true, N::LowercaseBytes},
    {"mb", "MB", 1e6, 1, 0, false, true, N::LowercaseBytes},
    {"gb", "GB", 1e9, 1, 0, false, true, N::LowercaseBytes},
    {"tb", "TB", 1e12, 1, 0, false, true, N::LowercaseBytes},
    {"pb", "PB", 1e15, 1, 0, false, true, N::LowercaseBytes},
    // uppercase prefix + lowercase b: bits
    {"Kb", "Kb", 1e3 * kBit, 1, 0, true, true, N::Bits},
    {"Mb", "Mb", 1e6 * kBit, 1, 0, true, true, N::Bits},
    {"Gb", "Gb", 1e9 * kBit, 1, 0, true, true, N::Bits},
    {"Tb", "Tb", 1e12 * kBit, 1, 0, true, true, N::Bits},
    {"Pb", "Pb", 1e15 * kBit, 1, 0, true, true, N::Bits},
    // binary prefixes (KiB = 1024 B)
    {"KiB", "KiB", 1024.0, 1, 0, false, false, N::None},
    {"MiB", "MiB", 1048576.0, 1, 0, false, false, N::None},
    {"GiB", "GiB", 1073741824.0, 1, 0, false, false, N::None},
    {"TiB", "TiB", 1099511627776.0, 1, 0, false, false, N::None},
    {"PiB", "PiB", 1125899906842624.0, 1, 0, false, false, N::None},
    {"EiB", "EiB", 1152921504606846976.0, 1, 0, false, false, N::None},
    // spelled out
    {"byte", "B", 1, 1, 0, false, false, N::None},
    {"bytes", "B", 1, 1, 0, false, false, N::None},
    {"kilobyte", "KB", 1e3, 1, 0, false, false, N::None},
    {"kilobytes", "KB", 1e3, 1, 0, false, false, N::None},
    {"megabyte", "MB", 1e6, 1, 0, false, false, N::None},
    {"megabytes", "MB", 1e6, 1, 0, false, false, N::None},
    {"gigabyte", "GB", 1e9, 1, 0, false, false, N::None},
    {"gigabytes", "GB", 1e9, 1, 0, false, false, N::None},
    {"terabyte", "TB", 1e12, 1, 0, false, false, N::None},
    {"terabytes", "TB", 1e12, 1, 0, false, false, N::None},
    {"petabyte", "PB", 1e15, 1, 0, false, false, N::None},
    {"petabytes", "PB", 1e15, 1, 0, false, false, N::None},
    {"exabyte", "EB", 1e18, 1, 0, false, false, N::None},
    {"exabytes", "EB", 1e18, 1, 0, false, false, N::None},
    {"bit", "bits", kBit, 1, 0, true, false, N::None},
    {"bits", "bits", kBit, 1, 0, true, false, N::None},
    {"kbit", "Kb", 1e3 * kBit, 1, 0, true, false, N::None},
    {"kbits", "Kb", 1e3 * kBit, 1, 0, true, false, N::None},
    {"kilobit", "Kb", 1e3 * kBit, 1, 0, true, false, N::None},
    {"kilobits", "Kb", 1e3 * kBit, 1, 0, true, false, N::None},
    {"mbit", "Mb", 1e6 * kBit, 1, 0, true, false, N::None},
    {"mbits", "Mb", 1e6 * kBit, 1, 0, true, false, N::None},
    {"megabit", "Mb", 1e6 * kBit, 1, 0, true, false, N::None},
    {"megabits", "Mb", 1e6 * kBit, 1, 0, true, false, N::None},
    {"gbit", "Gb", 1e9 * kBit, 1, 0, true, false, N::None},
    {"gbits", "Gb", 1e9 * kBit, 1, 0, true, false, N::None},
    {"gigabit", "Gb", 1e9 * kBit, 1, 0, true, false, N::None},
    {"gigabits", "Gb", 1e9 * kBit, 1, 0, true, false, N::None},
    {"tbit", "Tb", 1e12 * kBit, 1, 0, true, false, N::None},
    {"terabit", "Tb", 1e12 * kBit, 1, 0, true, false, N::None},
    {"terabits", "Tb", 1e12 * kBit, 1, 0, true, false, N::None},
    // bit rates (any case: "bps" is always bits) and byte rates
    {"bps", "bps", kBit, 1, -1, true, false, N::None},
    {"kbps", "Kbps", 1e3 * kBit, 1, -1, true, false, N::None},
    {"mbps", "Mbps", 1e6 * kBit, 1, -1, true, false, N::None},
    {"gbps", "Gbps", 1e9 * kBit, 1, -1, true, false, N::None},
    {"tbps", "Tbps", 1e12 * kBit, 1, -1, true, false, N::None},
    {"Bps", "B/s", 1, 1, -1, false, true, N::None},
    {"KBps", "KB/s", 1e3, 1, -1, false, true, N::None},
    {"kBps", "KB/s", 1e3, 1, -1, false, true, N::None},
    {"MBps", "MB/s", 1e6, 1, -1, false, true, N::None},
    {"GBps", "GB/s", 1e9, 1, -1, false, true, N::None},
    {"TBps", "TB/s", 1e12, 1, -1, false, true, N::None},
    // time (abbreviations that collide with words are case-sensitive: "US", "MS", "H")
    {"ns", "ns", 1e-9, 0, 1, false, true, N::None},
    {"nsec", "ns", 1e-9, 0, 1, false, false, N::None},
    {"nanosecond", "ns", 1e-9, 0, 1, false, false, N::None},
    {"nanoseconds", "ns", 1e-9, 0, 1, false, false, N::None},
    {"us", "\xC2\xB5s", 1e-6, 0, 1, false, true, N::None},
    {"\xC2\xB5s", "\xC2\xB5s", 1e-6, 0, 1, false, true, N::None},
    {"\xCE\xBCs", "\xC2\xB5s", 1e-6, 0, 1, false, true, N::None},
    {"usec", "\xC2\xB5s", 1e-6, 0, 1, false, false, N::None},
    {"microsecond", "\xC2\xB5s", 1e-6, 0, 1, false, false, N::None},
    {"microseconds", "\xC2\xB5s", 1e-6, 0, 1, false, false, N::None},
    {"ms", "ms", 1e-3, 0, 1, false, true, N::None},
    {"msec", "ms", 1e-3, 0, 1, false, false, N::None},
    {"msecs", "ms", 1e-3, 0, 1, false, false, N::None},
    {"millisecond", "ms", 1e-3, 0, 1, false, false, N::None},
    {"milliseconds", "ms", 1e-3, 0, 1, false, false, N::None},
    {"s", "s", 1, 0, 1, false, true, N::None},
    {"sec", "s", 1, 0, 1, false, false, N::None},
    {"secs", "s", 1, 0, 1, false, false, N::None},
    {"second", "s", 1, 0, 1, false, false, N::None},
    {"seconds", "s", 1, 0, 1, false, false, N::None},
    {"min", "min", 60, 0, 1, false, false, N::None},
    {"mins", "min", 60, 0, 1, false, false, N::None},
    {"minute", "min", 60, 0, 1, false, false, N::None},
    {"minutes", "min", 60, 0, 1, false, false, N::None},
    {"h", "h", 3600, 0, 1, false, true, N::None},
    {"hr", "h", 3600, 0, 1, false, false, N::None},
    {"hrs", "h", 3600, 0, 1, false, false, N::None},
    {"hour", "h", 3600, 0, 1, false, false, N::None},
    {"hours", "h", 3600, 0, 1, false, false, N::None},
    {"d", "day", kDay, 0, 1, false, true, N::None},
    {"day", "day", kDay, 0, 1, false, false, N::None},
    {"days", "day", kDay, 0, 1, false, false, N::None},
    {"wk", "week", 7 * kDay, 0, 1, false, false, N::Week},
    {"wks", "week", 7 * kDay, 0, 1, false, false, N::Week},
    {"week", "week", 7 * kDay, 0, 1, false, false, N::Week},
    {"weeks", "week", 7 * kDay, 0, 1, false, false, N::Week},
    {"mo", "month", 30 * kDay, 0, 1, false, false, N::Month},
    {"mos", "month", 30 * kDay, 0, 1, false, false, N::Month},
    {"mth", "month", 30 * kDay, 0, 1, false, false, N::Month},
    {"mths", "month", 30 * kDay, 0, 1, false, false, N::Month},
    {"month", "month", 30 * kDay, 0, 1, false, false, N::Month},
    {"months", "month", 30 * kDay, 0, 1, false, false, N::Month},
    {"yr", "year", 365 * kDay, 0, 1, false, false, N::Year},
    {"yrs", "year", 365 * kDay, 0, 1, false, false, N::Year},
    {"year", "year", 365 * kDay, 0, 1, false, false, N::Year},
    {"years", "year", 365 * kDay, 0, 1, false, false, N::Year},
    // event rates
    {"qps", "/s", 1, 0, -1, false, false, N::PerSecond},
    {"rps", "/s", 1, 0, -1, false, false, N::PerSecond},
    {"tps", "/s", 1, 0, -1, false, false, N::PerSecond},
};

// word, factor, exact_case, spaced_ok, ambiguous_b, note
constexpr ScaleDef kScales[] = {
    {"K", 1e3, true, true, false, ""},
    {"k", 1e3, true, true, false, ""},
    {"M", 1e6, true, true, false, ""},
    {"MM", 1e6, true, false, false, ""},
    {"m", 1e6, true, false, false, "'m' read as million"},
    {"B", 1e9, true, true, true, ""},
    {"b", 1e9, true, false, false, "'b' read as billion"},
    {"bn", 1e9, false, true, false, ""},
    {"T", 1e12, true, true, false, ""},
    {"tn", 1e12, false, true, false, ""},
    {"hundred", 1e2, false, true, false, ""},
    {"thousand", 1e3, false, true, false, ""},
    {"million", 1e6, false, true, false, ""},
    {"mil", 1e6, false, true, false, ""},
    {"mill", 1e6, false, true, false, ""},
    {"mln", 1e6, false, true, false, ""},
    {"billion", 1e9, false, true, false, ""},
    {"bil", 1e9, false, true, false, ""},
    {"bill", 1e9, false, false, false, ""},
    {"bln", 1e9, false, true, false, ""},
    {"trillion", 1e12, false, true, false, ""},
    {"tril", 1e12, false, true, false, ""},
};

constexpr std::string_view kNouns[] = {
    "user",         "dau",          "mau",       "wau",         "tweet",      "post",
    "request",      "req",          "query",     "read",        "write",      "message",
    "msg",          "view",         "click",     "photo",       "image",      "picture",
    "pic",          "video",        "clip",      "file",        "url",        "link",
    "event",        "log",          "record",    "row",         "item",       "object",
    "order",        "transaction",  "txn",       "session",     "connection", "upload",
    "download",     "like",         "comment",   "follower",    "followee",   "follow",
    "friend",       "notification", "search",    "server",      "machine",    "node",
    "host",         "instance",     "shard",     "partition",   "replica",    "op",
    "operation",    "call",         "hit",       "visit",       "visitor",    "pageview",
    "impression",   "ad",           "document",  "doc",         "chat",       "conversation",
    "group",        "ride",         "trip",      "driver",      "rider",      "customer",
    "account",      "device",       "sensor",    "metric",      "key",        "entry",
    "paste",        "packet",       "job",       "task",        "ticket",     "booking",
    "reservation",  "payment",      "stream",    "song",        "track",      "chunk",
    "block",        "page",         "character", "char",        "word",       "person",
    "member",       "subscriber",   "listener",  "viewer",      "player",     "game",
    "reaction",     "share",        "retweet",   "reply",       "story",      "status",
    "update",       "feed",         "timeline",  "fetch",       "lookup",     "redirect",
    "hash",         "core",         "cpu",       "vcpu",        "thread",     "worker",
    "container",    "pod",          "region",    "datacenter",  "rack",       "disk",
    "drive",        "ssd",          "hdd",       "cluster",     "broker",     "topic",
    "consumer",     "producer",     "queue",     "lock",        "token",      "id",
    "vote",         "bid",          "listing",   "product",     "review",     "rating",
    "restaurant",   "merchant",     "seller",    "buyer",       "delivery",   "location",
    "ping",         "heartbeat",    "email",     "sms",         "alert",      "crawl",
    "domain",       "site",         "website",   "webpage",     "dollar",     "usd",
    "cent",         "time",         "hashtag",   "mention",     "thumbnail",  "attachment",
    "endpoint",     "tenant",       "app",       "application", "service",    "microservice",
    "table",        "column",       "index",     "segment",     "batch",      "frame",
    "creator",      "author",       "writer",    "reader",      "recipient",  "sender",
    "participant",  "contact",      "phone",     "vehicle",     "car",        "article",
    "blog",         "question",     "answer",    "bucket",      "put",        "get",
    "insert",       "delete",       "mutation",  "commit",      "push",       "publish",
    "subscription", "match",        "swipe",     "profile",     "cart",       "purchase",
    "invoice",      "transfer",     "shortlink", "alias",       "box",        "replication",
    "copy",         "counter",      "increment", "checkin",     "unit",       "component",
    "box",          "machine",      "step",      "pixel",       "sample",     "span",
    "trace",        "screenshot",   "emoji",     "sticker",     "dm",         "room",
    "channel",      "guild",        "cdn",       "edge",        "pop",        "gpu",
    "socket",       "websocket",    "poll",
};

constexpr std::string_view kModifiers[] = {
    "active",     "daily",      "monthly",     "weekly",     "concurrent",  "simultaneous",
    "unique",     "new",        "total",       "peak",       "average",     "avg",
    "online",     "registered", "paying",      "premium",    "free",        "inbound",
    "outbound",   "incoming",   "outgoing",    "additional", "extra",       "more",
    "distinct",   "hot",        "cold",        "live",       "global",      "mobile",
    "web",        "direct",     "private",     "public",     "external",    "internal",
    "original",   "returning",  "paid",        "small",      "large",       "big",
    "primary",    "secondary",  "backup",      "full",       "raw",         "compressed",
    "short",      "long",       "api",         "http",       "db",          "database",
    "cache",      "media",      "text",        "voice",      "redis",       "kafka",
    "mysql",      "cassandra",  "postgres",    "nodejs",     "application", "storage",
    "app",        "read-only",  "write-heavy", "distinct",   "open",        "idle",
    "successful", "failed",     "unread",      "pending",    "duplicate",   "cached",
    "uncached",   "sharded",
};

constexpr std::string_view kStopwords[] = {
    "and",        "or",
    "but",        "nor",
    "the",        "a",
    "an",         "of",
    "per",        "each",
    "every",      "in",
    "on",         "at",
    "to",         "for",
    "with",       "by",
    "from",       "is",
    "are",        "was",
    "were",       "be",
    "been",       "being",
    "so",         "then",
    "than",       "that",
    "this",       "these",
    "those",      "which",
    "who",        "whom",
    "whose",      "we",
    "i",          "it",
    "its",        "our",
    "their",      "they",
    "you",        "your",
    "he",         "she",
    "his",        "her",
    "if",         "as",
    "into",       "over",
    "under",      "about",
    "approx",     "approximately",
    "roughly",    "around",
    "up",         "down",
    "out",        "via",
    "vs",         "versus",
    "will",       "would",
    "can",        "could",
    "should",     "may",
    "might",      "must",
    "need",       "needs",
    "needed",     "take",
    "takes",      "give",
    "gives",      "get",
    "gets",       "means",
    "mean",       "i.e",
    "e.g",        "etc",
    "where",      "when",
    "while",      "after",
    "before",     "since",
    "until",      "only",
    "just",       "also",
    "not",        "no",
    "yes",        "all",
    "any",        "some",
    "most",       "less",
    "fewer",      "same",
    "other",      "another",
    "such",       "very",
    "too",        "there",
    "here",       "what",
    "how",        "why",
    "has",        "have",
    "had",        "do",
    "does",       "did",
    "x",          "within",
    "across",     "between",
    "among",      "along",
    "through",    "during",
    "without",    "against",
    "toward",     "towards",
    "upon",       "like",
    "unlike",     "plus",
    "minus",      "divided",
    "multiplied", "gives",
    "equals",     "making",
    "make",       "makes",
    "so",         "hence",
    "thus",       "therefore",
    "because",    "though",
    "although",   "assume",
    "assuming",   "say",
    "says",       "let",
    "lets",       "let's",
    "which",      "now",
    "still",      "already",
    "even",       "ever",
};

constexpr std::string_view kKeywords[] = {
    "per",           "a",       "an",     "each",    "every",   "over",   "for",    "in",
    "within",        "to",      "as",     "x",       "X",       "and",    "or",     "of",
    "the",           "from",    "into",   "at",      "is",      "are",    "by",     "with",
    "than",          "between", "up",     "next",    "last",    "past",   "about",  "approx",
    "approximately", "roughly", "around", "circa",   "ca",      "nearly", "almost", "under",
    "below",         "above",   "max",    "maximum", "minimum", "least",  "most",   "more",
    "less",          "fewer",   "no",     "percent", "pct",
};

// Units by their spelling, as written and (for those that match in any case) in lowercase, and
// by their canonical symbol; scales likewise.
template <std::size_t Slots, typename Def, std::size_t N, typename Key, typename Wanted>
constexpr WordTable<Slots> table_of(const Def (&defs)[N], Key key, Wanted wanted) {
  WordTable<Slots> t;
  for (std::size_t i = 0; i < N; ++i)
    if (wanted(defs[i])) t.add(key(defs[i]), static_cast<std::uint16_t>(i));
  return t;
}

constexpr auto kUnitWord = [](const UnitDef& u) { return u.word; };
constexpr auto kUnitSymbol = [](const UnitDef& u) { return u.symbol; };
constexpr auto kScaleWord = [](const ScaleDef& s) { return s.word; };
constexpr auto kAny = [](const auto&) { return true; };
constexpr auto kAnyCase = [](const auto& def) { return !def.exact_case; };  // listed in lowercase

constexpr auto kUnitExact = table_of<256>(kUnits, kUnitWord, kAny);
constexpr auto kUnitAnyCase = table_of<256>(kUnits, kUnitWord, kAnyCase);
constexpr auto kUnitBySymbol = table_of<128>(kUnits, kUnitSymbol, kAny);
constexpr auto kScaleExact = table_of<64>(kScales, kScaleWord, kAny);
constexpr auto kScaleAnyCase = table_of<64>(kScales, kScaleWord, kAnyCase);
constexpr auto kNounTable = word_table<1024>(kNouns);
constexpr auto kModifierTable = word_table<256>(kModifiers);
constexpr auto kStopwordTable = word_table<512>(kStopwords);
constexpr auto kKeywordTable = word_table<128>(kKeywords);

char lower_ascii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

template <std::size_t Slots, typename Def, std::size_t N>
const Def* def_of(const WordTable<Slots>& table, const Def (&defs)[N], std::string_view word) {
  std::uint16_t i = table.find(word);
  return i == WordTable<Slots>::kAbsent ? nullptr : &defs[i];
}

// A word in lowercase on the stack, for looking it up without a heap string; words longer than
// 24 bytes are in no table.
class Lowered {
 public:
  explicit Lowered(std::string_view w) : n_(w.size() <= sizeof(buf_) ? w.size() : 0) {
    for (std::size_t i = 0; i < n_; ++i) {
      char c = w[i];
      buf_[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  std::string_view view() const { return {buf_, n_}; }

 private:
  char buf_[24];
  std::size_t n_;
};

}  // namespace

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

const UnitDef* find_unit(std::string_view word) {
  if (const UnitDef* u = def_of(kUnitExact, kUnits, word)) return u;
  if (word.empty() || word.size() > 16) return nullptr;
  // Most words asked about are no unit: the length and first letter turn them away before the
  // word is lowercased (a binary prefix, "kib", is matched below, not in the table).
  bool binary = word.size() == 3 && (word[1] | 0x20) == 'i' && (word[2] | 0x20) == 'b';
  if (!binary && !kUnitAnyCase.may_hold(word.size(), lower_ascii(word[0]))) return nullptr;
  Lowered lw(word);
  std::string_view l = lw.view();
  if (const UnitDef* u = def_of(kUnitAnyCase, kUnits, l)) return u;
  // binary prefixes: "kib", "GIB"
  if (l.size() == 3 && l[1] == 'i' && l[2] == 'b') {
    for (const auto& u : kUnits) {
      if (u.word.size() == 3 && u.word[1] == 'i' && lower(u.word) == l) return &u;
    }
  }
  return nullptr;
}

const UnitDef* find_symbol(std::string_view symbol) {
  return def_of(kUnitBySymbol, kUnits, symbol);
}

const ScaleDef* find_scale(std::string_view word) {
  if (const ScaleDef* s = def_of(kScaleExact, kScales, word)) return s;
  if (word.empty() || word.size() > 12 ||
      !kScaleAnyCase.may_hold(word.size(), lower_ascii(word[0])))
    return nullptr;
  Lowered l(word);
  return def_of(kScaleAnyCase, kScales, l.view());
}

namespace {

// The singular of a lowercase word of at most 24 bytes, in one piece for looking up: a view into
// the word when it only loses an ending, else spelt out here.
class SingularOf {
 public:
  explicit SingularOf(std::string_view lower_word) {
    SingularParts p = singular_parts(lower_word);
    if (p.tail.empty()) {
      view_ = p.head;
      return;
    }
    std::size_t n = p.head.size() + p.tail.size();  // never longer than the word
    std::copy(p.head.begin(), p.head.end(), buf_);
    std::copy(p.tail.begin(), p.tail.end(), buf_ + p.head.size());
    view_ = std::string_view(buf_, n);
  }
  std::string_view view() const { return view_; }

 private:
  char buf_[26];
  std::string_view view_;
};

}  // namespace

namespace {

// A lowercase word of at most 24 bytes as the noun tables see it.
struct NounReading {
  // Where the word, or its singular, is in the nouns, and the word in the modifiers (kAbsent
  // when not there).
  std::uint16_t noun_l, noun_s, modifier;
  std::string_view l, s;  // the word and its singular
};

// Where a lowercase word is in the nouns and in the modifiers: a word either may hold is hashed
// once for both.
struct NounAndModifier {
  std::uint16_t noun, modifier;
};
NounAndModifier find_noun_and_modifier(std::string_view l) {
  constexpr std::uint16_t kAbsent = WordTable<1024>::kAbsent;
  bool noun = kNounTable.may_hold(l.size(), l.empty() ? '\0' : l[0]);
  bool modifier = kModifierTable.may_hold(l.size(), l.empty() ? '\0' : l[0]);
  if (!noun && !modifier) return {kAbsent, kAbsent};
  std::uint32_t h = word_hash(l);
  return {noun ? kNounTable.find_hashed(l, h) : kAbsent,
          modifier ? kModifierTable.find_hashed(l, h) : kAbsent};
}

NounReading read_noun(const Lowered& lw, const SingularOf& singular_of) {
  NounReading r;
  r.l = lw.view();
  r.s = singular_of.view();
  NounAndModifier found = find_noun_and_modifier(r.l);
  r.noun_l = found.noun;
  r.modifier = found.modifier;
  // Most words are their own singular (the view is the word's): looked up once.
  bool same = r.s.data() == r.l.data() && r.s.size() == r.l.size();
  r.noun_s = same ? r.noun_l : kNounTable.find(r.s);
  return r;
}

constexpr std::uint16_t kAbsent = WordTable<1024>::kAbsent;

bool known(const NounReading& r) {
  return r.noun_l != kAbsent || r.modifier != kAbsent || r.noun_s != kAbsent;
}

// The tag of a known noun, as spelt in the word lists: a view that lives as long as the program.
std::string_view tag_of(const NounReading& r) {
  // A modifier used as the last word keeps its spelling ("nodejs", "active"): only nouns are
  // singularised.
  if (r.noun_s == kAbsent && r.noun_l == kAbsent) return kModifiers[r.modifier];
  std::string_view s = kNouns[r.noun_l != kAbsent && r.noun_s == kAbsent ? r.noun_l : r.noun_s];
  if (s == "req") return "request";
  if (s == "msg") return "message";
  if (s == "txn") return "transaction";
  if (s == "pic") return "photo";
  if (s == "doc") return "document";
  return s;
}

}  // namespace

bool is_known_noun(std::string_view word) {
  if (word.size() > 24) return false;
  Lowered lw(word);
  std::string_view l = lw.view();
  if (kNounTable.contains(l) || kModifierTable.contains(l)) return true;
  return kNounTable.contains(SingularOf(l).view());
}

std::string noun_tag(std::string_view word) {
  if (word.size() > 24) {
    // No table holds a word this long, nor its singular: the word is no noun.
    return lower(word);
  }
  Lowered lw(word);
  SingularOf singular_of(lw.view());
  NounReading r = read_noun(lw, singular_of);
  // A word in no list keeps its spelling, lowercased.
  return known(r) ? std::string(tag_of(r)) : std::string(r.l);
}

std::optional<std::string> known_noun_tag(std::string_view word) {
  std::string_view tag = known_noun_tag_view(word);
  if (tag.empty()) return std::nullopt;
  return std::string(tag);
}

std::string_view known_noun_tag_view(std::string_view word) {
  if (word.size() > 24) return {};
  Lowered lw(word);
  SingularOf singular_of(lw.view());
  NounReading r = read_noun(lw, singular_of);
  if (!known(r)) return {};
  return tag_of(r);
}

bool is_stopword(std::string_view word) {
  return contains_any_case(kStopwordTable, word);
}

bool is_keyword(std::string_view word) {
  return contains_any_case(kKeywordTable, word);
}

double rate_adverb_seconds(std::string_view word) {
  // Every adverb below has five to eight letters and ends in "ly".
  if (word.size() < 5 || word.size() > 8) return 0;
  if ((word.back() | 0x20) != 'y' || (word[word.size() - 2] | 0x20) != 'l') return 0;
  Lowered lowered(word);
  std::string_view l = lowered.view();
  if (l == "hourly") return 3600;
  if (l == "daily" || l == "nightly") return kDay;
  if (l == "weekly") return 7 * kDay;
  if (l == "monthly") return 30 * kDay;
  if (l == "yearly" || l == "annually") return 365 * kDay;
  return 0;
}

}  // namespace sdi::quantity::detail
