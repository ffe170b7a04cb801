#include "repl/journal.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>

#include "report/outputs.hpp"

namespace sdi::repl {

namespace fs = std::filesystem;

namespace {

fs::path sessions_dir() {
  return state_dir() / "sessions";
}

std::string local_time(std::time_t t, const char* format) {
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

}  // namespace

fs::path state_dir() {
  const char* xdg = std::getenv("XDG_STATE_HOME");
  if (xdg != nullptr && *xdg != '\0') return fs::path(xdg) / "sdi";
  const char* home = std::getenv("HOME");
  return fs::path(home != nullptr ? home : ".") / ".local" / "state" / "sdi";
}

Journal Journal::create(const std::string& problem) {
  std::time_t now = std::time(nullptr);
  std::string base = local_time(now, "%Y%m%d-%H%M%S") + "-" + problem;
  Journal j;
  j.id_ = base;
  for (int n = 2; fs::exists(sessions_dir() / j.id_); ++n) j.id_ = fmt::format("{}-{}", base, n);
  j.dir_ = sessions_dir() / j.id_;
  std::error_code ec;
  fs::create_directories(j.dir_, ec);
  if (ec)
    throw std::runtime_error(
        fmt::format("{}: cannot create the session folder: {}", j.dir_.string(), ec.message()));
  return j;
}

std::optional<Journal> Journal::open(const std::string& id) {
  if (id.empty() || id.find('/') != std::string::npos || id == "." || id == "..")
    return std::nullopt;
  fs::path dir = sessions_dir() / id;
  std::error_code ec;
  if (!fs::exists(dir / "session.toml", ec)) return std::nullopt;
  Journal j;
  j.id_ = id;
  j.dir_ = dir;
  return j;
}

std::optional<std::string> Journal::latest() {
  for (const auto& s : list_sessions())
    if (!s.finished) return s.id;
  return std::nullopt;
}

std::string Journal::snapshot() const {
  std::ifstream in(dir_ / "session.toml", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void Journal::record(const std::string& event, const std::string& snapshot_toml) {
  {
    std::ofstream log(dir_ / "journal", std::ios::app | std::ios::binary);
    log << std::time(nullptr) << ' ' << event << '\n';
    log.flush();
  }
  report::write_atomically((dir_ / "session.toml").string(), snapshot_toml);
}

std::vector<SessionInfo> list_sessions() {
  std::vector<std::pair<fs::file_time_type, SessionInfo>> found;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(sessions_dir(), ec)) {
    fs::path snap = e.path() / "session.toml";
    if (!fs::exists(snap, ec)) continue;
    SessionInfo info;
    info.id = e.path().filename().string();
    try {
      toml::table t = toml::parse_file(snap.string());
      info.problem = t["problem"].value_or(std::string());
      info.finished = t["finished"].value_or(false);
      int current = static_cast<int>(t["current"].value_or(0));
      if (const toml::array* steps = t["step"].as_array())
        if (current >= 0 && current < static_cast<int>(steps->size()))
          info.step = (*(*steps)[static_cast<std::size_t>(current)].as_table())["id"].value_or(
              std::string());
    } catch (const toml::parse_error&) {
      continue;
    }
    auto mtime = fs::last_write_time(snap, ec);
    auto sys = std::chrono::time_point_cast<std::chrono::system_clock::duration>(
        mtime - fs::file_time_type::clock::now() + std::chrono::system_clock::now());
    info.modified = local_time(std::chrono::system_clock::to_time_t(sys), "%Y-%m-%d %H:%M");
    found.push_back({mtime, info});
  }
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<SessionInfo> out;
  for (auto& [t, info] : found) out.push_back(std::move(info));
  return out;
}

}  // namespace sdi::repl
