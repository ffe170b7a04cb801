#include "grade/reading.hpp"

#include <algorithm>
#include <iterator>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "grade/block_search.hpp"
#include "text/byte_scan.hpp"

namespace sdi::grade::reading {

namespace {

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
// Lua's %s in the C locale.
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}
// A word is a run of letters and apostrophes (Lua's "[%a']+").
bool is_word_char(char c) {
  return is_alpha(c) || c == '\'';
}
// Punctuation that ends a clause for negation.
bool is_clause_end(char c) {
  return c == '.' || c == ';' || c == ':' || c == ',' || c == '!' || c == '?' || c == '(' ||
         c == ')';
}
char lower_char(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

template <std::size_t N>
bool one_of(std::string_view w, const std::string_view (&set)[N]) {
  return std::find(std::begin(set), std::end(set), w) != std::end(set);
}

// Words that make a clause of a run of terms: pronouns, auxiliaries and conjunctions.
constexpr std::string_view kClause[] = {
    "we",   "i",     "you",     "they",  "it",     "this", "that", "which", "who",
    "is",   "are",   "was",     "were",  "be",     "been", "has",  "have",  "had",
    "will", "would", "can",     "could", "should", "must", "may",  "might", "do",
    "does", "did",   "because", "so",    "when",   "if",   "then", "there"};
constexpr std::string_view kNegators[] = {"no", "not", "never", "without", "nor", "neither"};

// A phrase of a few words (single spaces between them in its text), split once, when compiled:
// negation compares the words of every phrase with those around each occurrence it reads.
struct Phrase {
  static constexpr std::size_t kMax = 3;
  std::string_view words[kMax];
  std::size_t size = 0;
};
consteval Phrase phrase(std::string_view text) {
  Phrase out;
  for (std::size_t from = 0; from <= text.size(); ++out.size) {
    std::size_t space = text.find(' ', from);
    if (space == std::string_view::npos) space = text.size();
    out.words[out.size] = text.substr(from, space - from);
    from = space + 1;
  }
  return out;
}
constexpr Phrase kNegatingPhrases[] = {phrase("instead of"), phrase("rather than"),
                                       phrase("no need")};
constexpr Phrase kVerdicts[] = {
    phrase("is not needed"), phrase("isn't needed"), phrase("not needed"),
    phrase("not required"),  phrase("unnecessary"),  phrase("overkill"),
    phrase("not necessary"), phrase("out of scope"), phrase("not worth")};
constexpr std::string_view kPrepositions[] = {"for", "to",   "on", "in",   "of",  "with",
                                              "by",  "from", "at", "into", "per", "about"};
constexpr std::string_view kClauseBreaks[] = {"but", "however", "although", "though",
                                              "and", "while",   "whereas",  "yet"};

bool ends_with_nt(std::string_view w) {
  return w.size() >= 3 && w.substr(w.size() - 3) == "n't";
}

// A few words of a clause, read without allocating: negation looks at four at the most.
struct ClauseWords {
  static constexpr std::size_t kMax = 4;
  std::string_view words[kMax];
  std::size_t size = 0;
};

// Words of the clause that ends at `end` of `low`, nearest first.
ClauseWords clause_before(std::string_view low, std::size_t end) {
  ClauseWords out;
  std::size_t i = end;
  while (i > 0 && out.size < ClauseWords::kMax) {
    char c = low[i - 1];
    if (is_clause_end(c)) break;
    if (!is_word_char(c)) {
      --i;
      continue;
    }
    std::size_t j = i;
    while (i > 0 && is_word_char(low[i - 1])) --i;
    std::string_view w = low.substr(i, j - i);
    if (one_of(w, kClauseBreaks)) break;
    out.words[out.size++] = w;
  }
  return out;
}

// Words of the clause that starts at `begin` of `low`, in order.
ClauseWords clause_after(std::string_view low, std::size_t begin) {
  ClauseWords out;
  std::size_t i = begin;
  while (i < low.size() && out.size < ClauseWords::kMax) {
    char c = low[i];
    if (is_clause_end(c)) break;
    if (!is_word_char(c)) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < low.size() && is_word_char(low[j])) ++j;
    std::string_view w = low.substr(i, j - i);
    if (one_of(w, kClauseBreaks)) break;
    out.words[out.size++] = w;
    i = j;
  }
  return out;
}

// Whether a phrase's words occur one after another in `words`, read first to last or, with
// `reversed`, last to first.
bool has_words_in_row(const ClauseWords& words, bool reversed, const Phrase& phrase) {
  auto at = [&](std::size_t k) { return words.words[reversed ? words.size - 1 - k : k]; };
  for (std::size_t start = 0; start + phrase.size <= words.size; ++start) {
    std::size_t i = 0;
    while (i < phrase.size && at(start + i) == phrase.words[i]) ++i;
    if (i == phrase.size) return true;
  }
  return false;
}

template <std::size_t N>
bool has_phrase(const ClauseWords& words, bool reversed, const Phrase (&phrases)[N]) {
  for (const Phrase& p : phrases)
    if (has_words_in_row(words, reversed, p)) return true;
  return false;
}

// Separators (',' or ';') and word starts (a byte that is not space, first or after one that
// is) in a text.
struct TermCounts {
  std::size_t separators = 0;
  std::size_t words = 0;
};

TermCounts count_terms(std::string_view text) {
  TermCounts out;
  bool after_space = true;  // the text's start counts as a space before its first byte
  std::size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time, each lane counting its own bytes: a lane holds at most 255 before the
  // lanes are added up.
  const __m128i comma = _mm_set1_epi8(','), semicolon = _mm_set1_epi8(';');
  const __m128i blank = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t');
  const __m128i controls = _mm_set1_epi8('\r' - '\t');  // tab to carriage return are spaces
  const __m128i zero = _mm_setzero_si128();
  auto lane_sum = [&](__m128i counts) {
    const __m128i halves = _mm_sad_epu8(counts, zero);
    return static_cast<std::size_t>(_mm_cvtsi128_si32(halves)) +
           static_cast<std::size_t>(_mm_cvtsi128_si32(_mm_srli_si128(halves, 8)));
  };
  __m128i previous_spaces = _mm_slli_si128(_mm_set1_epi8(-1), 15);  // only its last lane is read
  while (i + 16 <= text.size()) {
    __m128i separators = zero, starts = zero;
    for (int lap = 0; lap < 255 && i + 16 <= text.size(); ++lap, i += 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      const __m128i separator =
          _mm_or_si128(_mm_cmpeq_epi8(bytes, comma), _mm_cmpeq_epi8(bytes, semicolon));
      const __m128i above_tab = _mm_sub_epi8(bytes, tab);
      const __m128i spaces =
          _mm_or_si128(_mm_cmpeq_epi8(bytes, blank),
                       _mm_cmpeq_epi8(_mm_min_epu8(above_tab, controls), above_tab));
      // Whether the byte before each is a space: the lanes moved up one, the first taking the
      // last of the previous sixteen.
      const __m128i before =
          _mm_or_si128(_mm_slli_si128(spaces, 1), _mm_srli_si128(previous_spaces, 15));
      separators = _mm_sub_epi8(separators, separator);
      starts = _mm_sub_epi8(starts, _mm_andnot_si128(spaces, before));
      previous_spaces = spaces;
    }
    out.separators += lane_sum(separators);
    out.words += lane_sum(starts);
  }
  after_space = (_mm_movemask_epi8(previous_spaces) & 0x8000) != 0;
#endif
  for (; i < text.size(); ++i) {
    const bool space = is_space(text[i]);
    out.separators += text[i] == ',' || text[i] == ';';
    out.words += !space && after_space;
    after_space = space;
  }
  return out;
}

}  // namespace

std::string lower(std::string_view text) {
  std::string out(text.size(), '\0');
  lower_into(text, out.data());
  return out;
}

void lower_into(std::string_view text, char* out) {
  std::size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time: a byte is an uppercase letter when it is at most 'Z' - 'A' above 'A'.
  const __m128i a = _mm_set1_epi8('A');
  const __m128i span = _mm_set1_epi8('Z' - 'A');
  const __m128i case_bit = _mm_set1_epi8(0x20);
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    const __m128i above_a = _mm_sub_epi8(bytes, a);
    const __m128i upper = _mm_cmpeq_epi8(_mm_min_epu8(above_a, span), above_a);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i),
                     _mm_or_si128(bytes, _mm_and_si128(upper, case_bit)));
  }
#endif
  for (; i < text.size(); ++i) out[i] = lower_char(text[i]);
}

bool is_question(std::string_view text) {
  std::size_t i = text.size();
  while (i > 0 &&
         (is_space(text[i - 1]) || text[i - 1] == ')' || text[i - 1] == '*' || text[i - 1] == '_'))
    --i;
  return i > 0 && text[i - 1] == '?';
}

bool term_list(std::string_view text) {
  // Most sentences hold fewer than two separators: look for two first, sixteen bytes at a time.
  const std::size_t first = text::find_byte<',', ';'>(text, 0);
  if (first >= text.size() || text::find_byte<',', ';'>(text, first + 1) >= text.size())
    return false;
  const TermCounts counts = count_terms(text);
  const std::size_t segments = counts.separators + 1, words = counts.words;
  if (segments < 3 || static_cast<double>(words) / static_cast<double>(segments) >= 4) return false;
  std::string low = lower(text);
  for (std::size_t i = 0; i < low.size();) {
    if (!is_word_char(low[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < low.size() && is_word_char(low[j])) ++j;
    std::string_view w(low.data() + i, j - i);
    if (one_of(w, kClause) || ends_with_nt(w)) return false;
    i = j;
  }
  return true;
}

bool negated_at(std::string_view low, std::size_t begin, std::size_t end) {
  const ClauseWords before = clause_before(low, begin);
  for (std::size_t k = 0; k < std::min<std::size_t>(3, before.size); ++k) {
    if (one_of(before.words[k], kNegators) || ends_with_nt(before.words[k])) return true;
    if (one_of(before.words[k], kPrepositions)) break;
  }
  // The words before were read nearest first; phrases read in text order.
  if (has_phrase(before, true, kNegatingPhrases)) return true;
  return has_phrase(clause_after(low, end), false, kVerdicts);
}

bool affirms(std::string_view text, std::string_view word) {
  return affirms_lower(lower(text), lower(word));
}

bool affirms_lower(std::string_view low, std::string_view w) {
  for (std::size_t from = 0; from <= low.size();) {
    std::size_t i = find_in(low, w, from);
    if (i == std::string_view::npos) return false;
    if (!negated_at(low, i, i + w.size())) return true;
    from = i + 1;
  }
  return false;
}

int contains_any(std::string_view text, const std::vector<std::string_view>& words) {
  // Called for every hit of every check: reuse one buffer per thread rather than allocate.
  thread_local std::string low, word;
  low.assign(text);
  for (auto& c : low) c = lower_char(c);
  for (std::size_t i = 0; i < words.size(); ++i) {
    word.assign(words[i]);
    for (auto& c : word) c = lower_char(c);
    if (find_in(low, word) != std::string::npos) return static_cast<int>(i);
  }
  return -1;
}

int count_any(std::string_view text, const std::vector<std::vector<std::string_view>>& lists) {
  std::string low = lower(text), word;
  int count = 0;
  for (const auto& list : lists) {
    for (std::string_view w : list) {
      word.assign(w);
      for (auto& c : word) c = lower_char(c);
      if (find_in(low, word) != std::string::npos) {
        ++count;
        break;
      }
    }
  }
  return count;
}

std::vector<Piece> sentences_of(std::string_view text) {
  std::vector<Piece> out;
  auto push = [&](std::size_t from, std::size_t to) {  // [from, to)
    while (from < to && is_space(text[from])) ++from;
    while (to > from && is_space(text[to - 1])) --to;
    if (to > from) out.push_back({from, text.substr(from, to - from)});
  };
  std::size_t start = 0;
  for (std::size_t i = 0;; ++i) {
    i = text::find_byte<'.', '!', '?', ';'>(text, i);
    if (i >= text.size()) break;
    if (i + 1 == text.size() || is_space(text[i + 1])) {
      push(start, i + 1);
      start = i + 1;
    }
  }
  if (start < text.size()) push(start, text.size());
  return out;
}

}  // namespace sdi::grade::reading
