#include "pack/glossary.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "pack/error.hpp"
#include "pack/paths.hpp"
#include "pack/toml_fields.hpp"

namespace sdi::pack {

void Glossary::add(Concept c) {
  auto it = by_id_.find(c.id);
  if (it != by_id_.end()) {
    const Concept& first = concepts_[it->second];
    throw Error(
        c.file, c.line,
        fmt::format("concept '{}' is already defined at {}:{}", c.id, first.file, first.line));
  }
  by_id_[c.id] = concepts_.size();
  concepts_.push_back(std::move(c));
}

const Concept* Glossary::find(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &concepts_[it->second];
}

void read_glossary_dir(const std::filesystem::path& dir, Glossary& into) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::string display = display_path(file);
    toml::table table = parse_toml_file(file.string(), display);
    TomlFields top(table, display);
    const toml::array* list = top.optional_array("concept");
    top.reject_unknown();
    if (list == nullptr) continue;
    for (const auto& node : *list) {
      const toml::table* t = node.as_table();
      if (t == nullptr) top.fail("concept", "must be [[concept]] tables");
      TomlFields f(*t, display, "concept");
      Concept c;
      c.file = display;
      c.line = f.line_of("id");
      c.id = f.required_string("id");
      c.name = f.required_string("name");
      c.definition = f.required_string("definition");
      c.synonyms = f.string_list("synonyms");
      c.abbreviations = f.string_list("abbreviations");
      c.exact = f.string_list("exact");
      c.products = f.string_list("products");
      c.broader = f.string_list("broader");
      c.related = f.string_list("related");
      c.category = f.optional_string("category").value_or("");
      c.risk = f.optional_bool("risk").value_or(false);
      f.reject_unknown();
      into.add(std::move(c));
    }
  }
}

}  // namespace sdi::pack
