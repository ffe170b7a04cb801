#pragma once
// Stems of a pack's own phrases (its questions' phrasings) are the same for every answer; each
// thread computes them once instead of once per answer.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sdi::grade {

using StemList = std::vector<std::string>;
using StemsOf = StemList (*)(std::string_view);

// `compute(text)`, remembered per thread for each (compute, text). The memo is bounded: past a
// few thousand phrases it starts over, so a long-lived process never grows with what it read.
std::shared_ptr<const StemList> memo_stems(StemsOf compute, std::string_view text);

}  // namespace sdi::grade
