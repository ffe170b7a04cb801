#include <fmt/format.h>

#include <iostream>
#include <map>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/json_out.hpp"
#include "pack/error.hpp"
#include "pack/facets.hpp"
#include "pack/loaded_pack.hpp"

namespace sdi::cli {

namespace {

const pack::Manifest* find_or_complain(const pack::Library& lib, const std::string& id) {
  const pack::Manifest* m = lib.find_pack(id);
  if (m == nullptr) error(lib.unknown_pack_message(id));
  return m;
}

std::string show_json(const pack::Manifest& m, const pack::Template& t, const pack::LoadedPack& p) {
  const pack::Content& c = p.content();
  std::map<std::string, int> per_facet;
  for (auto f : pack::kFacets) per_facet[std::string(f)] = 0;
  for (const auto& check : p.checks_for(t)) per_facet[check->facet]++;
  std::string facets;
  for (auto f : pack::kFacets)
    facets += fmt::format("{}{}: {}", facets.empty() ? "" : ", ", json_string(f),
                          per_facet[std::string(f)]);
  std::string steps;
  for (const auto& s : t.steps)
    steps += fmt::format("{}\n    {{\"id\": {}, \"title\": {}, \"minutes\": {}, \"facets\": {}}}",
                         steps.empty() ? "" : ",", json_string(s.id), json_string(s.title),
                         s.minutes, json_string_list(s.facets));
  int hints = 0;
  for (const auto& h : c.hints) hints += static_cast<int>(h.levels.size());
  return fmt::format(
      "{{\n  \"id\": {},\n  \"title\": {},\n  \"version\": {},\n  \"difficulty\": {},\n  \"tags\": "
      "{},\n"
      "  \"template\": {},\n  \"summary\": {},\n  \"prompt\": {},\n  \"cache_rule\": {},\n"
      "  \"steps\": [{}\n  ],\n  \"counts\": {{\n    \"questions\": {},\n    \"assumptions\": {},\n"
      "    \"estimates\": {},\n    \"checks\": {},\n    \"checks_per_facet\": {{{}}},\n    "
      "\"hints\": {},\n"
      "    \"samples\": {}\n  }}\n}}\n",
      json_string(m.id), json_string(m.title), json_string(m.version), json_string(m.difficulty),
      json_string_list(m.tags), json_string(t.id), json_string(m.summary), json_string(m.prompt),
      json_string(c.cache_rule), steps, c.questions.size(), c.assumptions.size(),
      c.estimates.size(), p.checks_for(t).size(), facets, hints, m.samples.size());
}

}  // namespace

int cmd_show(Context& ctx, const ShowArgs& args) {
  const pack::Library& lib = ctx.library();
  const pack::Manifest* m = find_or_complain(lib, args.problem);
  if (m == nullptr) return kExitError;  // the message says why when the pack is among the problems
  ctx.warn_library_problems();
  std::string tpl_id = args.template_id.empty() ? m->template_id : args.template_id;
  const pack::Template* t = lib.find_template(tpl_id);
  if (t == nullptr) {
    std::string known;
    for (const auto& x : lib.templates()) known += (known.empty() ? "" : ", ") + x.id;
    error(fmt::format("unknown template '{}'; known templates: {}", tpl_id, known));
    return kExitError;
  }
  if (args.json) {
    try {
      pack::LoadedPack loaded(lib, *m);
      std::cout << show_json(*m, *t, loaded);
    } catch (const std::exception& e) {
      error(e.what());
      return kExitError;
    }
    return kExitOk;
  }
  bool color = ctx.color_for(1);
  auto bold = [&](const std::string& s) { return color ? "\x1b[1m" + s + "\x1b[0m" : s; };
  auto dim = [&](const std::string& s) { return color ? "\x1b[2m" + s + "\x1b[0m" : s; };
  std::cout << bold(m->title)
            << dim(fmt::format("  ({} · {} · v{})", m->id, m->difficulty, m->version)) << "\n";
  if (!m->tags.empty()) {
    std::string tags;
    for (const auto& tag : m->tags) tags += (tags.empty() ? "" : ", ") + tag;
    std::cout << dim("tags: " + tags) << "\n";
  }
  std::cout << "\n" << m->prompt;
  if (!m->prompt.empty() && m->prompt.back() != '\n') std::cout << "\n";
  std::cout << "\n"
            << bold(fmt::format("Template: {} ({}, {:g} min)", t->title, t->id, t->total_minutes()))
            << "\n";
  if (!t->summary.empty()) std::cout << t->summary << "\n";
  std::cout << "\n";
  for (std::size_t i = 0; i < t->steps.size(); ++i) {
    const auto& s = t->steps[i];
    std::cout << fmt::format("  {}. {:<45} {:>3g} min\n", i + 1, s.title, s.minutes);
    if (!s.guidance.empty()) std::cout << dim("     " + s.guidance) << "\n";
  }
  std::cout << "\nOther templates: ";
  bool first = true;
  for (const auto& x : lib.templates()) {
    if (x.id == t->id) continue;
    std::cout << (first ? "" : ", ") << x.id;
    first = false;
  }
  std::cout << fmt::format("  (sdi show {} --template ID)\n", m->id);
  std::cout << fmt::format("Grade an answer: sdi grade ANSWER.md --problem {}\n", m->id);
  return kExitOk;
}

}  // namespace sdi::cli
