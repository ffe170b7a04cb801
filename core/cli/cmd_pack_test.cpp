#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "grade/session.hpp"

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

std::vector<const pack::Manifest*> select_packs(Context& ctx, const std::vector<std::string>& targets,
                                                 bool& failed) {
  std::vector<const pack::Manifest*> out;
  const pack::Library& lib = ctx.library();
  if (targets.empty()) {
    for (const auto& m : lib.packs()) out.push_back(&m);
    return out;
  }
  for (const auto& t : targets) {
    const pack::Manifest* m = lib.find_pack(t);
    std::error_code ec;
    if (m == nullptr && std::filesystem::exists(std::filesystem::path(t) / "pack.toml", ec)) {
      auto canonical = std::filesystem::weakly_canonical(t, ec);
      for (const auto& p : lib.packs())
        if (p.dir == canonical) m = &p;
    }
    if (m == nullptr) {
      error(fmt::format("{}: not a pack id or a folder with pack.toml (see `sdi list`)", t));
      failed = true;
      continue;
    }
    out.push_back(m);
  }
  return out;
}

}  // namespace

int cmd_pack_test(Context& ctx, const PackTestArgs& args) {
  // Folders named on the command line join the search path so they can be tested in place.
  for (const auto& t : args.targets) {
    std::error_code ec;
    if (std::filesystem::exists(std::filesystem::path(t) / "pack.toml", ec)) ctx.add_pack_path(t);
  }
  Context& c = ctx;
  bool failed_packs = c.report_library_problems();
  bool out_of_band = false;
  std::vector<const pack::Manifest*> packs = select_packs(c, args.targets, failed_packs);
  grade::Session session(c.library());
  int total = 0, passed = 0;
  for (const pack::Manifest* m : packs) {
    std::cout << m->id << "\n";
    if (m->samples.empty()) {
      error(fmt::format("{}: declares no [[sample]] answers with score bands; add some to test the pack",
                        m->file));
      failed_packs = true;
      continue;
    }
    std::string load_error;
    if (session.grader_for(m->id, load_error) == nullptr) {
      error(load_error);
      failed_packs = true;
      continue;
    }
    for (const auto& sample : m->samples) {
      ++total;
      std::string path = (m->dir / sample.file).string();
      grade::GradeOptions options;
      options.problem = m->id;
      grade::GradeResult r = session.grade_file(path, options);
      std::string band = fmt::format("{:g}-{:g}", sample.low, sample.high);
      if (!r.graded || !r.errors.empty()) {
        std::cout << fmt::format("  ERROR {:<32} band {}\n", sample.file, band);
        for (const auto& e : r.errors) error(e);
        failed_packs = true;
        continue;
      }
      bool ok = r.score >= sample.low && r.score <= sample.high;
      if (ok) {
        ++passed;
        std::cout << fmt::format("  ok    {:<32} {:5.1f}  band {}\n", sample.file, r.score, band);
      } else {
        out_of_band = true;
        bool high = r.score > sample.high;
        std::cout << fmt::format("  FAIL  {:<32} {:5.1f}  band {}  ({}; moved by: {})\n", sample.file,
                                 r.score, band, high ? "too high" : "too low", moved_by(r, high));
      }
    }
  }
  std::cout << fmt::format("{} passed, {} failed\n", passed, total - passed);
  if (failed_packs) return kExitError;
  return out_of_band ? kExitBelowBar : kExitOk;
}

}  // namespace sdi::cli
