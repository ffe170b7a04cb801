#pragma once
// The concept glossary (plugins/concepts/*.toml, plus concepts a pack declares itself).

#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "pack/error.hpp"

namespace sdi::pack {

// What grading reads of a concept while it matches an answer: which concept it is, what it
// implies, and where it was declared.
struct ConceptHead {
  std::string id;
  std::string name;
  std::vector<std::string> broader;  // a hit here also counts for these
  std::string category;
  // A risk ("single point of failure", "hot partition") is discussed even when negated:
  // "there is no single point of failure" is an answer about it, not a rejection of it.
  bool risk = false;
  std::string file;
  int line = 0;
};

// A concept whole: the head, and the text that defines and names it.
struct Concept : ConceptHead {
  std::string definition;
  std::vector<std::string> synonyms;       // phrases, matched on stems, case-insensitive
  std::vector<std::string> abbreviations;  // whole tokens, case-insensitive
  std::vector<std::string> exact;          // whole tokens, case-sensitive
  std::vector<std::string> products;       // technologies that imply the concept
  std::vector<std::string> related;
};

// A folder read from the cache gives its concepts' heads at once and the rest of them (their
// definitions and forms) when first asked for: grading an answer needs only the heads once the
// compiled forms come from the cache too, and a cold start then skips most of the decoding.
class Glossary {
 public:
  Glossary();
  ~Glossary();
  Glossary(Glossary&&) noexcept;
  Glossary& operator=(Glossary&&) noexcept;

  // Adds a concept; a second concept with the same id is an error naming both places.
  void add(Concept c);
  // Whole concepts (safe from any thread: the first call decodes what was left for later).
  const Concept* find(const std::string& id) const;
  const std::vector<Concept>& all() const;
  // Heads only, which never wait for decoding.
  const ConceptHead& head(std::size_t i) const { return concepts_[i]; }
  bool contains(const std::string& id) const { return by_id_.count(id) > 0; }
  // The position of concept `id` in all(), or -1.
  int index_of(const std::string& id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? -1 : static_cast<int>(it->second);
  }
  std::size_t size() const { return concepts_.size(); }

  // What every concept was read from (each glossary folder, its files and their identities), so
  // data compiled from the glossary can be cached under it; empty when some concept came from
  // elsewhere or a folder could not be read whole.
  std::string source_key() const;

 private:
  friend bool read_glossary_dir(const std::filesystem::path& dir, Glossary& into);
  // The error for a concept whose id `first` already has.
  static Error duplicate(const Concept& c, const Concept& first);
  // Indexes the concepts from `first` on, appended in place; on a duplicate id, drops it and
  // those after it and throws as add() would.
  void index_from(std::size_t first);
  // Decodes the rest of every concept whose folder came from the cache, once.
  void complete() const;
  struct Deferred;
  std::unique_ptr<Deferred> deferred_;
  // Mutable for complete(), which fills in only the fields heads do not hold.
  mutable std::vector<Concept> concepts_;
  std::unordered_map<std::string, std::size_t> by_id_;
  std::string sources_;
  std::size_t sourced_ = 0;  // concepts covered by sources_
  bool unsourced_ = false;
};

// Reads every *.toml in the folder (sorted by name, so the result is deterministic). A folder
// read whole before is loaded from the cache (pack/cache.hpp) when none of its files changed;
// returns true when it was.
bool read_glossary_dir(const std::filesystem::path& dir, Glossary& into);

}  // namespace sdi::pack
