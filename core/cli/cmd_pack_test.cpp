#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/pack_targets.hpp"
#include "cli/pack_test_report.hpp"
#include "grade/session.hpp"
#include "report/outputs.hpp"

namespace sdi::cli {

namespace {

struct Moved {
  std::string id;
  double points;
  double max;
};

// The checks that pushed a score out of its band: the biggest losses when it is too low, the
// biggest gains when it is too high.
std::string moved_by(const grade::GradeResult& r, bool too_high) {
  std::vector<Moved> all;
  for (const auto& s : r.steps)
    for (const auto& c : s.checks) all.push_back({c.id, c.points, c.max});
  std::sort(all.begin(), all.end(), [&](const Moved& a, const Moved& b) {
    double ka = too_high ? a.points : a.max - a.points;
    double kb = too_high ? b.points : b.max - b.points;
    return ka != kb ? ka > kb : a.id < b.id;
  });
  std::string out;
  for (std::size_t i = 0; i < all.size() && i < 4; ++i)
    out += fmt::format("{}{} {:g}/{:g}", i ? ", " : "", all[i].id, all[i].points, all[i].max);
  return out;
}

}  // namespace

int cmd_pack_test(Context& ctx, const PackTestArgs& args) {
  std::vector<report::FormatSpec> specs;
  for (const auto& f : args.formats.empty() ? std::vector<std::string>{"text"} : args.formats) {
    specs.push_back(report::parse_format_spec(f));
    if (!is_pack_test_format(specs.back().format)) {
      error(fmt::format("unknown format '{}'; pack test writes text, json, junit or tap",
                        specs.back().format));
      return kExitError;
    }
  }
  add_target_folders(ctx, args.targets);
  bool failed_packs = ctx.report_library_problems();
  std::vector<const pack::Manifest*> packs = select_packs(ctx, args.targets, failed_packs);
  grade::Session session(ctx.library());
  PackTestRun run;
  for (const pack::Manifest* m : packs) {
    PackTestPack& p = run.packs.emplace_back();
    p.id = m->id;
    p.file = m->file;
    if (m->samples.empty()) {
      p.error = fmt::format(
          "{}: declares no [[sample]] answers with score bands; add some to test the pack",
          m->file);
      continue;
    }
    std::string load_error;
    if (session.grader_for(m->id, load_error) == nullptr) {
      p.error = load_error;
      continue;
    }
    for (const auto& sample : m->samples) {
      PackTestSample& s = p.samples.emplace_back();
      s.file = sample.file;
      s.low = sample.low;
      s.high = sample.high;
      grade::GradeOptions options;
      options.problem = m->id;
      grade::GradeResult r = session.grade_file((m->dir / sample.file).string(), options);
      if (!r.graded || !r.errors.empty()) {
        s.status = PackTestSample::Status::Error;
        for (const auto& e : r.errors) s.errors.push_back(e);
        continue;
      }
      s.score = r.score;
      if (r.score >= sample.low && r.score <= sample.high) {
        s.status = PackTestSample::Status::Pass;
      } else {
        s.status = PackTestSample::Status::Fail;
        bool high = r.score > sample.high;
        s.detail =
            fmt::format("{}; moved by: {}", high ? "too high" : "too low", moved_by(r, high));
      }
    }
  }
  for (const auto& p : run.packs) {
    if (!p.error.empty()) error(p.error);
    for (const auto& s : p.samples)
      for (const auto& e : s.errors) error(e);
  }
  bool write_failed = false;
  for (const auto& spec : specs) {
    std::string text = render_pack_test(run, spec.format);
    if (spec.file.empty()) {
      std::cout << text;
      continue;
    }
    try {
      report::write_atomically(spec.file, text);
    } catch (const std::exception& e) {
      error(e.what());
      write_failed = true;
    }
  }
  if (failed_packs || write_failed || run.errors() > 0) return kExitError;
  return run.failures() > 0 ? kExitBelowBar : kExitOk;
}

}  // namespace sdi::cli
