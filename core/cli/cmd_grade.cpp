#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/inputs.hpp"
#include "cli/parallel_grade.hpp"
#include "cli/progress.hpp"
#include "cli/run_end.hpp"
#include "cli/teardown.hpp"
#include "grade/session.hpp"
#include "report/outputs.hpp"

namespace sdi::cli {

int cmd_grade(Context& ctx, const GradeArgs& args) {
  const pack::Library& lib = ctx.library();
  ctx.warn_library_problems();

  std::vector<report::FormatSpec> specs;
  for (const auto& f : args.formats.empty() ? std::vector<std::string>{"text"} : args.formats)
    specs.push_back(report::parse_format_spec(f));
  report::RunInfo info;
  info.min_score = args.min_score;
  info.command = "grade";
  info.shard = args.shard;
  auto owned_outputs = std::make_unique<report::Outputs>(lib, specs, info, ctx.color_for(1));
  report::Outputs& outputs = *owned_outputs;

  InputList inputs = collect_inputs(args.paths);
  bool failed = !inputs.problems.empty();
  for (const auto& p : inputs.problems) error(p);
  if (!args.shard.empty()) {
    auto shard = parse_shard(args.shard);
    if (!shard) {
      error(fmt::format("--shard {}: write K/N with 1 <= K <= N, e.g. --shard 2/4", args.shard));
      return kExitError;
    }
    inputs.files = shard_slice(inputs.files, shard->first, shard->second);
  }

  grade::GradeOptions options{args.problem, args.template_id};
  report::Summary summary;
  summary.min_score = args.min_score;
  int jobs = args.jobs > 0 ? args.jobs
                           : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  Progress progress(inputs.files.size(), isatty(2) != 0 && std::getenv("CI") == nullptr);
  outputs.start();
  // Reporters with a `render` hook format each result on the worker that graded it.
  std::function<WorkerStep()> make_step;
  if (outputs.renders())
    make_step = [&outputs]() -> WorkerStep {
      std::shared_ptr<report::WorkerRenderers> renderers = outputs.worker_renderers();
      return [renderers](Graded& g) { renderers->render(g.result, g.rendering); };
    };
  grade_in_order(lib, inputs.files, options, jobs, make_step, [&](std::size_t, Graded& g) {
    const grade::GradeResult& r = g.result;
    progress.clear();
    for (const auto& e : r.errors) error(e);
    failed = failed || !r.errors.empty() || !r.graded;
    summary.add(r);
    outputs.add(r, g.rendering);
    progress.step();
  });
  progress.clear();
  const int code = finish_run(outputs, summary, failed);
  done_with(std::move(owned_outputs));
  return code;
}

}  // namespace sdi::cli
