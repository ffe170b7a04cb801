#pragma once
// Runs one reporter plugin (plugins/reporters/NAME.lua) over a stream of results. A reporter is a
// Lua file returning { description, start(run), result(r, run), finish(summary, run) }, each
// returning text to append (or nil). It runs in its own sandbox.

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "grade/result.hpp"
#include "lua/sandbox.hpp"
#include "report/summary.hpp"

namespace sdi::report {

struct RunInfo {
  bool color = false;
  double min_score = 0;
  std::string command;  // "grade", "pack test", "report merge"
  std::string shard;    // "K/N" when this run grades one shard of the inputs
};

class Reporter {
 public:
  // Loads the plugin; throws std::runtime_error naming the file and line on a broken plugin.
  Reporter(const std::filesystem::path& plugin, RunInfo info,
           std::function<void(std::string_view)> sink);

  void start();
  void add(const grade::GradeResult& r);
  void finish(const Summary& s);
  const std::string& description() const { return description_; }

 private:
  void call_hook(const char* name, int nargs);
  std::unique_ptr<lua::Sandbox> sandbox_;
  std::function<void(std::string_view)> sink_;
  std::string display_;
  std::string description_;
  int module_ref_ = -2;
  int run_ref_ = -2;
};

// Reads the description of a reporter without running it for results.
std::string reporter_description(const std::filesystem::path& plugin);

}  // namespace sdi::report
