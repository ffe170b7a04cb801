#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/inputs.hpp"
#include "cli/run_end.hpp"
#include "report/json_read.hpp"
#include "report/outputs.hpp"

namespace sdi::cli {

int cmd_report_merge(Context& ctx, const MergeArgs& args) {
  std::vector<std::pair<std::string, report::GradeReport>> reports;
  bool failed = false;
  for (const auto& file : args.files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      error(fmt::format("{}: cannot be read", file));
      failed = true;
      continue;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    try {
      reports.emplace_back(file, report::read_grade_report(report::parse_json(ss.str())));
    } catch (const std::exception& e) {
      error(fmt::format("{}:{}", file, e.what()));
      failed = true;
    }
  }
  if (reports.empty()) return kExitError;
  // Shards go back in their order (K of K/N), so the merged report equals an unsharded run.
  std::stable_sort(reports.begin(), reports.end(), [](const auto& a, const auto& b) {
    auto ka = parse_shard(a.second.shard), kb = parse_shard(b.second.shard);
    return (ka ? ka->first : 0) < (kb ? kb->first : 0);
  });
  std::vector<report::FormatSpec> specs;
  for (const auto& f : args.formats.empty() ? std::vector<std::string>{"text"} : args.formats)
    specs.push_back(report::parse_format_spec(f));
  report::RunInfo info;
  info.command = "report merge";
  info.min_score = reports.front().second.min_score;
  report::Outputs outputs(ctx.library(), specs, info, ctx.color_for(1));
  report::Summary summary;
  summary.min_score = info.min_score;
  outputs.start();
  for (const auto& [file, r] : reports)
    for (const auto& result : r.results) {
      failed = failed || !result.errors.empty() || !result.graded;
      summary.add(result);
      outputs.add(result);
    }
  return finish_run(outputs, summary, failed);
}

}  // namespace sdi::cli
