#include "grade/concept_index.hpp"

#include <algorithm>

#include "pack/cache.hpp"
#include "text/token.hpp"

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
  f.ids.clear();
  f.ids.reserve(f.words.size());
  for (const auto& w : f.words)
    f.ids.push_back(vocabulary::intern(f.compare == Compare::Exact ? text::lower_ascii(w) : w));
  first_[f.ids.front()].forms[static_cast<int>(f.compare)].push_back(idx);
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
  std::vector<Form> loaded = std::move(forms_);
  forms_.clear();
  forms_.reserve(loaded.size());
  for (auto& f : loaded) push_form(std::move(f));
  return true;
}

int ConceptIndex::find(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? -1 : it->second;
}

bool ConceptIndex::matches_at(const Form& f, const std::vector<MatchToken>& tokens, std::size_t i) {
  for (std::size_t k = 1; k < f.ids.size(); ++k) {
    const MatchToken& t = tokens[i + k];
    switch (f.compare) {
      case Compare::Stem:
        if (t.stem_id != f.ids[k]) return false;
        break;
      case Compare::Lower:
        if (t.lower_id != f.ids[k]) return false;
        break;
      case Compare::Exact:
        if (t.lower_id != f.ids[k] || t.original != f.words[k]) return false;
        break;
    }
  }
  return f.compare != Compare::Exact || tokens[i].original == f.words.front();
}

std::vector<ConceptIndex::Match> ConceptIndex::scan(const std::vector<MatchToken>& tokens) const {
  std::vector<Match> out;
  std::size_t i = 0;
  while (i < tokens.size()) {
    const Form* best = nullptr;
    auto consider = [&](const std::vector<int>& forms) {
      for (int fi : forms) {
        const Form& f = forms_[fi];
        if (i + f.ids.size() > tokens.size()) continue;
        if (best != nullptr && f.ids.size() <= best->ids.size()) continue;
        if (matches_at(f, tokens, i)) best = &f;
      }
    };
    // The same order as the forms' comparisons: stems, then lowercase words, then spellings.
    const MatchToken& t = tokens[i];
    const First* by_stem = nullptr;
    const First* by_lower = nullptr;
    if (t.stem_id != vocabulary::kNone) {
      auto it = first_.find(t.stem_id);
      if (it != first_.end()) by_stem = &it->second;
    }
    if (t.lower_id == t.stem_id) {
      by_lower = by_stem;
    } else if (t.lower_id != vocabulary::kNone) {
      auto it = first_.find(t.lower_id);
      if (it != first_.end()) by_lower = &it->second;
    }
    if (by_stem != nullptr) consider(by_stem->forms[static_cast<int>(Compare::Stem)]);
    if (by_lower != nullptr) {
      consider(by_lower->forms[static_cast<int>(Compare::Lower)]);
      consider(by_lower->forms[static_cast<int>(Compare::Exact)]);
    }
    if (best != nullptr) {
      out.push_back({best->concept_idx, i, best->ids.size()});
      i += best->ids.size();
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace sdi::grade
