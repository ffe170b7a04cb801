#pragma once
// Interview templates (plugins/templates/*.toml): ordered steps with time budgets and facets.

#include <filesystem>
#include <string>
#include <vector>

namespace sdi::pack {

struct Step {
  std::string id;
  std::string title;
  double minutes = 0;
  std::vector<std::string> facets;
  std::vector<std::string> aliases;
  std::string guidance;
};

struct Template {
  std::string id;
  std::string title;
  std::string summary;
  std::vector<Step> steps;
  std::vector<std::string> generic_checks;
  std::string file;

  // Index of the step covering a facet; every template covers every facet (checked on load).
  int step_for_facet(const std::string& facet) const;
  double total_minutes() const;
};

Template read_template(const std::filesystem::path& file);

}  // namespace sdi::pack
