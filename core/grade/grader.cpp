#include "grade/grader.hpp"

#include <fmt/format.h>
#include <lauxlib.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "grade/analysis.hpp"
#include "grade/answer_lua.hpp"
#include "grade/answer_reading.hpp"
#include "grade/check_context.hpp"
#include "grade/estimates.hpp"
#include "grade/questions.hpp"
#include "grade/step_mapper.hpp"
#include "pack/facets.hpp"

namespace sdi::grade {

namespace {

CheckResult run_check(const pack::Check& check, const CheckContext& ctx) {
  switch (check.kind) {
    case pack::CheckKind::Concepts:
      return run_concepts_check(check, ctx);
    case pack::CheckKind::Estimate:
      return run_estimate_check(check, ctx);
    case pack::CheckKind::Diagram:
      return run_diagram_check(check, ctx);
    case pack::CheckKind::Questions:
      return run_questions_check(check, ctx);
    case pack::CheckKind::Custom:
      return run_custom_check(check, ctx);
  }
  return {};
}

// Rounds to one decimal so reports are stable and readable.
double round1(double v) {
  return std::round(v * 10.0) / 10.0;
}

}  // namespace

Grader::Grader(const pack::Library& library, pack::LoadedPack& pack)
    : library_(library),
      pack_(pack),
      index_(library.glossary(), pack.content().concepts),
      estimate_model_(pack),
      questions_(pack.content().questions, "questions " + pack.manifest().id) {}

GradeResult Grader::grade(const text::Document& doc, const pack::Template& tpl) {
  GradeResult result;
  result.file = doc.path;
  result.problem = pack_.manifest().id;
  result.template_id = tpl.id;
  result.graded = true;

  auto steps = step_matchers_.find(&tpl);
  if (steps == step_matchers_.end()) steps = step_matchers_.emplace(&tpl, StepMatcher(tpl)).first;
  Analysis analysis = analyse(doc, tpl, index_, steps->second);
  QuestionFindings questions = find_questions(analysis, questions_);
  EstimateFindings estimates = find_estimates(analysis, pack_, estimate_model_);
  CheckContext ctx{doc, tpl, pack_, index_, analysis, estimates, questions};

  std::vector<const pack::Check*> checks = pack_.checks_for(tpl);
  bool needs_lua = std::any_of(checks.begin(), checks.end(), [](const pack::Check* c) {
    return c->kind == pack::CheckKind::Custom;
  });
  lua_State* L = pack_.sandbox().state();
  std::string answer_problem;
  std::optional<AnswerReading> reading;
  if (needs_lua) {
    reading.emplace(analysis);
    ctx.reading = &*reading;
    try {
      lua_pushcfunction(L, build_answer);
      lua_pushlightuserdata(L, &ctx);
      pack_.sandbox().call(1, 1);
      ctx.answer_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    } catch (const lua::Error& e) {
      answer_problem = e.what();
    }
  }

  result.steps.resize(tpl.steps.size());
  for (std::size_t i = 0; i < tpl.steps.size(); ++i) {
    result.steps[i].id = tpl.steps[i].id;
    result.steps[i].title = tpl.steps[i].title;
  }
  for (std::size_t si = 0; si < doc.sections.size(); ++si)
    if (analysis.section_step[si] >= 0)
      result.steps[analysis.section_step[si]].sections.push_back(doc.sections[si].line);

  double total_points = 0, total_max = 0;
  for (const pack::Check* check : checks) {
    CheckResult r;
    if (check->kind == pack::CheckKind::Custom && !answer_problem.empty()) {
      r.status = Status::Error;
      r.feedback =
          fmt::format("check '{}' could not see the answer: {}", check->id, answer_problem);
    } else {
      r = run_check(*check, ctx);
    }
    r.id = check->id;
    r.title = check->title;
    r.facet = check->facet;
    r.kind = pack::kind_name(check->kind);
    double fraction = r.max > 0 ? r.points / r.max : 0;
    r.max = check->weight;
    r.points = round1(check->weight * fraction);
    if (r.status == Status::Error) {
      r.points = 0;
      result.errors.push_back(r.feedback);
    }
    int step = tpl.step_for_facet(check->facet);
    StepResult& s = result.steps[step < 0 ? 0 : step];
    s.points += r.points;
    s.max += r.max;
    total_points += r.points;
    total_max += r.max;
    s.checks.push_back(std::move(r));
  }
  if (needs_lua) {
    if (ctx.answer_ref != LUA_NOREF) luaL_unref(L, LUA_REGISTRYINDEX, ctx.answer_ref);
    release_answer(L);
  }
  for (auto& s : result.steps) {
    s.points = round1(s.points);
    s.verdict = verdict_for(s.points, s.max, !s.sections.empty());
  }
  for (auto facet : pack::kFacets) {
    FacetResult f;
    f.id = std::string(facet);
    for (const auto& s : result.steps)
      for (const auto& c : s.checks)
        if (c.facet == f.id) {
          f.points += c.points;
          f.max += c.max;
        }
    if (f.max <= 0) continue;
    f.points = round1(f.points);
    f.verdict = verdict_for(f.points, f.max, f.points > 0);
    result.facets.push_back(f);
  }
  result.score = total_max > 0 ? round1(100.0 * total_points / total_max) : 0;
  result.level = level_for(result.score);
  result.estimates = estimates.results;
  result.flags = estimates.flags;
  return result;
}

}  // namespace sdi::grade
