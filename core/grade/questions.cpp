#include "grade/questions.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <memory>
#include <string_view>

#include "grade/id_table.hpp"
#include "grade/match_tokens.hpp"
#include "grade/phrase_stems_cache.hpp"
#include "grade/stem_memo.hpp"
#include "grade/step_mapper.hpp"
#include "grade/vocabulary.hpp"

namespace sdi::grade {

namespace {

// Words that carry no meaning in a question, as stem ids in the vocabulary (stemmed through the
// start-up cache: the list is the same at every start).
const IdTable& question_filler() {
  static const IdTable words = [] {
    static constexpr std::string_view kFiller[] = {
        "how",  "many",   "much",   "what",    "which",  "who",      "whom",  "when",    "where",
        "why",  "is",     "are",    "was",     "be",     "do",       "does",  "did",     "we",
        "i",    "you",    "the",    "a",       "an",     "of",       "to",    "for",     "in",
        "on",   "should", "will",   "would",   "can",    "could",    "there", "it",      "this",
        "that", "our",    "your",   "any",     "expect", "expected", "need",  "needs",   "have",
        "has",  "per",    "with",   "about",   "and",    "or",       "ok",    "okay",    "fine",
        "us",   "me",     "system", "support", "assume", "want",     "by",    "from",    "at",
        "so",   "if",     "some",   "kind",    "type",   "sort",     "allow", "allowed", "must",
        "may"};
    std::vector<vocabulary::Id> ids;
    for (const auto& stems : cached_phrase_stems("question filler", kFiller))
      for (const auto& st : stems) ids.push_back(vocabulary::intern(st));
    // Highest first: the table indexed by them takes its size once.
    std::sort(ids.begin(), ids.end(), std::greater<>());
    IdTable s;
    for (const vocabulary::Id id : ids) s.set(id, 0);
    return s;
  }();
  return words;
}

// Whether the normalized title holds "question". normalize_heading lowercases, trims the ends
// and turns runs of spaces into one, which keeps "question" where it is and makes it nowhere
// else; only dropping a bracketed part can join letters into it, so only a title with a bracket
// needs normalizing. Most titles ("Requirements", "High-level design") never get that far.
bool names_questions(const std::string& title) {
  constexpr std::string_view kWord = "question";
  bool named = false;
  for (std::size_t i = 0; i < title.size(); ++i) {
    const char c = title[i];
    if (c == '[' || c == '(') return normalize_heading(title).find(kWord) != std::string::npos;
    if (named || (c != 'q' && c != 'Q') || title.size() - i < kWord.size()) continue;
    named = true;
    for (std::size_t k = 1; k < kWord.size() && named; ++k)
      named = std::tolower(static_cast<unsigned char>(title[i + k])) == kWord[k];
  }
  return named;
}

// Whether a section or one it is nested in is about questions: "Clarifying questions",
// "Questions for the interviewer"; not "Requirements clarifications", whose items are statements.
// Decided once per section of the answer (-1 while unknown), each from its parent's answer.
bool about_questions(const Analysis& a, int sec, std::vector<signed char>& known) {
  if (sec < 0) return false;
  signed char& answer = known[static_cast<std::size_t>(sec)];
  if (answer < 0) {
    const text::Section& section = a.doc->sections[static_cast<std::size_t>(sec)];
    const bool named = names_questions(section.title);
    answer = named || about_questions(a, section.parent, known);
  }
  return answer == 1;
}

bool in_question_section(const Analysis& a, int block, std::vector<signed char>& known) {
  return about_questions(a, a.doc->blocks[block].section, known);
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
  const auto& filler = question_filler();
  std::vector<std::string> out;
  for (const auto& t : match_tokens(text))
    if (filler.find(t.stem_id) == nullptr) out.emplace_back(t.stem);
  return out;
}

namespace {

// The vocabulary ids of question_stems() of a sentence's text (kNone for a stem not in the
// vocabulary), from the tokens the analysis already made of it: no word crosses a sentence end,
// so the sentence's tokens are its text's. Only the ids may be stale: a stem missing from the
// vocabulary then may be in it now.
std::vector<vocabulary::Id> sentence_stem_ids(const Analysis& a, const Sentence& s) {
  const IdTable& filler = question_filler();
  const TokenList& tokens = a.tokens[static_cast<std::size_t>(s.block)];
  std::vector<vocabulary::Id> out;
  for (std::size_t i = s.first_token; i < s.end_token; ++i) {
    const MatchToken& t = tokens[i];
    const vocabulary::Id id = t.stem_id != vocabulary::kNone ? t.stem_id : vocabulary::find(t.stem);
    if (filler.find(id) == nullptr) out.push_back(id);
  }
  return out;
}

// The vocabulary ids of stems, kNone for those not in it.
std::vector<vocabulary::Id> ids_of(const std::vector<std::string>& stems) {
  std::vector<vocabulary::Id> out;
  out.reserve(stems.size());
  for (const auto& stem : stems) out.push_back(vocabulary::find(stem));
  return out;
}

// The sentence's text without the spaces, tabs and line breaks around it, as
// Analysis::sentence_text trims it before cutting it short.
std::string_view trimmed_text(const Analysis& a, const Sentence& s) {
  std::string_view text(a.doc->blocks[static_cast<std::size_t>(s.block)].text);
  text = text.substr(s.begin, s.end - s.begin);
  const auto space = [](char c) { return c == ' ' || c == '\n' || c == '\t'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

// Whether Analysis::sentence_text gives the sentence whole, not cut short with "...".
bool given_whole(const Analysis& a, const Sentence& s) {
  return trimmed_text(a, s).size() <= 200;
}

}  // namespace

namespace {

// The meaning words of every phrasing of every pack question.
using QuestionForms = std::vector<std::vector<std::shared_ptr<const StemList>>>;

QuestionForms question_forms(const std::vector<pack::Question>& questions) {
  QuestionForms out(questions.size());
  for (std::size_t qi = 0; qi < questions.size(); ++qi)
    for_each_form(questions[qi], [&](const std::string& form) {
      out[qi].push_back(memo_stems(question_stems, form));
      return false;
    });
  return out;
}

// The same, with the phrasings stemmed through the start-up cache under `kind`: a pack's questions
// are the same at every start. question_stems() then drops the filler, as it does for a text.
QuestionForms cached_question_forms(const std::vector<pack::Question>& questions,
                                    const std::string& kind) {
  std::vector<std::string_view> forms;
  for (const auto& q : questions)
    for_each_form(q, [&](const std::string& form) {
      forms.push_back(form);
      return false;
    });
  std::vector<std::vector<std::string>> stems = cached_phrase_stems(kind, forms);
  const auto& filler = question_filler();
  QuestionForms out(questions.size());
  std::size_t next = 0;
  for (std::size_t qi = 0; qi < questions.size(); ++qi)
    for_each_form(questions[qi], [&](const std::string&) {
      StemList kept;
      for (auto& stem : stems[next]) {
        const vocabulary::Id id = vocabulary::find(stem);
        if (filler.find(id) == nullptr) kept.push_back(std::move(stem));
      }
      out[qi].push_back(std::make_shared<const StemList>(std::move(kept)));
      ++next;
      return false;
    });
  return out;
}

}  // namespace

// The forms with each distinct stem numbered, and for each number the forms that hold it: an
// asked question's stems count their way to the forms they complete, without a look at the rest.
class QuestionIndex::FormIndex {
 public:
  explicit FormIndex(const QuestionForms& forms) {
    std::vector<std::uint32_t> stems;  // per form, its distinct stem numbers
    std::vector<std::uint32_t> stems_begin{0};
    for (std::size_t qi = 0; qi < forms.size(); ++qi) {
      for (const auto& need : forms[qi]) {
        for (const auto& stem : *need) {
          const vocabulary::Id id = vocabulary::intern(stem);
          const std::uint32_t* known = number_of_.find(id);
          const std::uint32_t number = known != nullptr ? *known : numbers_++;
          if (known == nullptr) number_of_.set(id, number);
          if (std::find(stems.begin() + stems_begin.back(), stems.end(), number) == stems.end())
            stems.push_back(number);
        }
        forms_.push_back({static_cast<std::uint32_t>(qi), static_cast<std::uint32_t>(need->size()),
                          static_cast<std::uint32_t>(stems.size() - stems_begin.back())});
        stems_begin.push_back(static_cast<std::uint32_t>(stems.size()));
      }
    }
    questions_ = forms.size();
    // The forms of each number, grouped by number in one list.
    holders_begin_.assign(numbers_ + 1, 0);
    for (std::uint32_t number : stems) ++holders_begin_[number + 1];
    for (std::size_t k = 1; k < holders_begin_.size(); ++k)
      holders_begin_[k] += holders_begin_[k - 1];
    holders_.resize(stems.size());
    std::vector<std::uint32_t> fill(holders_begin_.begin(), holders_begin_.end() - 1);
    for (std::size_t fi = 0; fi < forms_.size(); ++fi)
      for (std::uint32_t k = stems_begin[fi]; k < stems_begin[fi + 1]; ++k)
        holders_[fill[stems[k]]++] = static_cast<std::uint32_t>(fi);
  }

  std::size_t questions() const { return questions_; }
  std::size_t question_of(std::uint32_t form) const { return forms_[form].question; }
  // How many stems a form has.
  std::size_t size(std::uint32_t form) const { return forms_[form].count; }

  // Room to count in, kept by the caller from one asked question to the next.
  struct Counts {
    std::vector<std::uint32_t> per_form;  // distinct stems of the form seen
    std::vector<char> seen;               // per stem number
    std::vector<std::uint32_t> touched;   // forms with a count
    std::vector<std::uint32_t> numbers;   // stem numbers seen
  };
  // The forms of at least one stem all of whose stems `stems` (vocabulary ids) holds, in no
  // particular order.
  void complete(const std::vector<vocabulary::Id>& stems, Counts& counts,
                std::vector<std::uint32_t>& out) const {
    out.clear();
    counts.per_form.resize(forms_.size(), 0);
    counts.seen.resize(numbers_, 0);
    for (const vocabulary::Id id : stems) {
      const std::uint32_t* found = number_of_.find(id);
      if (found == nullptr || counts.seen[*found]) continue;
      const std::uint32_t number = *found;
      counts.seen[number] = 1;
      counts.numbers.push_back(number);
      for (std::uint32_t k = holders_begin_[number]; k < holders_begin_[number + 1]; ++k)
        if (counts.per_form[holders_[k]]++ == 0) counts.touched.push_back(holders_[k]);
    }
    for (std::uint32_t fi : counts.touched) {
      if (counts.per_form[fi] == forms_[fi].distinct) out.push_back(fi);
      counts.per_form[fi] = 0;
    }
    for (std::uint32_t number : counts.numbers) counts.seen[number] = 0;
    counts.touched.clear();
    counts.numbers.clear();
  }

 private:
  struct Form {
    std::uint32_t question = 0;
    std::uint32_t count = 0;     // stems
    std::uint32_t distinct = 0;  // distinct stems
  };
  IdTable number_of_;          // stem's vocabulary id -> its number
  std::uint32_t numbers_ = 0;  // how many
  std::vector<Form> forms_;
  std::size_t questions_ = 0;
  std::vector<std::uint32_t> holders_;        // forms, grouped by the stem numbers they hold
  std::vector<std::uint32_t> holders_begin_;  // per stem number, then the end
};

namespace {

using FormIndex = QuestionIndex::FormIndex;

// `complete` is what `index` found complete of the asked question's stems; `scores` is room per
// question, all zero, and left so.
int match_stems(bool any_stems, const FormIndex& index, const std::vector<std::uint32_t>& complete,
                std::vector<std::size_t>& scores) {
  if (!any_stems) return -1;
  // A question's score is the meaning words of every phrasing it fully contains, so a question
  // matched by several phrasings ("expire", "how long") beats one matched by a single word. Of
  // equal scores, the first question's wins.
  scores.resize(index.questions(), 0);
  for (std::uint32_t fi : complete) scores[index.question_of(fi)] += index.size(fi);
  int best = -1;
  std::size_t best_score = 0;
  for (std::uint32_t fi : complete) {
    const std::size_t qi = index.question_of(fi);
    if (scores[qi] > best_score ||
        (scores[qi] == best_score && best >= 0 && qi < static_cast<std::size_t>(best))) {
      best = static_cast<int>(qi);
      best_score = scores[qi];
    }
  }
  for (std::uint32_t fi : complete) scores[index.question_of(fi)] = 0;
  return best;
}

// The sentence as `Analysis::sentence_text` gives it, when that ends in '?'.
bool ends_as_question(const Analysis& a, const Sentence& s) {
  const std::string_view text = trimmed_text(a, s);
  // Longer sentences are cut and end in "...".
  return !text.empty() && text.size() <= 200 && text.back() == '?';
}

}  // namespace

QuestionIndex::QuestionIndex(const std::vector<pack::Question>& questions, std::string cache_kind)
    : questions_(questions), cache_kind_(std::move(cache_kind)) {}

QuestionIndex::~QuestionIndex() = default;

const QuestionIndex::FormIndex& QuestionIndex::forms() const {
  if (!forms_) {
    stems_ = std::make_unique<QuestionForms>(cache_kind_.empty()
                                                 ? question_forms(questions_)
                                                 : cached_question_forms(questions_, cache_kind_));
    forms_ = std::make_unique<FormIndex>(*stems_);
  }
  return *forms_;
}

int match_question(std::string_view asked, const std::vector<pack::Question>& questions) {
  const QuestionIndex compiled(questions);
  const FormIndex& index = compiled.forms();
  const std::vector<vocabulary::Id> stems = ids_of(question_stems(asked));
  FormIndex::Counts counts;
  std::vector<std::uint32_t> complete;
  std::vector<std::size_t> scores;
  index.complete(stems, counts, complete);
  return match_stems(!stems.empty(), index, complete, scores);
}

QuestionFindings find_questions(const Analysis& a, const std::vector<pack::Question>& questions) {
  return find_questions(a, QuestionIndex(questions));
}

QuestionFindings find_questions(const Analysis& a, const QuestionIndex& compiled) {
  const std::vector<pack::Question>& questions = compiled.questions();
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
  // Per asked question: the sentence whose tokens give its stems, or -1 to tokenize its text.
  std::vector<int> from_sentence(f.asked.size(), -1);
  std::vector<signed char> question_section(doc.sections.size(), -1);
  for (std::size_t si = 0; si < a.sentences.size(); ++si) {
    const Sentence& s = a.sentences[si];
    const text::Block& b = doc.blocks[s.block];
    if (a.placeholder[s.block] || b.kind == text::BlockKind::Heading ||
        b.kind == text::BlockKind::Code)
      continue;
    bool question = ends_as_question(a, s);
    if (!question && b.kind == text::BlockKind::ListItem &&
        in_question_section(a, s.block, question_section))
      question = true;
    if (!question) continue;
    f.asked.push_back(
        {a.sentence_text(static_cast<int>(si)), a.sentence_line(static_cast<int>(si)), -1});
    from_sentence.push_back(given_whole(a, s) ? static_cast<int>(si) : -1);
  }
  f.covered_by.assign(questions.size(), -1);
  if (f.asked.empty()) return f;
  const FormIndex& index = compiled.forms();
  FormIndex::Counts counts;
  std::vector<std::uint32_t> complete;
  std::vector<std::size_t> scores;
  for (std::size_t i = 0; i < f.asked.size(); ++i) {
    const std::vector<vocabulary::Id> stems =
        from_sentence[i] >= 0
            ? sentence_stem_ids(a, a.sentences[static_cast<std::size_t>(from_sentence[i])])
            : ids_of(question_stems(f.asked[i].text));
    index.complete(stems, counts, complete);
    int m = match_stems(!stems.empty(), index, complete, scores);
    f.asked[i].matched = m;
    if (m >= 0 && f.covered_by[m] < 0) f.covered_by[m] = static_cast<int>(i);
    // A compound question ("how many users, and what is the read:write ratio?") also covers
    // every other question one of whose phrasings of two or more meaning words it contains.
    for (std::uint32_t fi : complete) {
      const std::size_t qi = index.question_of(fi);
      if (static_cast<int>(qi) == m || f.covered_by[qi] >= 0 || index.size(fi) < 2) continue;
      f.covered_by[qi] = static_cast<int>(i);
    }
  }
  return f;
}

}  // namespace sdi::grade
