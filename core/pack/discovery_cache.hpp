#pragma once
// Templates and pack manifests read through the cache (pack/cache.hpp), as the glossary is: a
// folder whose files all read without an error is stored as one entry, and loaded from it while
// none of those files changed, instead of parsing its TOML at every start.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "pack/manifest.hpp"
#include "pack/template.hpp"

namespace sdi::pack {

// What an entry for `files` (a folder's, sorted) depends on: each file's path and identity.
// Empty when the cache is off or some file cannot be known by its identity (missing, or changed
// too recently), and then nothing is read or stored.
std::string folder_source(std::string_view kind, const std::filesystem::path& folder,
                          const std::vector<std::filesystem::path>& files);

// The templates of `files` (plugins/templates/*.toml), one per file in order, when the cache
// holds them under `source`.
std::optional<std::vector<Template>> load_templates(
    const std::filesystem::path& folder, const std::string& source,
    const std::vector<std::filesystem::path>& files);
void store_templates(const std::filesystem::path& folder, const std::string& source,
                     const std::vector<Template>& templates);

// The manifests of the pack folders `dirs` (canonical, each with a pack.toml), one per folder.
std::optional<std::vector<Manifest>> load_manifests(const std::filesystem::path& folder,
                                                    const std::string& source,
                                                    const std::vector<std::filesystem::path>& dirs);
void store_manifests(const std::filesystem::path& folder, const std::string& source,
                     const std::vector<Manifest>& manifests);

// The pack.toml of each pack folder, as folder_source wants the files.
std::vector<std::filesystem::path> manifest_files(const std::vector<std::filesystem::path>& dirs);

}  // namespace sdi::pack
