#include "grade/analysis.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <set>
#include <span>

#include "grade/id_table.hpp"
#include "grade/phrase_stems_cache.hpp"
#include "grade/step_mapper.hpp"
#include "text/byte_scan.hpp"
#include "text/utf8.hpp"

namespace sdi::grade {

namespace {

using Ids = std::vector<vocabulary::Id>;

// Phrases looked up by their first stem: every token of every answer is tested against them.
class PhraseSet {
 public:
  PhraseSet() = default;
  explicit PhraseSet(std::vector<Ids> phrases) {
    // Highest first stem first: the table indexed by it then takes its size once instead of
    // growing a step at a time. Which phrase of a stem is tried first does not change at().
    std::stable_sort(phrases.begin(), phrases.end(), [](const Ids& a, const Ids& b) {
      return (a.empty() ? vocabulary::kNone : a.front()) >
             (b.empty() ? vocabulary::kNone : b.front());
    });
    by_first_.reserve(phrases.size());
    for (Ids& ids : phrases) {
      if (ids.empty()) continue;
      if (const std::uint32_t* known = first_.find(ids.front())) {
        by_first_[*known].push_back(std::move(ids));
      } else {
        first_.set(ids.front(), static_cast<std::uint32_t>(by_first_.size()));
        by_first_.emplace_back();
        by_first_.back().push_back(std::move(ids));
      }
    }
  }
  // Whether one of the phrases starts at token `i` and ends by token `end`.
  bool at(std::span<const MatchToken> toks, std::size_t i, std::size_t end) const {
    return at_if(toks, i, [end](std::size_t stop) { return stop <= end; });
  }
  // The same for a phrase whose tokens all start before byte offset `end_offset`, for a caller
  // that has not yet found the token there.
  bool at_before(std::span<const MatchToken> toks, std::size_t i, std::size_t end_offset) const {
    return at_if(toks, i, [&toks, end_offset](std::size_t stop) {
      return stop <= toks.size() && toks[stop - 1].offset < end_offset;
    });
  }

 private:
  // `fits(stop)` tells whether a phrase taking tokens [i, stop) may end there.
  template <typename Fits>
  bool at_if(std::span<const MatchToken> toks, std::size_t i, Fits fits) const {
    const std::uint32_t* found = first_.find(toks[i].stem_id);
    if (found == nullptr) return false;
    for (const Ids& p : by_first_[*found]) {
      if (!fits(i + p.size())) continue;
      bool all = true;
      for (std::size_t k = 1; k < p.size() && all; ++k) all = toks[i + k].stem_id == p[k];
      if (all) return true;
    }
    return false;
  }

  IdTable first_;
  std::vector<std::vector<Ids>> by_first_;
};

// What each stem is to the marker lists, a bit per list, indexed by its vocabulary id: one look
// per token tells which lists can apply, and most tokens are in none.
class WordMarks {
 public:
  enum : std::uint8_t {
    kGlue = 1,
    kStartsReason = 2,
    kStartsNegatorBefore = 4,
    kStartsNegatorAfter = 8,
    kClauseBreak = 16,
    kSoWord = 32,  // "so", which gives a reason after a clause break
  };
  void add(vocabulary::Id id, std::uint8_t marks) {
    if (id >= marks_.size()) marks_.resize(id + 1, 0);
    marks_[id] |= marks;
  }
  void add_first(const std::vector<Ids>& phrases, std::uint8_t marks) {
    for (const Ids& p : phrases)
      if (!p.empty()) add(p.front(), marks);
  }
  // Never any for vocabulary::kNone, which no list holds.
  std::uint8_t of(const MatchToken& t) const {
    return t.stem_id < marks_.size() ? marks_[t.stem_id] : 0;
  }

 private:
  std::vector<std::uint8_t> marks_;
};

struct Lexicon {
  WordMarks marks;
  PhraseSet reasons;
  PhraseSet negators_before;
  PhraseSet negators_after;
  std::set<std::string> placeholders;
  std::size_t longest_placeholder = 0;
};

// The marker lists, with the stems of each phrase as vocabulary ids. Stemmed through the start-up
// cache: they are the same at every start.
constexpr std::string_view kGlue[] = {
    // Function words only: a run of nouns and verbs ("write path, read path") is still a list.
    "the",     "a",     "an",      "we",     "i",       "you",    "to",      "of",    "in",
    "for",     "on",    "with",    "is",     "are",     "was",    "were",    "be",    "been",
    "being",   "will",  "would",   "can",    "could",   "should", "may",     "might", "must",
    "shall",   "it",    "that",    "this",   "these",   "those",  "each",    "by",    "from",
    "as",      "which", "who",     "our",    "us",      "they",   "them",    "their", "its",
    "when",    "if",    "then",    "has",    "have",    "had",    "into",    "onto",  "every",
    "all",     "so",    "because", "behind", "between", "after",  "before",  "once",  "than",
    "at",      "do",    "does",    "only",   "also",    "there",  "here",    "where", "across",
    "through", "over",  "under",   "within", "via",     "above",  "below",   "about", "against",
    "around",  "along", "during",  "inside", "outside", "toward", "towards", "upon",  "until",
    "any",     "some",  "one",     "both",   "either",  "not",    "no",      "it's",  "we'll",
    "we're",   "i'd"};
constexpr std::string_view kReasons[] = {
    "because",         "since",        "so that",     "in order to", "at the cost of",
    "instead of",      "trade-off",    "tradeoff",    "trade off",   "therefore",
    "which means",     "this means",   "to avoid",    "to reduce",   "to keep",
    "to handle",       "to absorb",    "to survive",  "to spread",   "to serve",
    "to protect",      "to prevent",   "to make",     "to lower",    "otherwise",
    "prevents",        "ensures",      "reduces",     "avoids",      "allows",
    "enables",         "lets us",      "downside",    "drawback",    "benefit",
    "advantage",       "disadvantage", "rather than", "whereas",     "but",
    "however",         "unless",       "due to",      "given that",  "thanks to",
    "absorbs",         "survives",     "protects",    "which gives", "at the expense of",
    "in exchange for", "the price",    "we accept",   "acceptable",  "good enough",
    "so if",           "so when",      "if a",        "if the",      "when a",
    "when the"};
constexpr std::string_view kNegatorsBefore[] = {
    "no",          "not",         "without", "never",      "don't",       "dont",
    "do not",      "won't",       "wont",    "will not",   "doesn't",     "does not",
    "no need for", "no need to",  "needn't", "instead of", "rather than", "neither",
    "nor",         "avoid using", "not use", "not using",  "nothing like"};
constexpr std::string_view kNegatorsAfter[] = {
    "is not needed",  "isn't needed",    "not needed",       "not required",   "is not required",
    "isn't required", "unnecessary",     "is unnecessary",   "overkill",       "is overkill",
    "not necessary",  "isn't necessary", "is not necessary", "not worth",      "is not worth",
    "isn't worth",    "is out of scope", "out of scope",     "not needed here"};
constexpr std::string_view kClauseBreaks[] = {"but", "however", "although", "though",
                                              "and", "while",   "whereas",  "yet"};
constexpr std::string_view kSo[] = {"so"};

const Lexicon& lexicon() {
  static const Lexicon lex = [] {
    const std::span<const std::string_view> lists[] = {
        kGlue, kReasons, kNegatorsBefore, kNegatorsAfter, kClauseBreaks, kSo};
    std::vector<std::string_view> all;
    for (auto list : lists) all.insert(all.end(), list.begin(), list.end());
    const std::vector<std::vector<std::string>> stems = cached_phrase_stems("lexicon", all);
    // The phrases of each list, in order, as vocabulary ids.
    std::size_t next = 0;
    auto ids_of = [&](std::span<const std::string_view> list) {
      std::vector<Ids> out;
      for (std::size_t i = 0; i < list.size(); ++i) {
        Ids& ids = out.emplace_back();
        for (const auto& s : stems[next + i]) ids.push_back(vocabulary::intern(s));
      }
      next += list.size();
      return out;
    };
    Lexicon l;
    for (const Ids& p : ids_of(kGlue))
      for (vocabulary::Id id : p) l.marks.add(id, WordMarks::kGlue);
    std::vector<Ids> reasons = ids_of(kReasons);
    l.marks.add_first(reasons, WordMarks::kStartsReason);
    l.reasons = PhraseSet(std::move(reasons));
    std::vector<Ids> before = ids_of(kNegatorsBefore);
    l.marks.add_first(before, WordMarks::kStartsNegatorBefore);
    l.negators_before = PhraseSet(std::move(before));
    std::vector<Ids> after = ids_of(kNegatorsAfter);
    l.marks.add_first(after, WordMarks::kStartsNegatorAfter);
    l.negators_after = PhraseSet(std::move(after));
    for (const Ids& p : ids_of(kClauseBreaks)) l.marks.add(p.front(), WordMarks::kClauseBreak);
    l.marks.add(ids_of(kSo).front().front(), WordMarks::kSoWord);
    l.placeholders = {
        "tbd",         "todo", "to do", "n/a",  "na",          "...",        "…",
        "-",           "--",   "tba",   "wip",  "coming soon", "fill in",    "fill in later",
        "lorem ipsum", "?",    "xxx",   "none", "placeholder", "to be done", "to be decided",
        "later"};
    for (const auto& p : l.placeholders)
      l.longest_placeholder = std::max(l.longest_placeholder, p.size());
    return l;
  }();
  return lex;
}

bool is_placeholder(const std::string& text) {
  // Most blocks are far longer than any placeholder: tell them apart without copying them.
  std::size_t end = text.size();
  while (end > 0 && (text[end - 1] == '.' || text[end - 1] == ' ' || text[end - 1] == '!')) --end;
  std::size_t begin = 0;
  while (begin < end && (text[begin] == ' ' || text[begin] == '\t')) ++begin;
  if (end - begin > lexicon().longest_placeholder) return false;
  std::string t;
  for (char c : text) t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!t.empty() && (t.back() == '.' || t.back() == ' ' || t.back() == '!')) t.pop_back();
  std::size_t b = t.find_first_not_of(" \t");
  t = b == std::string::npos ? "" : t.substr(b);
  return t.empty() || lexicon().placeholders.count(t) > 0;
}

constexpr std::string_view kAbbreviations[] = {"e.g", "i.e", "vs", "etc", "approx", "ca", "cf"};

// "e.g." and "i.e." do not end sentences.
bool ends_with_abbreviation(std::string_view text, std::size_t dot) {
  for (std::string_view abbr : kAbbreviations) {
    const std::size_t n = abbr.size();
    // The letter before the dot rules out nearly every abbreviation at once.
    if (dot >= n && text[dot - 1] == abbr.back() && text.substr(dot - n, n) == abbr &&
        (dot == n || !std::isalnum(static_cast<unsigned char>(text[dot - n - 1]))))
      return true;
  }
  return false;
}

// Splits a block's text into sentences at . ! ? followed by a space or the end, and at newlines
// in code. Semicolons stay inside: a list item often chains clauses ("x = 1; so y = 2").
void split_sentences(const std::string& text, bool code,
                     std::vector<std::pair<std::size_t, std::size_t>>& out) {
  out.clear();
  std::size_t start = 0;
  const std::string_view view = text;
  const std::size_t n = view.size();
  for (std::size_t i = 0;; ++i) {
    // Most bytes cannot end a sentence: pass over them at once.
    i = text::find_byte<'\n', '.', '!', '?'>(view, i);
    if (i >= n) break;
    const char c = view[i];
    bool end = false;
    if (c == '\n') end = true;
    if (!code && (c == '.' || c == '!' || c == '?') && (i + 1 == n || view[i + 1] == ' ') &&
        !(c == '.' && ends_with_abbreviation(view, i)))
      end = true;
    if (end) {
      if (i + 1 > start) out.push_back({start, i + 1});
      start = i + 1;
    }
  }
  if (start < n) out.push_back({start, n});
  if (out.empty()) out.push_back({0, n});
}

bool negated_at(std::span<const MatchToken> toks, const Sentence& s, std::size_t first,
                std::size_t count) {
  const Lexicon& lex = lexicon();
  // Before: up to five tokens back, stopping at a clause break.
  std::size_t lo = first >= s.first_token + 5 ? first - 5 : s.first_token;
  for (std::size_t i = first; i > lo; --i) {
    std::size_t j = i - 1;
    const std::uint8_t marks = lex.marks.of(toks[j]);
    if (marks & WordMarks::kClauseBreak) break;
    if ((marks & WordMarks::kStartsNegatorBefore) && lex.negators_before.at(toks, j, first))
      return true;
    if (toks[j].clause_break_before) break;
  }
  // After: "X is not needed", within four tokens.
  std::size_t after = first + count;
  std::size_t hi = std::min(s.end_token, after + 4);
  for (std::size_t j = after; j < hi; ++j) {
    if (toks[j].clause_break_before && j != after) break;
    if ((lex.marks.of(toks[j]) & WordMarks::kStartsNegatorAfter) &&
        lex.negators_after.at(toks, j, s.end_token))
      return true;
  }
  return false;
}

// Whether the text's last character that is not a space, a closing parenthesis or an emphasis
// mark is a question mark.
bool asks(std::string_view text) {
  for (std::size_t i = text.size(); i-- > 0;) {
    const char c = text[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == ')' || c == '*' || c == '_') continue;
    return c == '?';
  }
  return false;
}

// Reads the sentence's tokens from `first` on, those before its end, into its token range and
// its counts of words, glue and breaks, and whether it gives a reason; returns its end token.
std::size_t read_sentence(std::span<const MatchToken> toks, const std::vector<char>& covered,
                          std::size_t first, Sentence& s) {
  const Lexicon& lex = lexicon();
  int words = 0, glue = 0, breaks = 0;
  bool reason = false;
  std::size_t i = first;
  for (; i < toks.size() && toks[i].offset < s.end; ++i) {
    const MatchToken& t = toks[i];
    breaks += t.clause_break_before;  // less the first token's, after the loop
    if (covered[i]) continue;
    ++words;
    const std::uint8_t marks = lex.marks.of(t);
    glue += marks & WordMarks::kGlue;
    if (reason || (marks & (WordMarks::kSoWord | WordMarks::kStartsReason)) == 0) continue;
    // ", so ..." gives the consequence that justifies what came before.
    if ((marks & WordMarks::kSoWord) && (i == first || t.clause_break_before))
      reason = true;
    else if ((marks & WordMarks::kStartsReason) && lex.reasons.at_before(toks, i, s.end))
      reason = true;
  }
  if (i > first) breaks -= toks[first].clause_break_before;
  s.first_token = first;
  s.end_token = i;
  s.words = words;
  s.glue = glue;
  s.breaks = breaks;
  s.reason = reason;
  return i;
}

}  // namespace

double credit_for(Use u) {
  switch (u) {
    case Use::Heading:
      return 0.0;
    case Use::Bare:
      return 0.3;
    case Use::Used:
      return 0.8;
    case Use::Reasoned:
      return 1.0;
  }
  return 0;
}

const char* use_name(Use u) {
  switch (u) {
    case Use::Heading:
      return "heading";
    case Use::Bare:
      return "bare";
    case Use::Used:
      return "used";
    case Use::Reasoned:
      return "reasoned";
  }
  return "?";
}

int Analysis::step_of_block(int block) const {
  int sec = doc->blocks[block].section;
  return sec < 0 ? -1 : section_step[sec];
}

std::string Analysis::sentence_text(int sentence) const {
  const Sentence& s = sentences[sentence];
  const std::string& text = doc->blocks[s.block].text;
  const std::string_view out = std::string_view(text).substr(s.begin, s.end - s.begin);
  const std::size_t b = out.find_first_not_of(" \n\t");
  const std::size_t e = out.find_last_not_of(" \n\t");
  if (b == std::string_view::npos) return "";
  return text::utf8::shorten(out.substr(b, e - b + 1), 200);
}

int Analysis::sentence_line(int sentence) const {
  const Sentence& s = sentences[sentence];
  const text::Block& b = doc->blocks[s.block];
  std::size_t off = s.begin;
  while (off < b.text.size() && (b.text[off] == ' ' || b.text[off] == '\n')) ++off;
  return b.line_at(off);
}

Analysis analyse(const text::Document& doc, const pack::Template& t, const ConceptIndex& index) {
  return analyse(doc, t, index, StepMatcher(t));
}

Analysis analyse(const text::Document& doc, const pack::Template& t, const ConceptIndex& index,
                 const StepMatcher& steps) {
  Analysis a;
  a.doc = &doc;
  a.tpl = &t;
  a.section_step = steps.map_sections(doc);
  a.placeholder.resize(doc.blocks.size(), false);
  // Room for the token lists of most answers at once (match_tokens reserves a token for every
  // five bytes of a block); past it the arena takes more as needed.
  std::size_t text_bytes = 0;
  for (const text::Block& block : doc.blocks) text_bytes += block.text.size();
  a.token_memory = std::make_shared<std::pmr::monotonic_buffer_resource>(
      std::max<std::size_t>(1, (text_bytes / 5 + 4 * doc.blocks.size()) * sizeof(MatchToken)));
  a.tokens.reserve(doc.blocks.size());
  std::vector<char> covered;  // per token of the block: inside a concept mention
  // Per block, kept for their memory.
  std::vector<std::pair<std::size_t, std::size_t>> pieces;
  std::vector<ConceptIndex::Match> matches;
  for (std::size_t bi = 0; bi < doc.blocks.size(); ++bi) {
    const text::Block& block = doc.blocks[bi];
    if (block.kind != text::BlockKind::Heading && is_placeholder(block.text)) {
      a.placeholder[bi] = true;
      a.tokens.emplace_back();
      continue;
    }
    // Made in the arena, and moved into place with it.
    const TokenList& toks = a.tokens.emplace_back(match_tokens(block.text, a.token_memory.get()));
    bool code = block.kind == text::BlockKind::Code;
    covered.assign(toks.size(), 0);
    index.scan(toks, matches);
    for (const auto& m : matches)
      for (std::size_t k = 0; k < m.count; ++k) covered[m.first + k] = true;
    const std::size_t first_sentence = a.sentences.size();
    std::size_t ti = 0;
    split_sentences(block.text, code, pieces);
    for (auto [begin, end] : pieces) {
      Sentence& s = a.sentences.emplace_back();
      s.block = static_cast<int>(bi);
      s.begin = begin;
      s.end = end;
      s.question = !code && asks(std::string_view(block.text).substr(begin, end - begin));
      while (ti < toks.size() && toks[ti].offset < begin) ++ti;
      ti = read_sentence(toks, covered, ti, s);
    }
    if (block.kind != text::BlockKind::Heading) a.content_words += static_cast<int>(toks.size());
    auto classify = [&](const Sentence& s) {
      if (s.question || !s.is_prose()) return Use::Bare;
      return s.reason ? Use::Reasoned : Use::Used;
    };
    // A bold run-in label ("**Back pressure.** When the index slows down, ...") is argued by the
    // sentences that follow it in the same block.
    Use block_best = Use::Bare;
    for (std::size_t si = first_sentence + 1; si < a.sentences.size(); ++si)
      block_best = std::max(block_best, classify(a.sentences[si]));
    std::size_t si = first_sentence;
    for (const auto& m : matches) {
      while (si + 1 < a.sentences.size() && a.sentences[si].end_token <= m.first) ++si;
      const Sentence& s = a.sentences[si];
      ConceptHit h;
      h.concept_idx = m.concept_idx;
      h.block = static_cast<int>(bi);
      h.sentence = static_cast<int>(si);
      h.line = block.line_at(toks[m.first].offset);
      bool label = si == first_sentence && si + 1 < a.sentences.size() && s.words <= 5 &&
                   s.glue == 0 && !s.question;
      if (block.kind == text::BlockKind::Heading) {
        h.use = Use::Heading;
      } else if (code) {
        h.use = Use::Bare;
      } else {
        h.use = label ? block_best : classify(s);
      }
      h.negated = block.kind != text::BlockKind::Heading && !index.concept_at(m.concept_idx).risk &&
                  negated_at(toks, s, m.first, m.count);
      a.hits.push_back(h);
    }
  }
  a.prose.assign(doc.blocks.size(), false);
  for (const auto& s : a.sentences)
    if (s.is_prose() && !s.question) a.prose[s.block] = true;
  a.best_hit.assign(index.size(), -1);
  a.negated_hit.assign(index.size(), -1);
  for (std::size_t hi = 0; hi < a.hits.size(); ++hi) {
    const ConceptHit& h = a.hits[hi];
    for (int c : index.implied(h.concept_idx)) {
      if (h.negated) {
        if (a.negated_hit[c] < 0) a.negated_hit[c] = static_cast<int>(hi);
        continue;
      }
      int& best = a.best_hit[c];
      // Credit grows with the use: the stronger use is the better hit.
      if (best < 0 || h.use > a.hits[best].use) best = static_cast<int>(hi);
    }
  }
  return a;
}

}  // namespace sdi::grade
