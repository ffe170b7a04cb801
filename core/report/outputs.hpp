#pragma once
// The reports of one run: `--format F[:FILE]`, repeatable. Reports to the terminal stream as
// results arrive; reports to files are collected and written atomically (temp file + rename),
// so an interrupted run leaves the previous file or a complete new one.

#include <memory>
#include <string>
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

class Outputs {
 public:
  // Throws std::runtime_error when a format has no reporter plugin or a plugin is broken.
  Outputs(const pack::Library& library, const std::vector<FormatSpec>& specs, RunInfo info,
          bool stdout_color);

  void start();
  void add(const grade::GradeResult& r);
  // Writes the file reports; returns problems writing them (empty when all went well).
  std::vector<std::string> finish(const Summary& s);

 private:
  struct Output {
    FormatSpec spec;
    std::unique_ptr<AtomicFile> file;  // for reports to a file
    std::unique_ptr<Reporter> reporter;
  };
  std::vector<std::unique_ptr<Output>> outputs_;
};

}  // namespace sdi::report
