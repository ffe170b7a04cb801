#include "pack/paths.hpp"

#include <string_view>
#include <system_error>

namespace sdi::pack {

namespace {

bool is_root(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir / "plugins" / "templates", ec) &&
         fs::is_directory(dir / "problems", ec);
}

void add_unique(std::vector<fs::path>& list, const fs::path& p) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(p, ec);
  if (ec) canonical = p;
  for (const auto& existing : list)
    if (existing == canonical) return;
  list.push_back(canonical);
}

// A --pack-path entry may be one pack, a folder of packs, or a root with plugins/ and problems/.
void add_entry(SearchPath& sp, const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir / "pack.toml", ec)) {
    add_unique(sp.pack_dirs, dir);
    return;
  }
  bool root_like = false;
  if (fs::is_directory(dir / "plugins", ec)) {
    add_unique(sp.plugin_dirs, dir / "plugins");
    root_like = true;
  }
  if (fs::is_directory(dir / "problems", ec)) {
    add_unique(sp.problem_dirs, dir / "problems");
    root_like = true;
  }
  if (!root_like) {
    add_unique(sp.problem_dirs, dir);
    add_unique(sp.plugin_dirs, dir);
  }
}

}  // namespace

fs::path find_builtin_root(const fs::path& executable) {
  std::error_code ec;
  fs::path exe = fs::weakly_canonical(executable, ec);
  if (ec) exe = executable;
  fs::path dir = exe.parent_path();
  if (is_root(dir.parent_path() / "share" / "sdi")) return dir.parent_path() / "share" / "sdi";
  for (int up = 0; up < 4 && !dir.empty(); ++up) {
    if (is_root(dir)) return dir;
    if (dir == dir.parent_path()) break;
    dir = dir.parent_path();
  }
  return {};
}

SearchPath make_search_path(const fs::path& executable, const std::vector<std::string>& pack_paths,
                            const char* sdi_path_env) {
  SearchPath sp;
  fs::path root = find_builtin_root(executable);
  if (!root.empty()) {
    add_unique(sp.plugin_dirs, root / "plugins");
    add_unique(sp.problem_dirs, root / "problems");
  }
  for (const auto& p : pack_paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      add_entry(sp, p);
    } else {
      sp.problems.push_back("--pack-path " + p + ": " +
                            (ec ? ec.message() : std::string("not a folder")) +
                            "; name a pack's folder, a folder of packs, or a root with "
                            "plugins/ and problems/");
    }
  }
  if (sdi_path_env != nullptr) {
    std::string all = sdi_path_env;
    std::size_t start = 0;
    while (start <= all.size()) {
      std::size_t colon = all.find(':', start);
      std::string part =
          all.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
      if (!part.empty()) add_entry(sp, part);
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
  }
  return sp;
}

namespace {

// True when an absolute path is already in normal form: no empty, "." or ".." component and no
// trailing separator, so lexically_normal() would return it unchanged.
bool is_normal_absolute(std::string_view s) {
  if (s.size() < 2 || s.front() != '/' || s.back() == '/') return false;
  std::size_t start = 1;
  while (start <= s.size()) {
    std::size_t end = s.find('/', start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view part = s.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

// The tail of a normal absolute path from its last component named plugins/ or problems/ on, or
// the whole path when it has none: what the general route's walk up from the path gives.
std::string from_nearest_root(const std::string& s) {
  std::size_t end = s.size();
  while (end > 1) {
    const std::size_t slash = s.rfind('/', end - 1);
    const std::string_view name(s.data() + slash + 1, end - slash - 1);
    if (name == "problems" || name == "plugins") return s.substr(slash + 1);
    end = slash;
  }
  return s;
}

}  // namespace

PathDisplay::PathDisplay() {
  std::error_code ec;
  cwd_ = fs::current_path(ec);
  has_cwd_ = !ec;
}

std::string PathDisplay::operator()(const fs::path& p) const {
  // Most paths shown are absolute and normal: below the working directory, the part below it is
  // what the general route gives, and elsewhere the part from the nearest plugins/ or problems/
  // root, without splitting both paths into components.
  if (has_cwd_ && is_normal_absolute(p.native())) {
    const std::string& s = p.native();
    const std::string& c = cwd_.native();
    if (is_normal_absolute(c) && s != c) {
      if (s.size() > c.size() + 1 && s[c.size()] == '/' && s.compare(0, c.size(), c) == 0)
        return s.substr(c.size() + 1);
      return from_nearest_root(s);
    }
  }
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  if (ec) return p.string();
  abs = abs.lexically_normal();
  if (has_cwd_) {
    fs::path rel = abs.lexically_relative(cwd_);
    if (!rel.empty() && *rel.begin() != "..") return rel.string();
  }
  fs::path probe = abs;
  while (probe.has_parent_path() && probe != probe.parent_path()) {
    auto name = probe.filename();
    if (name == "problems" || name == "plugins")
      return abs.lexically_relative(probe.parent_path()).string();
    probe = probe.parent_path();
  }
  return abs.string();
}

std::string display_path(const fs::path& p) {
  return PathDisplay()(p);
}

}  // namespace sdi::pack
