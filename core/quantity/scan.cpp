#include "quantity/scan.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>
#include <string_view>

#include "quantity/lexer.hpp"
#include "quantity/parser.hpp"
#include "quantity/vocab.hpp"
#include "quantity/word_table.hpp"

namespace sdi::quantity {

namespace {

using detail::Tok;
using detail::Token;

bool is_result_marker(Tok k) {
  return k == Tok::Eq || k == Tok::Approx || k == Tok::Implies || k == Tok::Arrow;
}

// Whether `w` in lowercase is the lowercase `lower`.
bool same_any_case(std::string_view lower, std::string_view w) {
  if (lower.size() != w.size()) return false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != lower[i]) return false;
  }
  return true;
}

// Whether `w` in lowercase is one of the (lowercase) words of `list`.
bool word_in(std::string_view w, std::initializer_list<std::string_view> list) {
  for (std::string_view x : list) {
    if (x.size() != w.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < w.size() && same; ++i) {
      char c = w[i];
      same = (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) == x[i];
    }
    if (same) return true;
  }
  return false;
}

// Numbers after these words name a part of something, not an amount ("Step 2", "Layer 7").
constexpr std::string_view kStructuralWordsList[] = {
    "step",     "steps",      "phase",      "part",     "section",  "chapter",  "figure",
    "fig",      "table",      "option",     "version",  "ver",      "level",    "layer",
    "tier",     "round",      "stage",      "rule",     "case",     "scenario", "approach",
    "solution", "iteration",  "question",   "item",     "priority", "rank",     "rfc",
    "sprint",   "milestone",  "no",         "number",   "num",      "http",     "ipv",
    "v",        "p",          "q",          "appendix", "lemma",    "example",  "exercise",
    "problem",  "slide",      "task",       "stage",    "grade",    "class",    "type",
    "gen",      "generation", "raid",       "tls",      "ssl",      "python",   "java",
    "c",        "es",         "ecmascript", "windows",  "ios",      "android",  "iphone"};
constexpr auto kStructuralWords = detail::word_table<128>(kStructuralWordsList);

bool structural_word(std::string_view w) {
  return detail::contains_any_case(kStructuralWords, w);
}

// ... and after these only when the number stands alone ("on day 1", "year 2").
constexpr std::string_view kOrdinalContextWordsList[] = {
    "day",   "week",      "month", "year",     "page",      "line",     "minute", "hour",
    "top",   "bottom",    "first", "last",     "id",        "user",     "node",   "server",
    "shard", "region",    "zone",  "replica",  "partition", "team",     "room",   "floor",
    "jan",   "january",   "feb",   "february", "mar",       "march",    "apr",    "april",
    "may",   "jun",       "june",  "jul",      "july",      "aug",      "august", "sep",
    "sept",  "september", "oct",   "october",  "nov",       "november", "dec",    "december"};
constexpr auto kOrdinalContextWords = detail::word_table<128>(kOrdinalContextWordsList);

bool ordinal_context_word(std::string_view w) {
  return detail::contains_any_case(kOrdinalContextWords, w);
}

constexpr std::string_view kSplitWordsList[] = {"rule",      "role",  "split",
                                                "principle", "ratio", "distribution"};
constexpr auto kSplitWords = detail::word_table<16>(kSplitWordsList);

bool split_word(std::string_view w) {
  return detail::contains_any_case(kSplitWords, w);
}

// Words before a number that say what it counts: the first kBytesContextWords of the list speak
// of bytes, the rest of a count. One table for both: each word is lowercased and looked up once.
constexpr std::size_t kBytesContextWords = 28;
constexpr std::string_view kContextWordsList[] = {
    // bytes
    "size", "sizes", "sized", "storage", "store", "stored", "storing", "bytes", "byte", "disk",
    "disks", "memory", "ram", "bandwidth", "payload", "blob", "blobs", "data", "metadata", "space",
    "ingress", "egress", "footprint", "capacity", "volume", "heap", "buffer", "each",
    // a count
    "users", "user", "dau", "mau", "requests", "request", "queries", "query", "qps", "rps", "tps",
    "tweets", "posts", "messages", "views", "writes", "reads", "events", "clicks", "people",
    "accounts", "devices", "downloads", "uploads", "visits", "customers", "followers", "count",
    "population"};
static_assert(kContextWordsList[kBytesContextWords - 1] == "each" &&
              kContextWordsList[kBytesContextWords] == "users");
constexpr auto kContextWords = detail::word_table<128>(kContextWordsList);

enum class ContextWord { None, Bytes, Count };

ContextWord context_word(std::string_view w) {
  std::uint16_t at = detail::find_any_case(kContextWords, w);
  if (at == decltype(kContextWords)::kAbsent) return ContextWord::None;
  return at < kBytesContextWords ? ContextWord::Bytes : ContextWord::Count;
}

// Finds the mentions of one text (a line, or a whole text holding LaTeX) and appends them to
// `out` with offsets from `base`. Lexes into `tokens`, which a caller reading many lines keeps.
class Scanner {
 public:
  Scanner(std::string_view text, const ScanOptions& options, std::vector<Token>& tokens,
          std::vector<Mention>& out, std::size_t base)
      : src_(text),
        opt_(options),
        toks_((detail::lex_into(text, true, tokens), tokens)),
        parser_(text, tokens, lenient_config(options)),
        out_(out),
        base_(base) {
    // Most lines read hold a few figures: room for them without regrowing.
    if (out_.capacity() == 0) out_.reserve(4);
    mark_math_dollars();
  }

  void run() {
    std::size_t i = 0;
    std::size_t line_first = 0;
    int prev = -1;        // index in out_ of the previous mention on this line
    bool marker = false;  // a result marker since that mention
    while (i < toks_.size() && toks_[i].kind != Tok::End) {
      const Token& t = toks_[i];
      if (t.kind == Tok::Newline) {
        line_first = i + 1;
        prev = -1;
        marker = false;
        ++i;
        continue;
      }
      if (is_result_marker(t.kind)) {
        if (prev >= 0) marker = true;
        ++i;
        continue;
      }
      std::size_t start = i;
      std::size_t number = i;
      if (t.kind == Tok::Number) {
        // candidate
      } else if (t.kind == Tok::Dollar && tok(i + 1).kind == Tok::Number) {
        if (math_dollar_[i]) {
          ++i;
          continue;
        }
        number = i + 1;
      } else if (t.kind == Tok::Frac) {
        number = i;
      } else if (t.kind == Tok::LParen && tok(i + 1).kind == Tok::Number &&
                 !at_line_start(i, line_first)) {
        number = i + 1;
      } else if (t.kind == Tok::Word && is_article(t) && tok(i + 1).kind == Tok::Word &&
                 big_scale_word(text(tok(i + 1)))) {
        number = i + 1;
      } else if (!number_within_4(i)) {
        // Fast path: no qualifier can lead to a number from here, nor from the tokens after it
        // up to four before the next number (or up to the line's end). Of those, a result marker
        // is seen on the way; only a \frac or an article ("a million") asks for more.
        std::size_t until = toks_[next_stop_].kind == Tok::Number ? next_stop_ - 4 : next_stop_;
        for (++i; i < until; ++i) {
          const Token& u = toks_[i];
          if (is_result_marker(u.kind)) {
            if (prev >= 0) marker = true;
          } else if (u.kind == Tok::Frac || (u.kind == Tok::Word && is_article(u))) {
            break;
          }
        }
        continue;
      } else if (std::size_t len = parser_.qualifier_length(i);
                 len > 0 && !glued_to_word_before(i, line_first)) {
        number = i + len;
        if (tok(number).kind != Tok::Number) {
          ++i;
          continue;
        }
      } else {
        ++i;
        continue;
      }

      const Token& num = tok(number);
      if (num.kind == Tok::Number) {
        std::size_t skip_to = 0;
        if (skip_number(number, line_first, &skip_to)) {
          i = std::max(skip_to, number + 1);
          continue;
        }
      }

      Around around(*this, number, line_first);
      auto node = parser_.parse_at(start, true, &around);
      if (node && node->additive && !is_result_marker(tok(parser_.pos()).kind)) {
        node = parser_.parse_at(start, false, &around);
      }
      if (node && t.kind == Tok::LParen && node->operators == 0) {  // "(5 years)" is "5 years"
        start = number;
        node = parser_.parse_at(start, true, &around);
      }
      if (!node) {
        i = number + 1;
        continue;
      }
      std::size_t end_tok = parser_.pos();
      if (node->glued_unknown) {
        i = end_tok + 1;  // also skip the glued word
        continue;
      }
      if (reject(*node, start, number, line_first)) {
        i = std::max(end_tok, number + 1);
        continue;
      }

      Mention& m = out_.emplace_back();
      const std::size_t offset = tok(start).offset;
      m.offset = base_ + offset;
      m.length = node->end > offset ? node->end - offset : num.length;
      m.raw.assign(src_.substr(offset, m.length));
      m.quantity = node->q;
      if (start > line_first && (tok(start - 1).kind == Tok::Approx)) m.quantity.approx = true;
      if (opt_.readings) m.reading = detail::join_reading(node->echo, parser_.notes());
      m.noun = std::move(node->noun);
      m.is_expression = node->operators > 0;
      m.is_result = marker && prev >= 0;
      if (!opt_.labels) {
        // no label asked for
      } else if (m.is_result && !out_[prev].label.empty()) {
        m.label = out_[prev].label;
      } else {
        m.label = label_before(start, line_first);
      }
      prev = static_cast<int>(out_.size()) - 1;
      marker = false;
      i = std::max(end_tok, start + 1);
    }
  }

 private:
  static detail::ParseConfig lenient_config(const ScanOptions& options) {
    detail::ParseConfig c;
    c.lenient = true;
    c.echo = options.readings;
    return c;
  }

  const Token& tok(std::size_t i) const { return i < toks_.size() ? toks_[i] : toks_.back(); }
  std::string_view text(const Token& t) const { return t.text(src_); }

  // Whether a number follows within four tokens on the line. The scan asks at every word in
  // order, so the next number or line end is found once and kept until the scan passes it.
  bool number_within_4(std::size_t i) {
    if (next_stop_ <= i) {
      next_stop_ = i + 1;
      while (next_stop_ < toks_.size() && toks_[next_stop_].kind != Tok::Number &&
             toks_[next_stop_].kind != Tok::Newline && toks_[next_stop_].kind != Tok::End)
        ++next_stop_;
    }
    return next_stop_ < toks_.size() && toks_[next_stop_].kind == Tok::Number &&
           next_stop_ - i <= 4;
  }

  // "a", "an", "A" or "An", told by its bytes: every short word of the text is asked.
  bool is_article(const Token& t) const {
    if (t.length > 2 || (src_[t.offset] != 'a' && src_[t.offset] != 'A')) return false;
    return t.length == 1 || src_[t.offset + 1] == 'n';
  }

  static bool big_scale_word(std::string_view w) {
    const detail::ScaleDef* s = detail::find_scale(w);
    return s && s->spaced_ok && s->factor >= 1e3 && w.size() >= 3;
  }

  bool glued_to_word_before(std::size_t i, std::size_t line_first) const {
    return i > line_first && !toks_[i].space_before && toks_[i - 1].kind == Tok::Word;
  }

  // "$...$" pairs on one line holding LaTeX are math delimiters, not dollars.
  void mark_math_dollars() {
    // Most text has no dollar: no token to look at, and none asked about.
    if (src_.find('$') == std::string_view::npos) return;
    math_dollar_.assign(toks_.size(), false);
    for (std::size_t i = 0; i < toks_.size(); ++i) {
      if (toks_[i].kind != Tok::Dollar || math_dollar_[i]) continue;
      if (text(toks_[i]) == "\\$") continue;
      bool latex = false;
      for (std::size_t k = i + 1; k < toks_.size(); ++k) {
        const Token& t = toks_[k];
        if (t.kind == Tok::Newline || t.kind == Tok::End) break;
        if (t.kind == Tok::Dollar) {
          if (k == i + 1 || latex) {  // "$$" or a LaTeX span
            math_dollar_[i] = true;
            math_dollar_[k] = true;
          }
          break;
        }
        std::string_view s = text(t);
        if ((!s.empty() && s[0] == '\\') || t.kind == Tok::Caret || t.kind == Tok::LBrace)
          latex = true;
      }
    }
  }

  bool at_line_start(std::size_t i, std::size_t line_first) const {
    for (std::size_t k = line_first; k < i; ++k) {
      switch (toks_[k].kind) {
        case Tok::Hash:
        case Tok::Gt:
        case Tok::Minus:
        case Tok::Star:
        case Tok::Plus:
        case Tok::Pipe:
          continue;
        default:
          return false;
      }
    }
    return true;
  }

  // False positives decided from the tokens around the number, before parsing.
  bool skip_number(std::size_t n, std::size_t line_first, std::size_t* skip_to) {
    const Token& num = toks_[n];
    if (num.flags & (detail::kDotted | detail::kLeadingZero)) return true;
    if (n > line_first && !num.space_before) {
      const Token& p = toks_[n - 1];
      bool p_glued_word = n - 1 > line_first && !p.space_before &&
                          (toks_[n - 2].kind == Tok::Word || toks_[n - 2].kind == Tok::Number);
      switch (p.kind) {
        case Tok::Word:  // "v 2" is a word then a number; glued ones are usually lexed as one word
        case Tok::Hash:
        case Tok::Colon:
        case Tok::Dot:
        case Tok::Underscore:
        case Tok::Other:
          return true;
        case Tok::Slash:
        case Tok::Minus:
        case Tok::Caret:
        case Tok::LParen:
          if (p_glued_word) return true;  // HTTP/2, SHA-256, n^2, O(1), 2024-01-05
          break;
        case Tok::Eq:
          // count=20 (code), unless a unit or scale follows: qps=4.6K
          if (p_glued_word && toks_[n - 2].kind == Tok::Word) {
            const Token& nx = tok(n + 1);
            if (!(nx.kind == Tok::Word && !nx.space_before)) return true;
          }
          break;
        default:
          break;
      }
    }
    // Times and ratios: 10:30, 1:1, 100:1
    if (tok(n + 1).kind == Tok::Colon && !tok(n + 1).space_before &&
        tok(n + 2).kind == Tok::Number && !tok(n + 2).space_before) {
      *skip_to = n + 3;
      return true;
    }
    // Split ratios and round-the-clock: "80/20", "80-20 rule", "50/50", "24/7", "24x7"
    {
      const Token& op = tok(n + 1);
      const Token& b = tok(n + 2);
      bool tight = !op.space_before && !b.space_before && b.kind == Tok::Number;
      bool joiner = op.kind == Tok::Slash || op.kind == Tok::Minus || op.kind == Tok::Times ||
                    op.kind == Tok::EnDash;
      bool scaled = tok(n + 3).kind == Tok::Word && !tok(n + 3).space_before;
      bool split =
          (num.num + b.num == 100 && num.num > 0 && b.num > 0) || (num.num == 24 && b.num == 7);
      // "80 - 20 rule" with spaces too, when a word says it is a split
      bool named =
          b.kind == Tok::Number && tok(n + 3).kind == Tok::Word && split_word(text(tok(n + 3)));
      if ((tight || named) && joiner && split && !scaled && !(tok(n + 3).kind == Tok::Percent)) {
        *skip_to = n + 3;
        return true;
      }
    }
    // List numbering: "1.", "2)", "(3)", "## 2. Storage"
    if (at_line_start(n, line_first) ||
        (n > line_first && toks_[n - 1].kind == Tok::LParen && at_line_start(n - 1, line_first))) {
      const Token& nx = tok(n + 1);
      bool closes = (nx.kind == Tok::Dot || nx.kind == Tok::RParen) && !nx.space_before;
      const Token& after = tok(n + 2);
      bool then_space = after.space_before || after.kind == Tok::Newline || after.kind == Tok::End;
      if (closes && then_space && !(num.flags & detail::kDecimal)) {
        *skip_to = n + 2;
        return true;
      }
    }
    // Section numbers in headings: "### 3.2 Storage", "## 4 Data model"
    if (toks_[line_first].kind == Tok::Hash && at_line_start(n, line_first)) {
      std::size_t k = n + 1;
      while (tok(k).kind == Tok::Dot && !tok(k).space_before) ++k;
      *skip_to = k;
      return true;
    }
    // Row numbers: "| 1 | Requirements |"
    if (toks_[line_first].kind == Tok::Pipe && n == line_first + 1 &&
        tok(n + 1).kind == Tok::Pipe &&
        (num.flags & (detail::kDecimal | detail::kExponent | detail::kComma)) == 0 &&
        num.num < 100) {
      *skip_to = n + 1;
      return true;
    }
    // "Step 2", "Layer 7"
    if (n > line_first && toks_[n - 1].kind == Tok::Word && structural_word(text(toks_[n - 1]))) {
      *skip_to = n + 1;
      return true;
    }
    return false;
  }

  // False positives decided after parsing.
  bool reject(const detail::Node& node, std::size_t start, std::size_t n,
              std::size_t line_first) const {
    const Token& num = toks_[n];
    bool integer = !(num.flags & (detail::kDecimal | detail::kExponent | detail::kComma));
    // A plain number: words may follow it, but no unit, scale or known counted noun.
    bool plain = node.literals == 1 && node.operators == 0 && !node.has_scale && !node.has_unit &&
                 !node.has_percent && !node.has_range && !node.has_qualifier &&
                 !node.has_exponent && node.q.unit.noun.empty();
    // Years
    if (plain && integer && num.length == 4 && num.num >= 1900 && num.num <= 2099) return true;
    // "on day 1", "ID 12345" as positions
    if (plain && start == n && n > line_first && toks_[n - 1].kind == Tok::Word &&
        ordinal_context_word(text(toks_[n - 1])))
      return true;
    // Times of day: "at 2 pm"
    if (num.num <= 12 && word_in(node.noun, {"am", "pm", "a.m", "p.m", "o'clock"})) return true;
    return false;
  }

  // The words naming a figure: before "=", ":", "≈" or in the previous table cell.
  std::string label_before(std::size_t start, std::size_t line_first) const {
    if (start <= line_first) return "";
    std::size_t k = start;
    auto skip = [&](std::initializer_list<Tok> kinds) {
      while (k > line_first) {
        Tok kk = toks_[k - 1].kind;
        if (std::find(kinds.begin(), kinds.end(), kk) == kinds.end()) break;
        --k;
      }
    };
    skip({Tok::Star, Tok::Underscore, Tok::Tilde, Tok::Backtick});
    if (k <= line_first) return "";
    Tok sep = toks_[k - 1].kind;
    bool separator = sep == Tok::Eq || sep == Tok::Colon || sep == Tok::Pipe ||
                     sep == Tok::Approx || sep == Tok::Implies || sep == Tok::Arrow ||
                     sep == Tok::EmDash || (sep == Tok::Minus && toks_[k - 1].space_before);
    if (!separator) return "";
    --k;
    skip({Tok::Star, Tok::Underscore, Tok::Backtick, Tok::Pipe});
    if (k <= line_first || toks_[k - 1].kind != Tok::Word) return "";
    std::size_t last_end = toks_[k - 1].end();
    std::size_t words = 0;
    while (k > line_first && words < 6) {
      const Token& t = toks_[k - 1];
      if (t.kind == Tok::Word) {
        ++words;
        --k;
        continue;
      }
      // "reads/s", "read-heavy": a glued slash or hyphen between words
      bool joiner = (t.kind == Tok::Slash || t.kind == Tok::Minus) && !t.space_before &&
                    !toks_[k].space_before && k - 1 > line_first && toks_[k - 2].kind == Tok::Word;
      if (!joiner) break;
      --k;
    }
    // "10 servers - 2 per region", "300B = 120 GB": words right after a number are its noun or
    // unit, not a label.
    if (k > line_first && toks_[k - 1].kind == Tok::Number) return "";
    while (words > 0 && toks_[k].kind == Tok::Word && detail::is_stopword(text(toks_[k]))) {
      ++k;
      --words;
      while (toks_[k].kind != Tok::Word && toks_[k].offset < last_end) ++k;
    }
    if (words == 0) return "";
    std::string out;
    bool space = false;
    for (char c : src_.substr(toks_[k].offset, last_end - toks_[k].offset)) {
      if (c == ' ' || c == '\t') {
        space = !out.empty();
        continue;
      }
      if (space) out += ' ';
      space = false;
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return out;
  }

  using Expectation = detail::ExpectationSource::Expectation;

  // What the words before the figure at token `number` expect of it, read when the parser first
  // asks: only a figure with the ambiguous "B" does.
  class Around final : public detail::ExpectationSource {
   public:
    Around(const Scanner& scanner, std::size_t number, std::size_t line_first)
        : scanner_(scanner), number_(number), line_first_(line_first) {}
    Expectation expectation() override {
      if (!read_) {
        read_ = true;
        expected_ = scanner_.context_expect(number_, line_first_);
      }
      return expected_;
    }

   private:
    const Scanner& scanner_;
    std::size_t number_, line_first_;
    bool read_ = false;
    Expectation expected_;
  };

  // Decides the ambiguous "B" from the words before the number: "storage", "size" mean bytes;
  // "users", "requests" a count; a singular noun right before ("each tweet is 300B") a size.
  // Asked of few figures (see Around), so each word is looked up as it comes, kept nowhere.
  Expectation context_expect(std::size_t n, std::size_t line_first) const {
    std::size_t seen = 0;
    bool nearest = true;
    for (std::size_t k = n; k > line_first && seen < 12; --k, ++seen) {
      const Token& t = toks_[k - 1];
      if (t.kind != Tok::Word) continue;
      std::string_view w = text(t);
      ContextWord kind = context_word(w);
      if (kind == ContextWord::Bytes)
        return {Expect::Bytes, reason(t, "' before it speaks of bytes")};
      if (kind == ContextWord::Count)
        return {Expect::Count, reason(t, "' before it speaks of a count")};
      if (nearest && !detail::is_stopword(w)) {
        nearest = false;
        if (std::string_view tag = detail::known_noun_tag_view(w); !tag.empty()) {
          // A tag other than the word itself comes of a plural or an abbreviation: a count.
          bool counted = tag == "dau" || tag == "mau" || tag == "wau" || !same_any_case(tag, w);
          if (counted) return {Expect::Count, reason(t, "' before it speaks of a count")};
          return {Expect::Bytes, reason(t, "' before it names the size of one")};
        }
      }
    }
    return {opt_.expect, ""};
  }

  std::string reason(const Token& t, std::string_view why) const {
    if (!opt_.readings) return {};
    return "'" + detail::lower(text(t)) + std::string(why);
  }

  std::string_view src_;
  ScanOptions opt_;
  std::span<const Token> toks_;  // the caller's buffer, read through a view of its own
  detail::Parser parser_;
  std::vector<bool> math_dollar_;  // by token; empty when the text has no '$' (so no dollar)
  std::size_t next_stop_ = 0;      // number_within_4's next number, line break or end
  std::vector<Mention>& out_;
  std::size_t base_;  // of the text read, in the text scan() was given
};

}  // namespace

namespace {

bool wanted_line(const ScanOptions& options, std::size_t begin, std::size_t end) {
  if (options.near.empty()) return true;
  for (const TextRange& r : options.near)
    if (begin < r.end && r.begin < end) return true;
  return false;
}

}  // namespace

std::vector<Mention> scan(std::string_view text, const ScanOptions& options) {
  // The scanner reads each line on its own (a figure, its label and its context never cross a
  // line break), and so does the lexer but for LaTeX groups ("\text{...}"), which may span lines:
  // without a backslash, only the lines that may hold a figure need lexing and scanning.
  bool multi_line = text.find('\n') != std::string_view::npos;
  std::vector<Mention> out;
  // The tokens of the text or line read: one buffer per thread, kept from one line and one call
  // to the next (scan() never runs inside itself).
  thread_local std::vector<Token> tokens;
  if (!multi_line || text.find('\\') != std::string_view::npos) {
    if (!(options.known_to_hold || may_hold_quantity(text)) ||
        (!multi_line && !wanted_line(options, 0, text.size())))
      return out;
    Scanner(text, options, tokens, out, 0).run();
    return out;
  }
  std::size_t begin = 0;
  while (begin <= text.size()) {
    std::size_t end = std::min(text.find('\n', begin), text.size());
    std::string_view line = text.substr(begin, end - begin);
    if (wanted_line(options, begin, end) && may_hold_quantity(line))
      Scanner(line, options, tokens, out, begin).run();
    begin = end + 1;
  }
  return out;
}

}  // namespace sdi::quantity
