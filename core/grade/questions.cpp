#include "grade/questions.hpp"

#include <algorithm>
#include <set>

#include "grade/match_tokens.hpp"
#include "grade/stem_memo.hpp"
#include "grade/step_mapper.hpp"

namespace sdi::grade {

namespace {

const std::set<std::string>& question_filler() {
  static const std::set<std::string> words = [] {
    std::set<std::string> s;
    for (const char* w :
         {"how",  "many",   "much",   "what",    "which",  "who",      "whom",  "when",    "where",
          "why",  "is",     "are",    "was",     "be",     "do",       "does",  "did",     "we",
          "i",    "you",    "the",    "a",       "an",     "of",       "to",    "for",     "in",
          "on",   "should", "will",   "would",   "can",    "could",    "there", "it",      "this",
          "that", "our",    "your",   "any",     "expect", "expected", "need",  "needs",   "have",
          "has",  "per",    "with",   "about",   "and",    "or",       "ok",    "okay",    "fine",
          "us",   "me",     "system", "support", "assume", "want",     "by",    "from",    "at",
          "so",   "if",     "some",   "kind",    "type",   "sort",     "allow", "allowed", "must",
          "may"})
      for (auto& st : phrase_stems(w)) s.insert(st);
    return s;
  }();
  return words;
}

bool contains_all(const std::vector<std::string>& hay, const std::vector<std::string>& needles) {
  for (const auto& n : needles)
    if (std::find(hay.begin(), hay.end(), n) == hay.end()) return false;
  return true;
}

bool in_question_section(const Analysis& a, int block) {
  int sec = a.doc->blocks[block].section;
  while (sec >= 0) {
    std::string h = normalize_heading(a.doc->sections[sec].title);
    // "Clarifying questions", "Questions for the interviewer"; not "Requirements clarifications",
    // whose items are statements.
    if (h.find("question") != std::string::npos) return true;
    sec = a.doc->sections[sec].parent;
  }
  return false;
}

// Calls `visit` with each phrasing of a pack question and then its text, until it returns true.
template <typename Visit>
void for_each_form(const pack::Question& q, Visit visit) {
  for (const auto& form : q.phrasings)
    if (visit(form)) return;
  visit(q.text);
}

}  // namespace

std::vector<std::string> question_stems(std::string_view text) {
  std::vector<std::string> out;
  for (auto& s : phrase_stems(text))
    if (!question_filler().count(s)) out.push_back(std::move(s));
  return out;
}

int match_question(std::string_view asked, const std::vector<pack::Question>& questions) {
  std::vector<std::string> stems = question_stems(asked);
  if (stems.empty()) return -1;
  // A question's score is the meaning words of every phrasing it fully contains, so a question
  // matched by several phrasings ("expire", "how long") beats one matched by a single word.
  int best = -1;
  std::size_t best_score = 0;
  for (std::size_t qi = 0; qi < questions.size(); ++qi) {
    std::size_t score = 0;
    for_each_form(questions[qi], [&](const std::string& form) {
      auto need = memo_stems(question_stems, form);
      if (!need->empty() && contains_all(stems, *need)) score += need->size();
      return false;
    });
    if (score > best_score) {
      best = static_cast<int>(qi);
      best_score = score;
    }
  }
  return best;
}

QuestionFindings find_questions(const Analysis& a, const std::vector<pack::Question>& questions) {
  QuestionFindings f;
  const text::Document& doc = *a.doc;
  if (doc.front_matter) {
    if (const toml::array* log = (*doc.front_matter)["questions"].as_array()) {
      for (const auto& item : *log) {
        if (auto s = item.value<std::string>())
          f.asked.push_back({*s, 0, -1});
        else if (const toml::table* t = item.as_table())
          if (auto q = (*t)["question"].value<std::string>()) f.asked.push_back({*q, 0, -1});
      }
    }
  }
  for (std::size_t si = 0; si < a.sentences.size(); ++si) {
    const Sentence& s = a.sentences[si];
    const text::Block& b = doc.blocks[s.block];
    if (a.placeholder[s.block] || b.kind == text::BlockKind::Heading ||
        b.kind == text::BlockKind::Code)
      continue;
    std::string text = a.sentence_text(static_cast<int>(si));
    bool question = !text.empty() && text.back() == '?';
    if (!question && b.kind == text::BlockKind::ListItem && in_question_section(a, s.block))
      question = true;
    if (!question) continue;
    f.asked.push_back({text, a.sentence_line(static_cast<int>(si)), -1});
  }
  f.covered_by.assign(questions.size(), -1);
  for (std::size_t i = 0; i < f.asked.size(); ++i) {
    int m = match_question(f.asked[i].text, questions);
    f.asked[i].matched = m;
    if (m >= 0 && f.covered_by[m] < 0) f.covered_by[m] = static_cast<int>(i);
    // A compound question ("how many users, and what is the read:write ratio?") also covers
    // every other question one of whose phrasings of two or more meaning words it contains.
    std::vector<std::string> stems = question_stems(f.asked[i].text);
    for (std::size_t qi = 0; qi < questions.size(); ++qi) {
      if (static_cast<int>(qi) == m || f.covered_by[qi] >= 0) continue;
      for_each_form(questions[qi], [&](const std::string& form) {
        auto need = memo_stems(question_stems, form);
        if (need->size() < 2 || !contains_all(stems, *need)) return false;
        f.covered_by[qi] = static_cast<int>(i);
        return true;
      });
    }
  }
  return f;
}

}  // namespace sdi::grade
