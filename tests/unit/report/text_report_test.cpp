// The terminal report (plugins/reporters/text.lua, written by the engine through sdi.text_render):
// its layout, line wrapping and shortening, numbers and colours, and the hook's use from Lua.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "report/reporter.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using sdi::grade::CheckResult;
using sdi::grade::GradeResult;
using sdi::grade::Status;
using sdi::grade::StepResult;
using sdi::report::Renderer;
using sdi::report::RunInfo;

namespace {

std::string text_report(const GradeResult& r, bool color = false) {
  RunInfo info;
  info.color = color;
  Renderer renderer(fs::path(SDI_SOURCE_DIR) / "plugins" / "reporters" / "text.lua", info);
  return renderer.render(r).text;
}

CheckResult check(std::string title, Status status, double points, double max) {
  CheckResult c;
  c.id = "c";
  c.title = std::move(title);
  c.status = status;
  c.points = points;
  c.max = max;
  return c;
}

GradeResult one_step(std::vector<CheckResult> checks) {
  GradeResult r = sdi::test::sample_result("a.md", 72.5);
  r.errors.clear();
  StepResult s;
  s.id = "s";
  s.title = "Step";
  s.points = 3;
  s.max = 4;
  s.verdict = "solid";
  s.checks = std::move(checks);
  r.steps.push_back(std::move(s));
  return r;
}

}  // namespace

TEST_CASE("the text report lays out the score, the steps and their checks") {
  GradeResult r = one_step(
      {check("Names the cache", Status::Pass, 2, 2), check("Sizes it", Status::Partial, 0.25, 2)});
  StepResult second;
  second.title = "Second";
  second.points = 1;
  second.max = 4;
  second.verdict = "thin";
  r.steps.push_back(second);
  StepResult ungraded;
  ungraded.title = "Not graded";
  r.steps.push_back(ungraded);
  r.facets.push_back({"clarify", 2.75, 4, "solid"});
  // Step titles are padded to 52 bytes, check titles to 64 (after the mark).
  auto step = [](const std::string& title, const std::string& right) {
    return title + std::string(52 - title.size(), ' ') + right + "\n";
  };
  auto line = [](const std::string& head, const std::string& title, const std::string& points) {
    return "    " + head + " " + title + std::string(64 - title.size(), ' ') + points + "\n";
  };
  CHECK(text_report(r) ==
        "a.md  twitter · classic  72.5/100 pass\n"
        "  strongest: Step (75%)   weakest: Second (25%)\n"
        "  facets: clarify 2.8/4 solid\n"
        "\n" +
            step("  1. Step", "3/4   75%  solid") + line("✓", "Names the cache", "2/2") +
            line("~", "Sizes it", "0.2/2") + "\n" + step("  2. Second", "1/4   25%  thin") + "\n" +
            step("  3. Not graded", "not graded") + "\n");
}

TEST_CASE("feedback wraps at whole words and evidence is shortened on a character boundary") {
  CheckResult c = check("T", Status::Fail, 0, 1);
  c.feedback = "  one\ttwo   " + std::string(85, 'x') + " three " + std::string(100, 'y') + " ";
  c.suggestion = "Add it.";
  c.evidence.push_back({0, std::string(76, 'e') + "é and\nmore text after it"});
  std::string report = text_report(one_step({c}));
  CHECK(report.find("        one two\n        " + std::string(85, 'x') +
                    "\n        three\n        " + std::string(100, 'y') + "\n") !=
        std::string::npos);
  CHECK(report.find("        front matter: \"" + std::string(76, 'e') + "...\"\n") !=
        std::string::npos);
  CHECK(report.find("        → Add it.\n") != std::string::npos);
}

TEST_CASE("the text report is coloured when the run is") {
  GradeResult r = one_step({check("T", Status::Error, 0, 1)});
  r.level = "borderline";
  std::string report = text_report(r, true);
  CHECK(report.rfind("\33[1ma.md\33[0m  \33[2mtwitter · classic\33[0m  \33[1m\33[33m72.5/100 "
                     "borderline\33[0m\n",
                     0) == 0);
  CHECK(report.find("    \33[35m!\33[0m T") != std::string::npos);
  CHECK(report.find("\33[1m  1. Step\33[0m") != std::string::npos);
}

TEST_CASE("an answer that could not be graded lists its errors") {
  GradeResult r = sdi::test::sample_result("b.md", 0);
  r.graded = false;
  CHECK(text_report(r) == "b.md  not graded\n  a \"quoted\"\nerror\n\n");
}

TEST_CASE("sdi.text_render's hook is the engine's to run, not Lua's") {
  fs::path dir = fs::temp_directory_path() / "sdi-report-test-text-render";
  fs::create_directories(dir);
  fs::path plugin = dir / "calls.lua";
  std::ofstream(plugin) << "local hook = sdi.text_render()\n"
                           "return { render = function(r) return hook(r) end }\n";
  Renderer calling(plugin, {});
  CHECK_THROWS_WITH_AS(calling.render(sdi::test::sample_result("a.md", 1)),
                       doctest::Contains("the engine writes this report"), std::runtime_error);
}

TEST_CASE("a run of spaces or a line break folds into one space wherever it falls in the text") {
  // Texts are scanned in blocks; a run may straddle two of them or sit in the last few bytes.
  for (std::size_t at = 1; at < 40; ++at)
    for (const std::string gap : {"  ", "\n", "\t", " \r", "\v "}) {
      CheckResult c = check("T", Status::Fail, 0, 1);
      c.feedback = std::string(at, 'a') + gap + std::string(40 - at, 'b');
      const std::string folded = std::string(at, 'a') + " " + std::string(40 - at, 'b');
      CHECK(text_report(one_step({c})).find("        " + folded + "\n") != std::string::npos);
    }
}
