#include "grade/concept_index.hpp"

#include <algorithm>

#include "pack/cache.hpp"

namespace sdi::grade {

namespace {

// The compiled forms of a glossary are cached (pack/cache.hpp) under its sources, since stemming
// every form of every concept is a good part of grading one answer from a cold process.
std::string forms_entry_key(const std::string& source_key) {
  return pack::cache::engine_key() + "concept index\n" + source_key;
}

}  // namespace

ConceptIndex::ConceptIndex(const pack::Glossary& glossary, const std::vector<pack::Concept>& extra)
    : extra_(extra) {
  for (const auto& c : glossary.all()) concepts_.push_back(&c);
  for (const auto& c : extra_) {
    // A pack may refine a glossary concept by redeclaring its id: the pack's forms are added.
    if (glossary.find(c.id) == nullptr) concepts_.push_back(&c);
  }
  for (int i = 0; i < size(); ++i) by_id_[concepts_[i]->id] = i;
  auto add_all = [&](int idx, const pack::Concept& c) {
    add_form(idx, c.name, Compare::Stem);
    for (const auto& s : c.synonyms) add_form(idx, s, Compare::Stem);
    for (const auto& s : c.abbreviations) {
      add_form(idx, s, Compare::Lower);
      if (!s.empty() && s.back() != 's' && s.back() != 'S') add_form(idx, s + "s", Compare::Lower);
    }
    for (const auto& s : c.products) add_form(idx, s, Compare::Lower);
    for (const auto& s : c.exact) add_form(idx, s, Compare::Exact);
  };
  // The glossary's own concepts come first, so their forms are a prefix of forms_ that depends
  // on the glossary alone and can be cached.
  int glossary_size = static_cast<int>(glossary.size());
  std::string source = glossary.source_key();
  std::string entry, key;
  if (!source.empty()) {
    entry = pack::cache::name_for("concept-index", source);
    key = forms_entry_key(source);
    if (auto cached = pack::cache::read(entry, key))
      cached_ = load_forms(cached->payload(), glossary_size);
  }
  if (!cached_) {
    for (int i = 0; i < glossary_size; ++i) add_all(i, *concepts_[i]);
    if (!source.empty()) pack::cache::write(entry, key, save_forms());
  }
  for (int i = glossary_size; i < size(); ++i) add_all(i, *concepts_[i]);
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

const std::string& ConceptIndex::key_of(const MatchToken& t, Compare compare) {
  static thread_local std::string original;
  switch (compare) {
    case Compare::Stem:
      return t.stem;
    case Compare::Lower:
      return t.lower;
    case Compare::Exact:
      break;
  }
  original.assign(t.original);
  return original;
}

void ConceptIndex::add_form(int concept_idx, const std::string& text, Compare compare) {
  Form f;
  f.concept_idx = concept_idx;
  f.compare = compare;
  for (const auto& t : match_tokens(text)) f.words.push_back(key_of(t, compare));
  push_form(std::move(f));
}

void ConceptIndex::push_form(Form f) {
  if (f.words.empty()) return;
  int idx = static_cast<int>(forms_.size());
  first_[static_cast<int>(f.compare)][f.words.front()].push_back(idx);
  forms_.push_back(std::move(f));
}

std::string ConceptIndex::save_forms() const {
  pack::cache::Writer w;
  w.u32(static_cast<std::uint32_t>(forms_.size()));
  for (const auto& f : forms_) {
    w.u32(static_cast<std::uint32_t>(f.concept_idx));
    w.u32(static_cast<std::uint32_t>(f.compare));
    w.strings(f.words);
  }
  return std::move(w.data());
}

bool ConceptIndex::load_forms(std::string_view payload, int concept_count) {
  pack::cache::Reader r(payload);
  std::uint32_t count = r.u32();
  if (!r.ok() || count > payload.size()) return false;
  // Read into place; on a damaged payload forms_ is emptied again, so nothing half-read is used.
  forms_.resize(count);
  bool ok = true;
  for (auto& f : forms_) {
    std::uint32_t idx = r.u32();
    std::uint32_t compare = r.u32();
    f.words = r.strings();
    ok = r.ok() && idx < static_cast<std::uint32_t>(concept_count) &&
         compare <= static_cast<std::uint32_t>(Compare::Exact) && !f.words.empty();
    if (!ok) break;
    f.concept_idx = static_cast<int>(idx);
    f.compare = static_cast<Compare>(compare);
  }
  if (!ok || !r.at_end()) {
    forms_.clear();
    return false;
  }
  for (int i = 0; i < static_cast<int>(forms_.size()); ++i) {
    const Form& f = forms_[i];
    first_[static_cast<int>(f.compare)][f.words.front()].push_back(i);
  }
  return true;
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
    for (Compare compare : {Compare::Stem, Compare::Lower, Compare::Exact}) {
      const auto& index = first_[static_cast<int>(compare)];
      auto it = index.find(key_of(tokens[i], compare));
      if (it == index.end()) continue;
      for (int fi : it->second) {
        const Form& f = forms_[fi];
        if (i + f.words.size() > tokens.size()) continue;
        if (best != nullptr && f.words.size() <= best->words.size()) continue;
        bool ok = true;
        for (std::size_t k = 1; k < f.words.size() && ok; ++k)
          ok = key_of(tokens[i + k], compare) == f.words[k];
        if (ok) best = &f;
      }
    }
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
