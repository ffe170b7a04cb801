#include "grade/grader.hpp"

#include <fmt/format.h>
#include <lauxlib.h>

#include <algorithm>
#include <array>
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

// A custom check's result when building the answer's Lua view failed.
CheckResult unseen_answer(const pack::Check& check, const std::string& problem) {
  CheckResult r;
  r.status = Status::Error;
  r.feedback = fmt::format("check '{}' could not see the answer: {}", check.id, problem);
  return r;
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

const Grader::Plan& Grader::plan_for(const pack::Template& tpl) {
  auto found = plans_.find(&tpl);
  if (found != plans_.end()) return found->second;
  Plan& plan = plans_.emplace(&tpl, Plan(tpl)).first->second;
  plan.per_step.assign(tpl.steps.size(), 0);
  for (const pack::Check* check : pack_.checks_for(tpl)) {
    PlannedCheck& c = plan.checks.emplace_back();
    c.check = check;
    const int step = tpl.step_for_facet(check->facet);
    c.step = step < 0 ? 0 : static_cast<std::size_t>(step);
    const auto facet = std::find(pack::kFacets.begin(), pack::kFacets.end(), check->facet);
    if (facet != pack::kFacets.end()) c.facet = static_cast<int>(facet - pack::kFacets.begin());
    c.kind = pack::kind_name(check->kind);
    ++plan.per_step[c.step];
    plan.needs_lua = plan.needs_lua || check->kind == pack::CheckKind::Custom;
  }
  for (std::size_t step = 0; step < tpl.steps.size(); ++step)
    for (const PlannedCheck& c : plan.checks)
      if (c.step == step) plan.facets_by_step.push_back(c.facet);
  return plan;
}

GradeResult Grader::grade(const text::Document& doc, const pack::Template& tpl) {
  GradeResult result;
  result.file = doc.path;
  result.problem = pack_.manifest().id;
  result.template_id = tpl.id;
  result.graded = true;

  const Plan& plan = plan_for(tpl);
  Analysis analysis = analyse(doc, tpl, index_, plan.steps);
  QuestionFindings questions = find_questions(analysis, questions_);
  EstimateFindings estimates = find_estimates(analysis, pack_, estimate_model_);
  CheckContext ctx{doc, tpl, pack_, index_, analysis, estimates, questions};

  lua_State* L = pack_.sandbox().state();
  std::string answer_problem;
  std::optional<AnswerReading> reading;
  if (plan.needs_lua) {
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
    result.steps[i].checks.reserve(plan.per_step[i]);
  }
  for (std::size_t si = 0; si < doc.sections.size(); ++si)
    if (analysis.section_step[si] >= 0)
      result.steps[analysis.section_step[si]].sections.push_back(doc.sections[si].line);

  double total_points = 0, total_max = 0;
  for (const PlannedCheck& planned : plan.checks) {
    const pack::Check& check = *planned.check;
    StepResult& s = result.steps[planned.step];
    CheckResult& r = check.kind == pack::CheckKind::Custom && !answer_problem.empty()
                         ? s.checks.emplace_back(unseen_answer(check, answer_problem))
                         : s.checks.emplace_back(run_check(check, ctx));
    r.id = check.id;
    r.title = check.title;
    r.facet = check.facet;
    r.kind = planned.kind;
    double fraction = r.max > 0 ? r.points / r.max : 0;
    r.max = check.weight;
    r.points = round1(check.weight * fraction);
    if (r.status == Status::Error) {
      r.points = 0;
      result.errors.push_back(r.feedback);
    }
    s.points += r.points;
    s.max += r.max;
    total_points += r.points;
    total_max += r.max;
  }
  if (plan.needs_lua) {
    if (ctx.answer_ref != LUA_NOREF) luaL_unref(L, LUA_REGISTRYINDEX, ctx.answer_ref);
    release_answer(L);
  }
  for (auto& s : result.steps) {
    s.points = round1(s.points);
    s.verdict = verdict_for(s.points, s.max, !s.sections.empty());
  }
  // Each facet's points are added up in the order the steps hold its checks.
  std::array<double, pack::kFacets.size()> facet_points{}, facet_max{};
  std::size_t n = 0;
  for (const auto& s : result.steps)
    for (const auto& c : s.checks) {
      const int facet = plan.facets_by_step[n++];
      if (facet < 0) continue;
      facet_points[static_cast<std::size_t>(facet)] += c.points;
      facet_max[static_cast<std::size_t>(facet)] += c.max;
    }
  for (std::size_t i = 0; i < pack::kFacets.size(); ++i) {
    if (facet_max[i] <= 0) continue;
    FacetResult& f = result.facets.emplace_back();
    f.id = pack::kFacets[i];
    f.points = round1(facet_points[i]);
    f.max = facet_max[i];
    f.verdict = verdict_for(f.points, f.max, f.points > 0);
  }
  result.score = total_max > 0 ? round1(100.0 * total_points / total_max) : 0;
  result.level = level_for(result.score);
  result.estimates = std::move(estimates.results);
  result.flags = std::move(estimates.flags);
  return result;
}

}  // namespace sdi::grade
