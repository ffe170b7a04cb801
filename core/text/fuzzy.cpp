#include "text/fuzzy.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "text/token.hpp"

namespace sdi::text {
namespace {

constexpr std::size_t kStackColumns = 64;

std::size_t count_characters(std::string_view word) {
  return static_cast<std::size_t>(std::count_if(word.begin(), word.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

}  // namespace

int edit_distance(std::string_view a, std::string_view b, int max) {
  max = std::max(max, 0);
  if (a.size() < b.size()) std::swap(a, b);  // rows over the longer word, columns the shorter
  const std::size_t m = a.size();
  const std::size_t n = b.size();
  if (m - n > static_cast<std::size_t>(max)) return max + 1;
  if (n == 0) return static_cast<int>(m);

  std::array<int, 3 * (kStackColumns + 1)> stack_rows;
  std::vector<int> heap_rows;
  int* rows = stack_rows.data();
  if (n > kStackColumns) {
    heap_rows.resize(3 * (n + 1));
    rows = heap_rows.data();
  }
  int* before_previous = rows;
  int* previous = rows + (n + 1);
  int* current = rows + 2 * (n + 1);
  for (std::size_t j = 0; j <= n; ++j) previous[j] = static_cast<int>(j);

  for (std::size_t i = 1; i <= m; ++i) {
    current[0] = static_cast<int>(i);
    int row_min = current[0];
    for (std::size_t j = 1; j <= n; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int d = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d = std::min(d, before_previous[j - 2] + 1);
      }
      current[j] = d;
      row_min = std::min(row_min, d);
    }
    // Row minima never decrease, so no later row can come back under max.
    if (row_min > max) return max + 1;
    std::swap(before_previous, previous);
    std::swap(previous, current);
  }
  return std::min(previous[n], max + 1);
}

constexpr int kMostTypos = 2;

int typo_allowance(std::size_t letters) {
  if (letters <= 3) return 0;
  if (letters <= 6) return 1;
  return kMostTypos;
}

FuzzyWord::FuzzyWord(std::string_view word)
    : lower_(lower_ascii(word)), characters_(count_characters(word)), digit_(has_digit(word)) {}

bool FuzzyWord::equals(const FuzzyWord& other) const {
  const std::string_view a = lower_;
  const std::string_view b = other.lower_;
  if (a == b) return true;
  // Each byte of difference in length is an edit: most pairs are settled here.
  const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap > static_cast<std::size_t>(kMostTypos) || digit_ || other.digit_) return false;
  const int allowed = typo_allowance(std::min(characters_, other.characters_));
  return allowed > 0 && edit_distance(a, b, allowed) <= allowed;
}

bool fuzzy_word_equal(std::string_view a, std::string_view b) {
  if (a == b) return true;
  const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap > static_cast<std::size_t>(kMostTypos)) return false;
  return FuzzyWord(a).equals(FuzzyWord(b));
}

}  // namespace sdi::text
