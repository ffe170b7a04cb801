#pragma once
// Where plugins and packs are found, and how their paths are shown to users.

#include <filesystem>
#include <string>
#include <vector>

namespace sdi::pack {

namespace fs = std::filesystem;

struct SearchPath {
  std::vector<fs::path> plugin_dirs;   // each holds templates/, concepts/, checks/, reporters/
  std::vector<fs::path> problem_dirs;  // each holds ID/pack.toml folders
  std::vector<fs::path> pack_dirs;     // single packs named directly (DIR/pack.toml)
  // A --pack-path that names no folder: a typo would otherwise leave its packs out without a
  // word. (SDI_PATH entries that do not exist are passed over, as PATH's are.)
  std::vector<std::string> problems;
};

// The built-in plugins/ and problems/ next to the executable (installed under ../share/sdi, or
// the source tree above a build folder), then each --pack-path entry, then SDI_PATH entries.
SearchPath make_search_path(const fs::path& executable, const std::vector<std::string>& pack_paths,
                            const char* sdi_path_env);

// The folder holding the built-in plugins/ and problems/, or empty when none is found.
fs::path find_builtin_root(const fs::path& executable);

// A path as users should read it: relative to the working directory when inside it,
// otherwise relative to the folder above the nearest plugins/ or problems/ root.
std::string display_path(const fs::path& p);

// display_path for many paths at once (a folder's files), reading the working directory once
// rather than for every path.
class PathDisplay {
 public:
  PathDisplay();
  std::string operator()(const fs::path& p) const;

 private:
  fs::path cwd_;
  bool has_cwd_ = false;
};

}  // namespace sdi::pack
