#pragma once
// Everything found on the search path without running Lua: templates, the concept glossary,
// pack manifests, check plugins and reporters. A bad file is recorded as a problem and skipped,
// so one broken pack never hides the others.

#include <lua.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "pack/glossary.hpp"
#include "pack/manifest.hpp"
#include "pack/paths.hpp"
#include "pack/template.hpp"

namespace sdi::pack {

class Library {
 public:
  static Library discover(const SearchPath& path);

  const std::vector<Manifest>& packs() const { return packs_; }
  const Manifest* find_pack(const std::string& id) const;
  const std::vector<Template>& templates() const { return templates_; }
  const Template* find_template(const std::string& id) const;
  const Glossary& glossary() const { return glossary_; }
  const std::vector<std::filesystem::path>& check_plugins() const { return check_plugins_; }
  // Reporter plugin for a format name, or empty when there is none.
  std::filesystem::path find_reporter(const std::string& format) const;
  std::vector<std::string> reporter_names() const;
  const std::vector<std::filesystem::path>& reporter_dirs() const { return reporter_dirs_; }
  // Problems met while discovering (messages already name the file and line).
  const std::vector<std::string>& problems() const { return problems_; }
  // What to tell a user who named a pack the library does not have: the packs it has and, when
  // a folder of that name could not be read, why.
  std::string unknown_pack_message(const std::string& id) const;
  // Harmless observations, e.g. a pack overriding another with the same id.
  const std::vector<std::string>& notes() const { return notes_; }
  const SearchPath& search_path() const { return path_; }

  // Reads one pack folder that is not (yet) on the search path, e.g. `sdi pack lint ./mine`.
  void add_pack_dir(const std::filesystem::path& dir);

  // The engine's native helpers, which every check plugin receives as its chunk argument: a
  // lua_CFunction returning them as a table. The grading engine provides it (the pack layer does
  // not know it); without one, plugins/checks/helpers.lua refuses to load.
  void set_check_plugin_natives(lua_CFunction natives) { check_plugin_natives_ = natives; }
  lua_CFunction check_plugin_natives() const { return check_plugin_natives_; }

 private:
  void add_manifest(const std::filesystem::path& dir);
  // A pack folder whose manifest could not be read: a problem, remembered by folder name.
  void add_unread_pack(const std::filesystem::path& dir, std::string problem);
  // A manifest already read; ignored when its folder is already in the library.
  void add_read_manifest(Manifest m);
  bool has_pack_dir(const std::filesystem::path& canonical) const;
  // Every template of a plugins/templates/ folder and every pack of a problems folder, through
  // the cache (pack/discovery_cache.hpp).
  void add_templates(const std::filesystem::path& folder);
  void add_problems(const std::filesystem::path& folder);
  SearchPath path_;
  std::vector<Manifest> packs_;
  std::vector<Template> templates_;
  Glossary glossary_;
  std::vector<std::filesystem::path> check_plugins_;
  std::vector<std::filesystem::path> reporter_dirs_;
  std::vector<std::string> problems_;
  std::vector<std::string> notes_;
  std::vector<std::pair<std::string, std::string>> unread_packs_;  // folder name, problem
  lua_CFunction check_plugin_natives_ = nullptr;
};

}  // namespace sdi::pack
