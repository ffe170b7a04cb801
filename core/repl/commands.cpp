// The REPL's commands: each a line of help and an example, run on the current interview.

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "grade/concept_index.hpp"
#include "grade/questions.hpp"
#include "grade/step_mapper.hpp"
#include "quantity/quantity.hpp"
#include "repl/repl.hpp"
#include "report/outputs.hpp"
#include "report/reporter.hpp"

namespace sdi::repl {

const std::vector<Repl::Command>& Repl::commands() {
  static const std::vector<Command> list = {
      {"help", "", "list the commands", ":help", &Repl::cmd_help},
      {"list", "", "the problems you can practise", ":list", &Repl::cmd_list},
      {"start", "PROBLEM [TEMPLATE]", "start a timed mock interview",
       ":start url-shortener seven-steps", &Repl::cmd_start},
      {"next", "", "move to the next step", ":next", &Repl::cmd_next},
      {"step", "NAME", "jump to a step by number, id or title", ":step estimation",
       &Repl::cmd_step},
      {"ask", "QUESTION", "ask the interviewer a clarifying question",
       ":ask how many daily active users?", &Repl::cmd_ask},
      {"show", "", "print the answer so far", ":show", &Repl::cmd_show},
      {"undo", "", "remove the last paragraph of this step", ":undo", &Repl::cmd_undo},
      {"edit", "", "edit this step in $VISUAL or $EDITOR", ":edit", &Repl::cmd_edit},
      {"calc", "EXPR", "back-of-the-envelope arithmetic with units",
       ":calc 300M users * 2 /day -> /s", &Repl::cmd_calc},
      {"hint", "", "the next hint for this step", ":hint", &Repl::cmd_hint},
      {"check", "", "grade this step now", ":check", &Repl::cmd_check},
      {"grade", "", "grade the whole answer", ":grade", &Repl::cmd_grade},
      {"explain", "CONCEPT", "the glossary entry for a concept", ":explain consistent hashing",
       &Repl::cmd_explain},
      {"time", "", "the clock per step", ":time", &Repl::cmd_time},
      {"save", "[FILE]", "save the session as an answer file", ":save my-answer.md",
       &Repl::cmd_save},
      {"sessions", "", "saved sessions (resume with sdi repl --resume ID)", ":sessions",
       &Repl::cmd_sessions},
      {"quit", "", "leave (the session is saved)", ":quit", &Repl::cmd_quit},
  };
  return list;
}

void Repl::cmd_help(const std::string&) {
  say("Commands:");
  for (const auto& c : commands()) {
    std::string usage = fmt::format(":{} {}", c.name, c.args);
    say(fmt::format("  {:<26} {:<44} {}", usage, c.help, paint(c.example, "2")));
  }
  say("During an interview, plain lines are your answer for the current step; a line starting "
      "with");
  say("'=' is Lua (=q\"2.5 TB/month\":to(\"GB/day\")). Outside an interview every line is Lua.");
  say("Ctrl-C stops a running evaluation; Ctrl-D leaves (the session is saved first).");
}

void Repl::cmd_list(const std::string&) {
  say("Problems:");
  for (const auto& m : library_.packs())
    say(fmt::format("  {:<16} {} ({}, {})", m.id, m.title, m.difficulty, m.template_id));
}

void Repl::cmd_start(const std::string& args) {
  std::istringstream in(args);
  std::string problem, tpl;
  in >> problem >> tpl;
  if (problem.empty()) {
    warn("Usage: :start PROBLEM [TEMPLATE], e.g. :start url-shortener");
    cmd_list("");
    return;
  }
  start(problem, tpl);
}

void Repl::cmd_next(const std::string&) {
  if (!require_interview()) return;
  int next = interview_->current() + 1;
  if (next >= static_cast<int>(interview_->tpl().steps.size())) {
    say("This is the last step. :grade when you are ready, :save to keep the answer.");
    return;
  }
  interview_->go_to(next);
  warned_over_ = false;
  changed(fmt::format("step {}", next));
  say(paint(fmt::format("Step {}: {} ({:g} min)", next + 1, interview_->step().title,
                        interview_->step().minutes),
            "1"));
  say(paint(interview_->step().guidance, "2"));
}

void Repl::cmd_step(const std::string& args) {
  if (!require_interview()) return;
  const auto& steps = interview_->tpl().steps;
  int target = -1;
  if (!args.empty() && std::all_of(args.begin(), args.end(), ::isdigit))
    target = std::atoi(args.c_str()) - 1;
  for (std::size_t i = 0; target < 0 && i < steps.size(); ++i)
    if (steps[i].id == args) target = static_cast<int>(i);
  if (target < 0) target = grade::match_heading(args, interview_->tpl()).step;
  if (target < 0 || target >= static_cast<int>(steps.size())) {
    std::string ids;
    for (const auto& s : steps) ids += (ids.empty() ? "" : ", ") + s.id;
    warn(fmt::format("No step '{}'. Steps: {}", args, ids));
    return;
  }
  interview_->go_to(target);
  warned_over_ = false;
  changed(fmt::format("step {}", target));
  say(paint(fmt::format("Step {}: {}", target + 1, interview_->step().title), "1"));
}

void Repl::cmd_ask(const std::string& args) {
  if (!require_interview()) return;
  if (args.empty()) {
    warn("Usage: :ask QUESTION, e.g. :ask how many daily active users?");
    return;
  }
  std::string error;
  grade::Grader* g = session_.grader_for(interview_->problem(), error);
  const auto& questions = g->pack().content().questions;
  int m = grade::match_question(args, questions);
  AskedQuestion q;
  q.question = args;
  if (m >= 0) {
    q.answer = questions[m].answer;
    q.matched = questions[m].id;
  } else {
    q.answer = "Good question; I'll leave that to you. State your assumption and move on.";
  }
  say(paint("Interviewer: ", "1") + q.answer);
  interview_->record_question(std::move(q));
  changed("ask");
}

void Repl::cmd_show(const std::string&) {
  if (!require_interview()) return;
  for (std::size_t i = 0; i < interview_->tpl().steps.size(); ++i) {
    std::string text = interview_->step_text(static_cast<int>(i));
    if (text.empty() && static_cast<int>(i) != interview_->current()) continue;
    say(paint("## " + interview_->tpl().steps[i].title, "1"));
    out(text.empty() ? "(nothing yet)\n" : text);
  }
}

void Repl::cmd_undo(const std::string&) {
  if (!require_interview()) return;
  if (!interview_->undo()) {
    say("Nothing to undo in this step.");
    return;
  }
  changed("undo");
  say("Removed the last paragraph.");
}

void Repl::cmd_edit(const std::string&) {
  if (!require_interview()) return;
  const char* editor = std::getenv("VISUAL");
  if (editor == nullptr || *editor == '\0') editor = std::getenv("EDITOR");
  if (editor == nullptr || *editor == '\0') {
    warn("Set $VISUAL or $EDITOR to edit a step (e.g. export EDITOR=nano).");
    return;
  }
  std::filesystem::path file =
      journal_ ? journal_->dir() / "edit.md"
               : std::filesystem::temp_directory_path() / fmt::format("sdi-edit-{}.md", getpid());
  {
    std::ofstream o(file);
    o << interview_->step_text(interview_->current());
  }
  std::string command = fmt::format("{} '{}'", editor, file.string());
  int rc = std::system(command.c_str());
  if (rc != 0) {
    warn(fmt::format("The editor exited with status {}; the step is unchanged.", rc));
    return;
  }
  std::ifstream in(file);
  std::stringstream ss;
  ss << in.rdbuf();
  interview_->replace_current(ss.str());
  changed("edit");
  say("Step updated.");
}

void Repl::cmd_calc(const std::string& args) {
  if (args.empty()) {
    warn("Usage: :calc EXPR, e.g. :calc 300M users * 2 /day -> /s");
    return;
  }
  quantity::Result r = quantity::evaluate(args);
  if (!r.ok()) {
    say(quantity::render_error(args, *r.error));
    return;
  }
  say(paint(quantity::format(r.value), "1") +
      paint("   (" + (r.echo.empty() ? args : r.echo) + ")", "2"));
}

void Repl::cmd_hint(const std::string&) {
  if (!require_interview()) return;
  std::string error;
  grade::Grader* g = session_.grader_for(interview_->problem(), error);
  for (const auto& facet : interview_->step().facets) {
    for (const auto& h : g->pack().content().hints) {
      if (h.facet != facet) continue;
      auto used = interview_->hints_used().find(facet);
      int level = used == interview_->hints_used().end() ? 0 : used->second;
      if (level >= static_cast<int>(h.levels.size())) continue;
      interview_->take_hint(facet);
      changed("hint " + facet);
      say(paint(fmt::format("Hint ({} {}/{}): ", facet, level + 1, h.levels.size()), "1") +
          h.levels[level]);
      return;
    }
  }
  say("No more hints for this step.");
}

std::optional<grade::GradeResult> Repl::grade_now() {
  grade::LoadedAnswer a = grade::parse_answer(interview_->to_markdown(), "(this session)");
  if (!a.doc) {
    warn(a.error);
    return std::nullopt;
  }
  grade::GradeResult r =
      session_.grade_document(*a.doc, {interview_->problem(), interview_->template_id()});
  for (const auto& e : r.errors) warn(e);
  if (!r.graded) return std::nullopt;
  return r;
}

void Repl::cmd_check(const std::string&) {
  if (!require_interview()) return;
  auto r = grade_now();
  if (!r) return;
  const grade::StepResult& s = r->steps[interview_->current()];
  say(paint(fmt::format("{}: {:g}/{:g} ({})", s.title, s.points, s.max, s.verdict), "1"));
  for (const auto& c : s.checks) {
    const char* mark = c.status == grade::Status::Pass      ? "✓"
                       : c.status == grade::Status::Partial ? "~"
                       : c.status == grade::Status::Error   ? "!"
                                                            : "✗";
    const char* tint = c.status == grade::Status::Pass      ? "32"
                       : c.status == grade::Status::Partial ? "33"
                                                            : "31";
    say(fmt::format("  {} {} {}", paint(mark, tint), c.title,
                    paint(fmt::format("{:g}/{:g}", c.points, c.max), "2")));
    if (!c.feedback.empty()) say("      " + c.feedback);
    if (!c.suggestion.empty()) say(paint("      → " + c.suggestion, "36"));
  }
}

void Repl::cmd_grade(const std::string&) {
  if (!require_interview()) return;
  auto r = grade_now();
  if (!r) return;
  std::filesystem::path plugin = library_.find_reporter("text");
  if (plugin.empty()) {
    say(fmt::format("Score: {:g}/100 ({})", r->score, r->level));
    return;
  }
  try {
    report::RunInfo info;
    info.color = options_.color;
    info.command = "repl";
    report::Reporter reporter(plugin, info, [this](std::string_view s) { out(std::string(s)); });
    reporter.start();
    reporter.add(*r);
  } catch (const std::exception& e) {
    warn(e.what());
    say(fmt::format("Score: {:g}/100 ({})", r->score, r->level));
  }
  if (!interview_->hints_used().empty()) {
    std::string hints;
    for (const auto& [facet, n] : interview_->hints_used())
      hints += fmt::format("{}{} x{}", hints.empty() ? "" : ", ", facet, n);
    say(paint("Hints used: " + hints, "2"));
  }
}

void Repl::cmd_explain(const std::string& args) {
  if (args.empty()) {
    warn("Usage: :explain CONCEPT, e.g. :explain consistent hashing");
    return;
  }
  const pack::Glossary& g = library_.glossary();
  const pack::Concept* c = g.find(args);
  if (c == nullptr) {
    grade::ConceptIndex index(g, {});
    auto matches = index.scan(grade::match_tokens(args));
    if (!matches.empty()) c = g.find(index.concept_at(matches.front().concept_idx).id);
  }
  if (c == nullptr) {
    warn(fmt::format("No concept '{}' in the glossary.", args));
    return;
  }
  say(paint(c->name, "1") + paint("  (" + c->id + ")", "2"));
  say(c->definition);
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
  };
  if (!c->synonyms.empty()) say("  also: " + join(c->synonyms));
  if (!c->abbreviations.empty()) say("  short: " + join(c->abbreviations));
  if (!c->products.empty()) say("  products: " + join(c->products));
  if (!c->related.empty()) say("  see also: " + join(c->related));
}

void Repl::cmd_time(const std::string&) {
  if (!require_interview()) return;
  show_plan();
  say(fmt::format("Total: {} of {:g} minutes.", format_clock(interview_->total_seconds()),
                  interview_->tpl().total_minutes()));
}

void Repl::cmd_save(const std::string& args) {
  if (!require_interview()) return;
  std::string file = args.empty() ? fmt::format("{}-answer.md", interview_->problem()) : args;
  try {
    report::write_atomically(file, interview_->to_markdown());
  } catch (const std::exception& e) {
    warn(e.what());
    return;
  }
  changed("save " + file);
  say(fmt::format("Saved {}. Grade it any time with: sdi grade {}", file, file));
}

void Repl::cmd_sessions(const std::string&) {
  auto sessions = list_sessions();
  if (sessions.empty()) {
    say("No saved sessions.");
    return;
  }
  say("Sessions (newest first; resume with sdi repl --resume ID):");
  for (const auto& s : sessions)
    say(fmt::format("  {:<40} {:<14} {:<12} {}{}", s.id, s.problem, s.step, s.modified,
                    s.finished ? "  done" : ""));
}

void Repl::cmd_quit(const std::string&) {
  if (interview_) changed("quit");
  quit_ = true;
}

}  // namespace sdi::repl
