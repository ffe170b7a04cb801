#include "grade/step_mapper.hpp"

#include <doctest/doctest.h>

#include "support.hpp"

using sdi::grade::match_heading;
using sdi::grade::normalize_heading;

namespace {
std::string step_of(const std::string& heading, const std::string& tpl = "classic") {
  const auto& t = *sdi::test::library().find_template(tpl);
  auto m = match_heading(heading, t);
  return m.step < 0 ? "-" : t.steps[m.step].id;
}
}  // namespace

TEST_CASE("headings lose numbering, time budgets and decoration") {
  CHECK(normalize_heading("Step 2 - Propose high-level design") == "propose high-level design");
  CHECK(normalize_heading("(3) Capacity Estimations [3 min]") == "capacity estimations");
  CHECK(normalize_heading("2. Data Model:") == "data model");
  CHECK(normalize_heading("IV. Deep dive") == "deep dive");
  CHECK(normalize_heading("  Part 1: Requirements  ") == "requirements");
}

TEST_CASE("headings map to classic steps through aliases, overlap and typos") {
  CHECK(step_of("Requirments") == "requirements");
  CHECK(step_of("Functional Requirements") == "requirements");
  CHECK(step_of("FR/NFR") == "requirements");
  CHECK(step_of("Step 2 - Propose high-level design") == "high_level");
  CHECK(step_of("HLD") == "high_level");
  CHECK(step_of("High Level Desing") == "high_level");
  CHECK(step_of("(3) Capacity Estimations [3 min]") == "capacity");
  CHECK(step_of("Back of the envelope") == "capacity");
  CHECK(step_of("Back-of-the-envelope estimation") == "capacity");
  CHECK(step_of("Database Schema") == "data_model");
  CHECK(step_of("Clarifying Questions") == "gather");
  CHECK(step_of("Deep Dive: key generation") == "deep_dive");
  CHECK(step_of("Conclusion") == "-");
  CHECK(step_of("Random thoughts about lunch") == "-");
}

TEST_CASE("the same headings map under other templates") {
  CHECK(step_of("System interface", "seven-steps") == "interface");
  CHECK(step_of("Identifying bottlenecks", "seven-steps") == "bottlenecks");
  CHECK(step_of("Design core components", "four-steps") == "core");
  CHECK(step_of("Justify", "justify") == "justify");
  CHECK(step_of("Critical parts", "conversation") == "critical");
}

TEST_CASE("sub-sections inherit their parent's step") {
  sdi::test::Analysed a(
      "# High level design\n\n## Write path\n\ntext\n\n# Deep dive\n\n## Caching\n\nmore\n");
  const auto& t = sdi::test::classic();
  REQUIRE(a.doc.sections.size() == 4);
  CHECK(t.steps[a.analysis.section_step[1]].id == "high_level");
  CHECK(t.steps[a.analysis.section_step[3]].id == "deep_dive");
}

TEST_CASE("one step matcher gives every heading the step a fresh one gives it") {
  const auto& t = *sdi::test::library().find_template("classic");
  sdi::grade::StepMatcher shared(t);
  const char* headings[] = {"Requirments",       "High Level Desing",  "Requirements",
                            "Data Modle",        "Deep dive: caching", "Capacity estimtes",
                            "Random thoughts",   "High level design",  "Requirments",
                            "API desing & data", "Clarifying Questons"};
  for (int round = 0; round < 2; ++round) {
    for (const char* h : headings) {
      auto fresh = match_heading(h, t);
      auto reused = shared.match(h);
      CHECK_MESSAGE(reused.step == fresh.step, h);
      CHECK_MESSAGE(reused.score == fresh.score, h);
    }
  }
}
