#pragma once
// pack.toml: what a pack is, readable without running any Lua.

#include <filesystem>
#include <string>
#include <vector>

namespace sdi::pack {

struct SampleBand {
  std::string file;  // relative to the pack folder, e.g. "answers/strong.md"
  double low = 0;
  double high = 100;
  int line = 0;  // in pack.toml
};

struct Manifest {
  std::string id;
  std::string title;
  std::string version;
  std::string engine;      // version range, e.g. ">=0.1, <1.0"
  std::string difficulty;  // easy | medium | hard
  std::vector<std::string> tags;
  std::string template_id;
  std::string summary;
  std::string prompt;
  std::vector<SampleBand> samples;
  std::filesystem::path dir;
  std::string file;  // display path of pack.toml
};

// Reads and validates DIR/pack.toml; throws pack::Error naming the file, line and key.
Manifest read_manifest(const std::filesystem::path& dir);

// True when `version` satisfies a range such as ">=0.1, <1.0", "^0.1", "0.1.0" or "*".
// Throws std::invalid_argument describing a malformed range.
bool version_in_range(const std::string& version, const std::string& range);

}  // namespace sdi::pack
