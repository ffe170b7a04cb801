#pragma once
// The reports of one run: `--format F[:FILE]`, repeatable. Reports to the terminal stream as
// results arrive; reports to files are collected and written atomically (temp file + rename),
// so an interrupted run leaves the previous file or a complete new one.

#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "grade/result.hpp"
#include "pack/library.hpp"
#include "report/atomic_file.hpp"
#include "report/reporter.hpp"
#include "report/summary.hpp"

namespace sdi::report {

struct FormatSpec {
  std::string format;
  std::string file;  // empty: standard output
};

// Parses "json" or "junit:out/report.xml". Throws std::invalid_argument with a usable message.
FormatSpec parse_format_spec(const std::string& spec);

// What one worker rendered of one result for every output (nullopt where the reporter has no
// `render` hook), or the error rendering output `failed_at` raised.
struct Rendering {
  std::vector<std::optional<Rendered>> outputs;
  std::exception_ptr error;
  std::size_t failed_at = 0;
};

// A grading worker's renderers: one per output whose reporter has a `render` hook.
class WorkerRenderers {
 public:
  WorkerRenderers() = default;  // renders nothing: every output renders in its reporter
  WorkerRenderers(const std::vector<std::filesystem::path>& plugins,
                  const std::vector<RunInfo>& infos, const std::vector<bool>& renders);
  // Renders `r` into `out`, reusing the buffers `out` holds from an earlier result. Never throws:
  // an error is kept in the Rendering for the main thread to raise in order.
  void render(const grade::GradeResult& r, Rendering& out);

 private:
  std::vector<std::unique_ptr<Renderer>> renderers_;
};

class Outputs {
 public:
  // Throws std::runtime_error when a format has no reporter plugin or a plugin is broken.
  Outputs(const pack::Library& library, const std::vector<FormatSpec>& specs, RunInfo info,
          bool stdout_color);

  void start();
  void add(const grade::GradeResult& r);
  // Adds a result some worker already rendered with worker_renderers(); raises its error.
  void add(const grade::GradeResult& r, Rendering& rendering);
  // True when some reporter renders on the workers.
  bool renders() const;
  // Makes a worker's own renderers; call it on that worker's thread. Called on the thread that
  // made these Outputs (one job, or one input), it makes none: the reporters render there
  // themselves, in the sandbox they already have, rather than load each plugin a second time.
  std::unique_ptr<WorkerRenderers> worker_renderers() const;
  // Writes the file reports; returns problems writing them (empty when all went well).
  std::vector<std::string> finish(const Summary& s);

 private:
  struct Output {
    FormatSpec spec;
    std::unique_ptr<AtomicFile> file;  // for reports to a file
    std::unique_ptr<Reporter> reporter;
    std::filesystem::path plugin;
    RunInfo info;
  };
  std::vector<std::unique_ptr<Output>> outputs_;
  std::thread::id owner_ = std::this_thread::get_id();
};

}  // namespace sdi::report
