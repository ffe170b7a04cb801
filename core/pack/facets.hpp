#pragma once
// The canonical kinds of interview content. Rubric checks attach to facets, templates map facets
// to their steps, so one pack grades under any template.

#include <array>
#include <string_view>

namespace sdi::pack {

inline constexpr std::array<std::string_view, 9> kFacets = {
    "clarify",    "requirements", "estimation",  "api",    "data_model",
    "high_level", "deep_dive",    "bottlenecks", "justify"};

inline bool is_facet(std::string_view f) {
  for (auto k : kFacets)
    if (k == f) return true;
  return false;
}

}  // namespace sdi::pack
