#include "pack/library.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "pack/discovery_cache.hpp"
#include "pack/error.hpp"

namespace sdi::pack {

namespace fs = std::filesystem;

namespace {

// The files of `dir` whose names end in `extension`, sorted.
std::vector<fs::path> sorted_entries(const fs::path& dir, const std::string& extension) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == extension) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// A folder among the packs that the file system would not let us read, and the problem saying so.
struct Unreadable {
  fs::path dir;
  std::string problem;
};

std::string cannot_read(const fs::path& dir, const std::error_code& ec) {
  return fmt::format("{}: cannot read this folder ({}); any pack in it is left out",
                     display_path(dir), ec.message());
}

// The folders below `folder` that hold a pack.toml, sorted, each by its canonical path. A folder
// that is not a symbolic link is its canonical parent's child: only `folder` itself (and a linked
// pack) is resolved through the file system, not every pack, component by component. A folder that
// cannot be read goes to `unreadable`: skipped in silence, a pack there would simply be missing
// from `sdi list` with no hint why.
std::vector<fs::path> pack_folders(const fs::path& folder, std::vector<Unreadable>& unreadable) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return out;
  const fs::path canonical_folder = fs::weakly_canonical(folder, ec);
  const bool folder_resolved = !ec;
  std::vector<std::pair<fs::path, bool>> dirs;  // each with whether it is a symbolic link
  // An error opening the folder or reading its next entry ends the listing.
  std::error_code list_ec;
  for (fs::directory_iterator it(folder, list_ec); !list_ec && it != fs::directory_iterator();
       it.increment(list_ec)) {
    std::error_code type_ec;
    if (it->is_directory(type_ec))
      dirs.emplace_back(it->path(), it->is_symlink(type_ec) || type_ec);
    else if (type_ec && type_ec != std::errc::no_such_file_or_directory)  // a link in a loop
      unreadable.push_back({it->path(), cannot_read(it->path(), type_ec)});
  }
  if (list_ec) unreadable.push_back({folder, cannot_read(folder, list_ec)});
  std::sort(dirs.begin(), dirs.end());
  for (const auto& [dir, linked] : dirs) {
    std::error_code manifest_ec;
    if (!fs::exists(dir / "pack.toml", manifest_ec)) {
      if (manifest_ec && manifest_ec != std::errc::no_such_file_or_directory)
        unreadable.push_back({dir, cannot_read(dir, manifest_ec)});
      continue;
    }
    if (folder_resolved && !linked) {
      out.push_back(canonical_folder / dir.filename());
      continue;
    }
    fs::path canonical = fs::weakly_canonical(dir, ec);
    out.push_back(ec ? dir : canonical);
  }
  return out;
}

}  // namespace

bool Library::has_pack_dir(const fs::path& canonical) const {
  for (const auto& m : packs_)
    if (m.dir == canonical) return true;
  return false;
}

void Library::add_read_manifest(Manifest m) {
  if (has_pack_dir(m.dir)) return;
  // Later entries on the search path override earlier ones, so an author's copy of a pack
  // (--pack-path, SDI_PATH, or a folder named on the command line) replaces the built-in one.
  for (auto& existing : packs_) {
    if (existing.id == m.id) {
      notes_.push_back(fmt::format("{}: pack '{}' overrides {}", m.file, m.id, existing.file));
      existing = std::move(m);
      return;
    }
  }
  packs_.push_back(std::move(m));
}

void Library::add_manifest(const fs::path& dir) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(dir, ec);
  if (ec) canonical = dir;
  if (has_pack_dir(canonical)) return;
  try {
    add_read_manifest(read_manifest(canonical));
  } catch (const Error& e) {
    add_unread_pack(canonical, e.what());
  }
}

void Library::add_templates(const fs::path& folder) {
  std::vector<fs::path> files = sorted_entries(folder, ".toml");
  std::string source = folder_source("templates", folder, files);
  std::optional<std::vector<Template>> read = load_templates(folder, source, files);
  if (!read) {
    read.emplace();
    for (const auto& file : files) {
      try {
        read->push_back(read_template(file));
      } catch (const Error& e) {
        problems_.push_back(e.what());
        source.clear();  // only a folder read without an error is cached
      }
    }
    store_templates(folder, source, *read);
  }
  for (auto& t : *read)
    if (find_template(t.id) == nullptr) templates_.push_back(std::move(t));
}

void Library::add_problems(const fs::path& folder) {
  std::vector<Unreadable> unreadable;
  std::vector<fs::path> dirs = pack_folders(folder, unreadable);
  for (auto& u : unreadable) {
    if (u.dir == folder)
      problems_.push_back(std::move(u.problem));
    else
      add_unread_pack(u.dir, std::move(u.problem));
  }
  std::string source = folder_source("manifests", folder, manifest_files(dirs));
  if (auto cached = load_manifests(folder, source, dirs)) {
    for (auto& m : *cached) add_read_manifest(std::move(m));
    return;
  }
  std::vector<Manifest> read;
  for (const auto& dir : dirs) {
    // A folder already on the path (named twice) is neither read again nor reported twice.
    bool known = has_pack_dir(dir);
    try {
      Manifest m = read_manifest(dir);
      if (!source.empty()) read.push_back(m);
      if (!known) add_read_manifest(std::move(m));
    } catch (const Error& e) {
      if (!known) add_unread_pack(dir, e.what());
      source.clear();  // only a folder read without an error is cached
    }
  }
  store_manifests(folder, source, read);
}

void Library::add_unread_pack(const fs::path& dir, std::string problem) {
  unread_packs_.emplace_back(dir.filename().string(), problem);
  problems_.push_back(std::move(problem));
}

std::string Library::unknown_pack_message(const std::string& id) const {
  std::string known;
  for (const auto& p : packs_) known += (known.empty() ? "" : ", ") + p.id;
  if (known.empty()) known = "none";
  // A pack's folder is named after its id by convention (`sdi pack new` makes it so).
  for (const auto& [folder, problem] : unread_packs_)
    if (folder == id)
      return fmt::format("unknown problem '{}': its pack could not be read: {}; known problems: {}",
                         id, problem, known);
  return fmt::format("unknown problem '{}'; known problems: {}", id, known);
}

void Library::add_pack_dir(const fs::path& dir) {
  add_manifest(dir);
}

Library Library::discover(const SearchPath& path) {
  Library lib;
  lib.path_ = path;
  lib.problems_ = path.problems;
  for (const auto& plugins : path.plugin_dirs) {
    lib.add_templates(plugins / "templates");
    try {
      read_glossary_dir(plugins / "concepts", lib.glossary_);
    } catch (const Error& e) {
      lib.problems_.push_back(e.what());
    }
    for (const auto& file : sorted_entries(plugins / "checks", ".lua"))
      lib.check_plugins_.push_back(file);
    std::error_code ec;
    if (fs::is_directory(plugins / "reporters", ec))
      lib.reporter_dirs_.push_back(plugins / "reporters");
  }
  for (const auto& problems : path.problem_dirs) lib.add_problems(problems);
  for (const auto& dir : path.pack_dirs) lib.add_manifest(dir);
  return lib;
}

const Manifest* Library::find_pack(const std::string& id) const {
  for (const auto& m : packs_)
    if (m.id == id) return &m;
  return nullptr;
}

const Template* Library::find_template(const std::string& id) const {
  for (const auto& t : templates_)
    if (t.id == id) return &t;
  return nullptr;
}

fs::path Library::find_reporter(const std::string& format) const {
  // A format is a plugin's name, never a path to one of their modules ("lib/escape").
  if (format.empty() || format.find_first_of("/\\.") != std::string::npos) return {};
  // Later folders on the search path win, so a user's reporter can replace a built-in one.
  for (auto it = reporter_dirs_.rbegin(); it != reporter_dirs_.rend(); ++it) {
    fs::path p = *it / (format + ".lua");
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) return p;
  }
  return {};
}

std::vector<std::string> Library::reporter_names() const {
  std::vector<std::string> names;
  for (const auto& dir : reporter_dirs_)
    for (const auto& file : sorted_entries(dir, ".lua")) {
      std::string n = file.stem().string();
      if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace sdi::pack
