#pragma once
// Runs one reporter plugin (plugins/reporters/NAME.lua) over a stream of results. A reporter is a
// Lua file returning { description, start(run), result(r, run), finish(summary, run) }, each
// returning text to append (or nil). It runs in its own sandbox.

#include <cstdio>
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
  // Calls a hook, leaving `nresults` results on the stack (nil for a missing hook).
  void call_hook(const char* name, int nargs, int nresults);
  // A temporary file that keeps report text until finish.
  struct Spool {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file{nullptr, &std::fclose};
  };
  // Writes the string at stack index `idx` (if it is one) to the output, or to `spool`.
  void write_value(int idx, Spool* spool);
  void write_spool(Spool& spool);

  std::unique_ptr<lua::Sandbox> sandbox_;
  std::function<void(std::string_view)> sink_;
  // With `prologue`, what start and result return waits in a temporary file until finish gives
  // the head that goes before it (a root element with totals). The appendices results return
  // wait until after finish's text. Either way memory stays flat.
  bool prologue_ = false;
  Spool body_, appendix_;
  std::string display_;
  std::string description_;
  int module_ref_ = -2;
  int run_ref_ = -2;
};

// Reads the description of a reporter without running it for results.
std::string reporter_description(const std::filesystem::path& plugin);

}  // namespace sdi::report
