#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/inputs.hpp"
#include "grade/session.hpp"
#include "report/outputs.hpp"

namespace sdi::cli {

int cmd_grade(Context& ctx, const GradeArgs& args) {
  const pack::Library& lib = ctx.library();
  for (const auto& p : lib.problems()) warn(p);

  std::vector<report::FormatSpec> specs;
  for (const auto& f : args.formats.empty() ? std::vector<std::string>{"text"} : args.formats)
    specs.push_back(report::parse_format_spec(f));
  report::RunInfo info;
  info.min_score = args.min_score;
  info.command = "grade";
  report::Outputs outputs(lib, specs, info, ctx.color_for(1));

  InputList inputs = collect_inputs(args.paths);
  bool failed = !inputs.problems.empty();
  for (const auto& p : inputs.problems) error(p);

  grade::Session session(lib);
  grade::GradeOptions options{args.problem, args.template_id};
  report::Summary summary;
  summary.min_score = args.min_score;
  outputs.start();
  for (const auto& file : inputs.files) {
    grade::GradeResult r = session.grade_file(file, options);
    for (const auto& e : r.errors) error(e);
    failed = failed || !r.errors.empty() || !r.graded;
    summary.add(r);
    outputs.add(r);
  }
  summary.finish();
  for (const auto& problem : outputs.finish(summary)) {
    error(problem);
    failed = true;
  }
  if (failed) return kExitError;
  return summary.below > 0 ? kExitBelowBar : kExitOk;
}

}  // namespace sdi::cli
