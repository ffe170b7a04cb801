#include "grade/concept_index.hpp"

#include <algorithm>

namespace sdi::grade {

ConceptIndex::ConceptIndex(const pack::Glossary& glossary, const std::vector<pack::Concept>& extra)
    : extra_(extra) {
  for (const auto& c : glossary.all()) concepts_.push_back(&c);
  for (const auto& c : extra_) {
    // A pack may refine a glossary concept by redeclaring its id: the pack's forms are added.
    if (glossary.find(c.id) == nullptr) concepts_.push_back(&c);
  }
  for (int i = 0; i < size(); ++i) by_id_[concepts_[i]->id] = i;
  auto add_all = [&](int idx, const pack::Concept& c) {
    add_form(idx, c.name, false);
    for (const auto& s : c.synonyms) add_form(idx, s, false);
    for (const auto& s : c.abbreviations) add_form(idx, s, false);
    for (const auto& s : c.products) add_form(idx, s, false);
    for (const auto& s : c.exact) add_form(idx, s, true);
  };
  for (int i = 0; i < size(); ++i) add_all(i, *concepts_[i]);
  for (const auto& c : extra_)
    if (glossary.find(c.id) != nullptr) add_all(by_id_[c.id], c);

  implied_.resize(concepts_.size());
  for (int i = 0; i < size(); ++i) {
    std::vector<int>& out = implied_[i];
    std::vector<int> stack{i};
    while (!stack.empty()) {
      int cur = stack.back();
      stack.pop_back();
      if (std::find(out.begin(), out.end(), cur) != out.end()) continue;
      out.push_back(cur);
      for (const auto& b : concepts_[cur]->broader) {
        auto it = by_id_.find(b);
        if (it != by_id_.end()) stack.push_back(it->second);
      }
    }
  }
}

void ConceptIndex::add_form(int concept_idx, const std::string& text, bool case_sensitive) {
  Form f;
  f.concept_idx = concept_idx;
  f.case_sensitive = case_sensitive;
  if (case_sensitive) {
    for (const auto& t : match_tokens(text)) f.words.emplace_back(t.original);
  } else {
    f.words = phrase_stems(text);
  }
  if (f.words.empty()) return;
  int idx = static_cast<int>(forms_.size());
  (case_sensitive ? exact_first_ : by_first_)[f.words.front()].push_back(idx);
  forms_.push_back(std::move(f));
}

int ConceptIndex::find(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? -1 : it->second;
}

std::vector<ConceptIndex::Match> ConceptIndex::scan(const std::vector<MatchToken>& tokens) const {
  std::vector<Match> out;
  std::size_t i = 0;
  while (i < tokens.size()) {
    const Form* best = nullptr;
    auto consider = [&](const std::vector<int>* candidates) {
      if (candidates == nullptr) return;
      for (int fi : *candidates) {
        const Form& f = forms_[fi];
        if (i + f.words.size() > tokens.size()) continue;
        if (best != nullptr && f.words.size() <= best->words.size()) continue;
        bool ok = true;
        for (std::size_t k = 1; k < f.words.size() && ok; ++k) {
          const MatchToken& t = tokens[i + k];
          ok = f.case_sensitive ? t.original == f.words[k] : t.stem == f.words[k];
        }
        if (ok) best = &f;
      }
    };
    auto it = by_first_.find(tokens[i].stem);
    consider(it == by_first_.end() ? nullptr : &it->second);
    auto ex = exact_first_.find(std::string(tokens[i].original));
    consider(ex == exact_first_.end() ? nullptr : &ex->second);
    if (best != nullptr) {
      out.push_back({best->concept_idx, i, best->words.size()});
      i += best->words.size();
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace sdi::grade
