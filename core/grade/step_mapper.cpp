#include "grade/step_mapper.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "grade/match_tokens.hpp"
#include "grade/phrase_stems_cache.hpp"
#include "text/fuzzy.hpp"

namespace sdi::grade {

namespace {

bool is_space(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Removes bracketed time budgets such as "[5 min]" or "(5-10 min)".
std::string strip_brackets(std::string s) {
  std::string out;
  int depth = 0;
  for (char c : s) {
    if (c == '[' || c == '(') {
      ++depth;
      continue;
    }
    if ((c == ']' || c == ')') && depth > 0) {
      --depth;
      continue;
    }
    if (depth == 0) out += c;
  }
  return out;
}

const std::set<std::string>& filler_words() {
  static const std::set<std::string> words = {
      "the",  "a",     "an",      "and",   "of",     "for",    "our",   "to",  "step",
      "part", "phase", "section", "stage", "propos", "design", "defin", "our", "your",
      "min",  "minut", "with",    "on",    "in",     "&",      "vs",    "let", "s"};
  return words;
}

// The stems that tell steps apart: no filler, no bare numbers.
std::vector<std::string> content_of(std::vector<std::string> stems) {
  std::vector<std::string> out;
  for (auto& s : stems) {
    if (filler_words().count(s)) continue;
    if (!s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c));
        }))
      continue;
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<std::string> content_stems(std::string_view text) {
  return content_of(phrase_stems(text));
}

}  // namespace

std::string normalize_heading(std::string_view heading) {
  std::string s = strip_brackets(lower(heading));
  // Leading numbering: "step 2 -", "2.", "2)", "ii.", "part 3:", "#2".
  std::size_t i = 0;
  auto skip_space = [&] {
    while (i < s.size() && (is_space(s[i]) || s[i] == '#')) ++i;
  };
  skip_space();
  for (const char* word : {"step", "part", "phase", "stage", "section"}) {
    std::size_t n = std::string_view(word).size();
    if (s.compare(i, n, word) == 0 &&
        (i + n >= s.size() || !std::isalpha(static_cast<unsigned char>(s[i + n])))) {
      i += n;
      skip_space();
      break;
    }
  }
  std::size_t j = i;
  while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.')) ++j;
  if (j == i) {  // roman numerals followed by '.' or ')'
    std::size_t k = i;
    while (k < s.size() && (s[k] == 'i' || s[k] == 'v' || s[k] == 'x')) ++k;
    if (k > i && k < s.size() && (s[k] == '.' || s[k] == ')')) j = k;
  }
  i = j;
  while (i < s.size() && (is_space(s[i]) || s[i] == '.' || s[i] == ')' || s[i] == ':' ||
                          s[i] == '-' || s[i] == '/' || s[i] == '|'))
    ++i;
  s = s.substr(i);
  while (!s.empty() &&
         (is_space(s.back()) || s.back() == ':' || s.back() == '.' || s.back() == '#'))
    s.pop_back();
  // Collapse inner whitespace.
  std::string out;
  for (char c : s) {
    if (is_space(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

StepMatcher::StepMatcher(const pack::Template& t) {
  for (std::size_t si = 0; si < t.steps.size(); ++si) {
    const pack::Step& step = t.steps[si];
    auto add = [&](const std::string& alias) {
      Candidate c;
      c.step = static_cast<int>(si);
      c.norm = normalize_heading(alias);
      c.multiword = c.norm.find(' ') != std::string::npos;
      candidates_.push_back(std::move(c));
    };
    for (const auto& alias : step.aliases) add(alias);
    add(step.title);
    add(step.id);
  }
  // A template's names are the same at every start: stemmed through the start-up cache.
  std::vector<std::string_view> norms;
  for (const Candidate& c : candidates_) norms.push_back(c.norm);
  std::vector<std::vector<std::string>> stems = cached_phrase_stems("steps " + t.file, norms);
  for (std::size_t ci = 0; ci < candidates_.size(); ++ci) {
    for (const auto& stem : content_of(std::move(stems[ci]))) {
      auto known = std::find(stems_.begin(), stems_.end(), stem);
      candidates_[ci].stem_ids.push_back(static_cast<int>(known - stems_.begin()));
      if (known == stems_.end()) {
        stems_.push_back(stem);
        stem_words_.emplace_back(stem);
      }
    }
  }
}

StepMatch StepMatcher::match(std::string_view heading) const {
  auto known = seen_.find(heading);
  if (known != seen_.end()) return known->second;
  StepMatch m = compute(heading);
  // Answers reuse a handful of headings; the memo stays small however many answers are read.
  if (seen_.size() >= 4096) seen_.clear();
  seen_.emplace(std::string(heading), m);
  return m;
}

const std::vector<char>& StepMatcher::word_matches(const std::string& word) const {
  auto known = word_matches_.find(word);
  if (known != word_matches_.end()) return known->second;
  std::vector<char> matches(stems_.size());
  const text::FuzzyWord fuzzy(word);
  for (std::size_t k = 0; k < stems_.size(); ++k) matches[k] = fuzzy.equals(stem_words_[k]) ? 1 : 0;
  // Headings vary far more than their words; the memo stays small however many are read.
  if (word_matches_.size() >= 4096) word_matches_.clear();
  return word_matches_.emplace(word, std::move(matches)).first->second;
}

double StepMatcher::overlap(const std::vector<std::vector<char>>& words, const Candidate& c) {
  if (words.empty() || c.stem_ids.empty()) return 0;
  // A step name has a handful of stems: a buffer on the stack serves all but outlandish ones.
  std::array<char, 32> small{};
  std::vector<char> large;
  char* used = small.data();
  if (c.stem_ids.size() > small.size()) {
    large.assign(c.stem_ids.size(), 0);
    used = large.data();
  }
  int common = 0;
  for (const auto& matches : words) {
    for (std::size_t j = 0; j < c.stem_ids.size(); ++j) {
      if (!used[j] && matches[static_cast<std::size_t>(c.stem_ids[j])]) {
        used[j] = 1;
        ++common;
        break;
      }
    }
  }
  return 2.0 * common / static_cast<double>(words.size() + c.stem_ids.size());
}

StepMatch StepMatcher::compute(std::string_view heading) const {
  std::string norm = normalize_heading(heading);
  StepMatch best;
  if (norm.empty()) return best;
  std::vector<std::vector<char>> words;
  for (const auto& w : content_stems(norm)) words.push_back(word_matches(w));
  for (const Candidate& c : candidates_) {
    double score;
    if (c.norm == norm) {
      score = 1.0;
    } else {
      score = overlap(words, c);
      // A heading that contains a whole multi-word alias ("High level design and APIs").
      if (c.multiword && norm.find(c.norm) != std::string::npos) score = std::max(score, 0.8);
    }
    if (score > best.score) {
      best.score = score;
      best.step = c.step;
    }
  }
  if (best.score < 0.5) return {};
  return best;
}

std::vector<int> StepMatcher::map_sections(const text::Document& doc) const {
  std::vector<int> out(doc.sections.size(), -1);
  for (std::size_t i = 0; i < doc.sections.size(); ++i) {
    StepMatch m = match(doc.sections[i].title);
    if (m.step >= 0) {
      out[i] = m.step;
    } else if (doc.sections[i].parent >= 0) {
      out[i] = out[doc.sections[i].parent];
    }
  }
  return out;
}

StepMatch match_heading(std::string_view heading, const pack::Template& t) {
  return StepMatcher(t).match(heading);
}

std::vector<int> map_sections(const text::Document& doc, const pack::Template& t) {
  return StepMatcher(t).map_sections(doc);
}

}  // namespace sdi::grade
