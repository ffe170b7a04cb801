#pragma once
// Sessions on disk: $XDG_STATE_HOME/sdi/sessions/ID/ (fallback ~/.local/state/sdi). Every change
// is appended to `journal` (one line per event, flushed before the prompt returns) and the whole
// state is rewritten to `session.toml` through a temporary file and a rename, so a crash, kill -9
// or closed terminal loses nothing that was typed.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sdi::repl {

std::filesystem::path state_dir();

struct SessionInfo {
  std::string id;
  std::string problem;
  std::string modified;  // local time of the last change
  std::string step;
  bool finished = false;
};

class Journal {
 public:
  // A new session folder named after the time and the problem.
  static Journal create(const std::string& problem);
  // An existing session; nullopt when there is none with that id.
  static std::optional<Journal> open(const std::string& id);
  // The most recently changed unfinished session, if any.
  static std::optional<std::string> latest();

  const std::string& id() const { return id_; }
  const std::filesystem::path& dir() const { return dir_; }
  std::string snapshot() const;  // the saved state (TOML), empty when none

  // Appends one event line and rewrites the snapshot atomically.
  void record(const std::string& event, const std::string& snapshot_toml);

 private:
  std::string id_;
  std::filesystem::path dir_;
};

std::vector<SessionInfo> list_sessions();

}  // namespace sdi::repl
