#include "pack/template.hpp"

#include <fmt/format.h>

#include <set>

#include "pack/error.hpp"
#include "pack/facets.hpp"
#include "pack/paths.hpp"
#include "pack/toml_fields.hpp"

namespace sdi::pack {

int Template::step_for_facet(const std::string& facet) const {
  for (std::size_t i = 0; i < steps.size(); ++i)
    for (const auto& f : steps[i].facets)
      if (f == facet) return static_cast<int>(i);
  return -1;
}

double Template::total_minutes() const {
  double total = 0;
  for (const auto& s : steps) total += s.minutes;
  return total;
}

Template read_template(const std::filesystem::path& file) {
  Template t;
  t.file = display_path(file);
  toml::table table = parse_toml_file(file.string(), t.file);
  TomlFields f(table, t.file);
  t.id = f.required_string("id");
  if (t.id != file.stem().string())
    f.fail("id", fmt::format("is '{}' but the file is named '{}'", t.id, file.filename().string()));
  t.title = f.required_string("title");
  t.summary = f.optional_string("summary").value_or("");
  t.generic_checks = f.string_list("generic_checks");
  const toml::array* steps = f.optional_array("step");
  if (steps == nullptr || steps->empty())
    f.fail("step", "must list the template's steps as [[step]] tables");
  std::set<std::string> ids;
  std::set<std::string> covered;
  for (const auto& node : *steps) {
    const toml::table* st = node.as_table();
    if (st == nullptr) f.fail("step", "must be [[step]] tables");
    TomlFields s(*st, t.file, "step");
    Step step;
    step.id = s.required_string("id");
    if (!ids.insert(step.id).second)
      s.fail("id", fmt::format("'{}' is used by two steps", step.id));
    step.title = s.required_string("title");
    step.minutes = s.optional_number("minutes").value_or(5);
    if (step.minutes <= 0) s.fail("minutes", "must be a positive number of minutes");
    step.facets = s.string_list("facets");
    for (const auto& facet : step.facets) {
      if (!is_facet(facet))
        s.fail("facets", fmt::format("names '{}', which is not a facet", facet));
      if (!covered.insert(facet).second)
        s.fail("facets", fmt::format("'{}' is already covered by an earlier step", facet));
    }
    step.aliases = s.string_list("aliases");
    step.guidance = s.optional_string("guidance").value_or("");
    s.reject_unknown();
    t.steps.push_back(std::move(step));
  }
  for (auto facet : kFacets)
    if (!covered.count(std::string(facet)))
      f.fail("step", fmt::format("no step covers the facet '{}'; every facet needs a step", facet));
  f.reject_unknown();
  return t;
}

}  // namespace sdi::pack
