#include "grade/phrase_stems_cache.hpp"

#include "grade/match_tokens.hpp"
#include "pack/cache.hpp"

namespace sdi::grade {

namespace {

std::vector<std::vector<std::string>> compute(std::span<const std::string_view> phrases) {
  std::vector<std::vector<std::string>> out;
  out.reserve(phrases.size());
  for (std::string_view p : phrases) out.push_back(phrase_stems(p));
  return out;
}

}  // namespace

std::vector<std::vector<std::string>> cached_phrase_stems(
    std::string_view kind, std::span<const std::string_view> phrases) {
  std::string source;
  for (std::string_view p : phrases) {
    source += p;
    source += '\n';
  }
  // Named after the list alone, so an edited list replaces its entry instead of adding one.
  const std::string entry = pack::cache::name_for("stems", kind);
  const std::string key =
      pack::cache::engine_key() + "phrase stems 1\n" + std::string(kind) + '\n' + source;
  if (auto cached = pack::cache::read(entry, key)) {
    pack::cache::Reader r(cached->payload());
    std::vector<std::vector<std::string>> out;
    out.reserve(phrases.size());
    for (std::size_t i = 0; i < phrases.size() && r.ok(); ++i) out.push_back(r.strings());
    if (r.at_end()) return out;
  }
  std::vector<std::vector<std::string>> out = compute(phrases);
  pack::cache::Writer w;
  for (const auto& stems : out) w.strings(stems);
  pack::cache::write(entry, key, w.data());
  return out;
}

}  // namespace sdi::grade
