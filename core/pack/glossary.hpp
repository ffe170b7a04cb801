#pragma once
// The concept glossary (plugins/concepts/*.toml, plus concepts a pack declares itself).

#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

#include "pack/error.hpp"

namespace sdi::pack {

struct Concept {
  std::string id;
  std::string name;
  std::string definition;
  std::vector<std::string> synonyms;       // phrases, matched on stems, case-insensitive
  std::vector<std::string> abbreviations;  // whole tokens, case-insensitive
  std::vector<std::string> exact;          // whole tokens, case-sensitive
  std::vector<std::string> products;       // technologies that imply the concept
  std::vector<std::string> broader;        // a hit here also counts for these
  std::vector<std::string> related;
  std::string category;
  // A risk ("single point of failure", "hot partition") is discussed even when negated:
  // "there is no single point of failure" is an answer about it, not a rejection of it.
  bool risk = false;
  std::string file;
  int line = 0;
};

class Glossary {
 public:
  // Adds a concept; a second concept with the same id is an error naming both places.
  void add(Concept c);
  const Concept* find(const std::string& id) const;
  const std::vector<Concept>& all() const { return concepts_; }
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
  std::vector<Concept> concepts_;
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
