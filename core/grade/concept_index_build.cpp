#include "grade/concept_index_build.hpp"

#include <algorithm>
#include <numeric>

#include "grade/match_tokens.hpp"

namespace sdi::grade {

using concept_layout::Compare;
using concept_layout::kCompares;

std::uint32_t ConceptFormsBuilder::word_id(std::string_view word) {
  auto [it, added] =
      word_ids_.try_emplace(std::string(word), static_cast<std::uint32_t>(words_.size()));
  if (added) words_.emplace_back(word);
  return it->second;
}

void ConceptFormsBuilder::add(int concept_idx, std::string_view text, Compare compare) {
  const TokenList tokens = match_tokens(text);
  if (tokens.empty()) return;
  Form f;
  f.concept_idx = static_cast<std::uint32_t>(concept_idx);
  f.compare = compare;
  f.begin = static_cast<std::uint32_t>(words_of_.size());
  f.count = static_cast<std::uint32_t>(tokens.size());
  f.spelling = static_cast<std::uint32_t>(spellings_.size());
  for (const auto& t : tokens) {
    words_of_.push_back(word_id(compare == Compare::Stem ? t.stem : t.lower));
    if (compare == Compare::Exact) spellings_.emplace_back(t.original);
  }
  forms_.push_back(f);
}

std::string ConceptFormsBuilder::finish(const std::vector<std::string_view>& ids) const {
  // Local ids: first words first, so only they need heads, then every other word.
  constexpr std::uint32_t kUnset = UINT32_MAX;
  std::vector<std::uint32_t> local(words_.size(), kUnset);
  std::vector<std::uint32_t> by_local;
  by_local.reserve(words_.size());
  auto assign = [&](std::uint32_t w) {
    if (local[w] != kUnset) return;
    local[w] = static_cast<std::uint32_t>(by_local.size());
    by_local.push_back(w);
  };
  for (const Form& f : forms_) assign(words_of_[f.begin]);
  const auto firsts = static_cast<std::uint32_t>(by_local.size());
  for (std::uint32_t w : words_of_) assign(w);

  auto bucket = [&](const Form& f) {
    return std::size_t{local[words_of_[f.begin]]} * kCompares + static_cast<std::size_t>(f.compare);
  };
  auto second = [&](const Form& f) { return f.count == 1 ? 0 : local[words_of_[f.begin + 1]] + 1; };
  std::vector<std::uint32_t> order(forms_.size());
  std::iota(order.begin(), order.end(), 0);
  std::ranges::stable_sort(order, [&](std::uint32_t a, std::uint32_t b) {
    const Form& fa = forms_[a];
    const Form& fb = forms_[b];
    if (bucket(fa) != bucket(fb)) return bucket(fa) < bucket(fb);
    if (second(fa) != second(fb)) return second(fa) < second(fb);
    return fa.count > fb.count;
  });

  using concept_layout::kHeadCells;
  std::vector<std::uint32_t> counts(std::size_t{firsts} * kCompares, 0);
  std::vector<std::uint32_t> heads(std::size_t{firsts} * kHeadCells + 1, 0);
  for (const Form& f : forms_) {
    const std::size_t w = local[words_of_[f.begin]];
    const auto c = static_cast<std::size_t>(f.compare);
    ++counts[w * kCompares + c];
    if (f.count >= 2 && f.compare != Compare::Exact)
      heads[w * kHeadCells + kCompares + c] |=
          concept_layout::second_bit(local[words_of_[f.begin + 1]]);
  }
  std::uint32_t begin = 0;
  for (std::size_t w = 0; w < firsts; ++w) {
    for (std::size_t c = 0; c < kCompares; ++c) {
      heads[w * kHeadCells + c] = begin;
      begin += counts[w * kCompares + c];
    }
  }
  heads.back() = begin;

  std::vector<concept_layout::FormCell> cells;
  cells.reserve(forms_.size());
  std::vector<std::uint32_t> rest;
  std::vector<std::string_view> spellings;
  for (std::uint32_t i : order) {
    const Form& f = forms_[i];
    concept_layout::FormCell c;
    c.second = second(f);
    c.concept_idx = f.concept_idx;
    c.count_compare = f.count << 2 | static_cast<std::uint32_t>(f.compare);
    if (f.compare == Compare::Exact) {
      c.more = static_cast<std::uint32_t>(spellings.size());
      for (std::uint32_t k = 0; k < f.count; ++k) spellings.push_back(spellings_[f.spelling + k]);
    } else {
      c.more = static_cast<std::uint32_t>(rest.size());
      for (std::uint32_t k = 2; k < f.count; ++k) rest.push_back(local[words_of_[f.begin + k]]);
    }
    cells.push_back(c);
  }

  // The concepts by id, at most half the slots in use.
  std::size_t id_slots = 2;
  while (id_slots < 2 * ids.size()) id_slots *= 2;
  std::vector<std::uint32_t> by_id(id_slots, 0);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    std::size_t slot = text::word_hash(ids[i]) & (id_slots - 1);
    while (by_id[slot] != 0 && ids[by_id[slot] - 1] != ids[i]) slot = (slot + 1) & (id_slots - 1);
    by_id[slot] = static_cast<std::uint32_t>(i + 1);
  }

  std::string out;
  for (std::size_t n :
       {words_.size(), std::size_t{firsts}, forms_.size(), rest.size(), spellings.size(), id_slots})
    concept_layout::put_cell(out, static_cast<std::uint32_t>(n));
  for (std::uint32_t h : heads) concept_layout::put_cell(out, h);
  for (const auto& c : cells) out.append(reinterpret_cast<const char*>(&c), sizeof c);
  for (std::uint32_t r : rest) concept_layout::put_cell(out, r);
  for (std::uint32_t c : by_id) concept_layout::put_cell(out, c);
  for (std::uint32_t w : by_local) concept_layout::put_text(out, words_[w]);
  for (std::string_view s : spellings) concept_layout::put_text(out, s);
  return out;
}

}  // namespace sdi::grade
