#include "cli/app.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/exit_codes.hpp"
#include "cli/teardown.hpp"
#include "repl/repl.hpp"

namespace sdi::cli {

namespace {

void add_globals(CLI::App& app, GlobalOptions& g) {
  app.add_option(
         "--pack-path", g.pack_paths,
         "Extra folder of packs or plugins (repeatable; SDI_PATH adds more, colon-separated)")
      ->type_name("DIR");
  app.add_option("--color", g.color, "Colour output: auto, always or never (NO_COLOR is honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->type_name("WHEN");
}

// Ends the process as soon as a command is done (cli/teardown.hpp says why).
int leave(int code) {
  if constexpr (kEndWithoutTeardown) {
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    std::_Exit(code);
  }
  return code;
}

// What the subcommands parse into, and which of them were set up.
struct Commands {
  GradeArgs grade;
  CLI::App* grade_cmd = nullptr;
  bool list_json = false;
  CLI::App* list_cmd = nullptr;
  ShowArgs show;
  CLI::App* show_cmd = nullptr;
  std::vector<std::string> calc_words;
  CLI::App* calc_cmd = nullptr;
  repl::ReplOptions repl_opts;
  std::string resume_id;
  CLI::App* repl_cmd = nullptr;
  CLI::Option* resume_opt = nullptr;
  RunArgs run_args;
  CLI::App* run_cmd = nullptr;
  MergeArgs merge;
  CLI::App* merge_cmd = nullptr;
  PackTestArgs pack_test;
  CLI::App* pack_test_cmd = nullptr;
  std::vector<std::string> lint_targets;
  CLI::App* pack_lint_cmd = nullptr;
  PackNewArgs pack_new;
  CLI::App* pack_new_cmd = nullptr;
};

// True when the subcommand was set up and named on the command line.
bool parsed(const CLI::App* cmd) {
  return cmd != nullptr && cmd->parsed();
}

void add_grade(CLI::App& app, Commands& c) {
  c.grade_cmd =
      app.add_subcommand("grade", "Grade answer files (Markdown) against their problem's rubric");
  c.grade_cmd->add_option("paths", c.grade.paths, "Answer files or folders of .md answers")
      ->required()
      ->type_name("PATH");
  c.grade_cmd
      ->add_option("--problem", c.grade.problem,
                   "Problem for answers whose front matter names none")
      ->type_name("ID");
  c.grade_cmd
      ->add_option("--template", c.grade.template_id,
                   "Grade under this template instead of the answer's or the pack's")
      ->type_name("T");
  c.grade_cmd
      ->add_option("--format", c.grade.formats,
                   "Report format, optionally to a file (repeatable): text, json, junit, tap, "
                   "github, markdown, html; "
                   "e.g. --format junit:report.xml")
      ->type_name("F[:FILE]");
  c.grade_cmd->add_option("--min-score", c.grade.min_score, "Exit 1 when an answer scores below N")
      ->check(CLI::Range(0.0, 100.0))
      ->type_name("N");
  c.grade_cmd
      ->add_option("--jobs,-j", c.grade.jobs, "Grade on N workers (default: the cores available)")
      ->check(CLI::Range(1, 256))
      ->type_name("N");
  c.grade_cmd
      ->add_option("--shard", c.grade.shard,
                   "Grade the K-th of N equal slices of the inputs (CI matrix jobs)")
      ->type_name("K/N");
  c.grade_cmd->footer(
      "Examples:\n  sdi grade answer.md\n  sdi grade answers/ --format text --format "
      "json:report.json --min-score 70\n"
      "Exit codes: 0 all at or above --min-score, 1 some below, 2 an input or pack error.");
}

void add_list(CLI::App& app, Commands& c) {
  c.list_cmd = app.add_subcommand("list", "List the problem packs found on the search path");
  c.list_cmd->add_flag("--json", c.list_json, "Machine-readable output");
}

void add_show(CLI::App& app, Commands& c) {
  c.show_cmd =
      app.add_subcommand("show", "Show a problem's prompt and the interview steps (no spoilers)");
  c.show_cmd->add_option("problem", c.show.problem, "Problem id (see `sdi list`)")
      ->required()
      ->type_name("PROBLEM");
  c.show_cmd->add_option("--template", c.show.template_id, "Show the steps of this template")
      ->type_name("T");
  c.show_cmd->add_flag("--json", c.show.json, "Metadata and counts for tooling");
}

void add_calc(CLI::App& app, Commands& c) {
  c.calc_cmd = app.add_subcommand("calc", "Back-of-the-envelope calculator with units");
  c.calc_cmd->add_option("expression", c.calc_words, "e.g. \"300M users * 50% * 2 /day -> /s\"")
      ->required()
      ->type_name("EXPR");
  c.calc_cmd->footer(
      "Examples:\n  sdi calc \"300M users * 50% * 2 /day -> /s\"\n  sdi calc \"2.5 TB/month -> "
      "GB/day\"\n"
      "  sdi calc \"10^7 x 20 / 10^5\"");
}

void add_repl(CLI::App& app, Commands& c) {
  c.repl_cmd = app.add_subcommand(
      "repl", "A timed mock interview with an embedded Lua prompt (the default)");
  c.repl_cmd->add_option("problem", c.repl_opts.problem, "Start this problem right away")
      ->type_name("PROBLEM");
  c.repl_cmd->add_option("--template", c.repl_opts.template_id, "Interview template")
      ->type_name("T");
  c.resume_opt =
      c.repl_cmd->add_option("--resume", c.resume_id, "Resume a saved session (no id: list them)")
          ->expected(0, 1)
          ->type_name("SESSION");
  c.repl_cmd->add_flag("--timing", c.repl_opts.timing, "Print how long each command took (stderr)");
  c.repl_cmd->footer(
      "Examples:\n  sdi repl twitter\n  sdi repl --resume\n  sdi repl --resume "
      "20261121-101500-twitter\n"
      "Commands read from stdin when it is not a terminal, so an interview can be scripted.");
}

void add_run(CLI::App& app, Commands& c) {
  c.run_cmd = app.add_subcommand("run", "Run a Lua script with the engine at hand (sandboxed)");
  c.run_cmd->add_option("script", c.run_args.script, "The script")
      ->required()
      ->type_name("SCRIPT.lua");
  c.run_cmd->add_option("args", c.run_args.args, "Arguments, as arg[1], arg[2], ...")
      ->type_name("ARGS");
  c.run_cmd->footer(
      "The script sees sdi.q, sdi.calc, sdi.packs, sdi.templates, sdi.concept (also as globals),\n"
      "print, and the safe standard library; require loads modules from the script's folder.\n"
      "Example:\n  sdi run estimate.lua 300M");
}

void add_report(CLI::App& app, Commands& c) {
  CLI::App* report_cmd = app.add_subcommand("report", "Work with saved reports");
  report_cmd->require_subcommand(1);
  c.merge_cmd = report_cmd->add_subcommand(
      "merge", "Combine sdi.grade.v1 JSON reports (e.g. shards) into one report");
  c.merge_cmd
      ->add_option("files", c.merge.files, "JSON reports written by sdi grade --format json:FILE")
      ->required()
      ->type_name("FILE.json");
  c.merge_cmd
      ->add_option("--format", c.merge.formats, "Report format, optionally to a file (repeatable)")
      ->type_name("F[:FILE]");
  c.merge_cmd->footer(
      "Example:\n  sdi grade answers/ --shard 1/2 --format json:part1.json   (and 2/2 on another "
      "machine)\n"
      "  sdi report merge part1.json part2.json --format junit:report.xml");
}

void add_pack(CLI::App& app, Commands& c) {
  CLI::App* pack_cmd = app.add_subcommand("pack", "Author problem packs");
  pack_cmd->require_subcommand(1);
  c.pack_test_cmd = pack_cmd->add_subcommand(
      "test", "Grade each pack's sample answers against their score bands");
  c.pack_test_cmd
      ->add_option("targets", c.pack_test.targets, "Pack ids or pack folders (default: every pack)")
      ->type_name("PATH|ID");
  c.pack_test_cmd
      ->add_option("--format", c.pack_test.formats,
                   "Report format: text, json, junit or tap, optionally to a file (repeatable)")
      ->type_name("F[:FILE]");
  c.pack_test_cmd->footer(
      "Examples:\n  sdi pack test url-shortener\n  sdi pack test ./my-pack --format "
      "junit:pack-report.xml\n"
      "Exit codes: 0 every sample in its band, 1 some outside, 2 a pack or sample error.");
  c.pack_lint_cmd = pack_cmd->add_subcommand(
      "lint", "Check packs without grading: manifest, ids, facets, formulas, concepts");
  c.pack_lint_cmd
      ->add_option("targets", c.lint_targets,
                   "Pack folders or ids (default: the pack here, else every pack)")
      ->type_name("PATH|ID");
  c.pack_lint_cmd->footer(
      "Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 nothing to lint.");
  c.pack_new_cmd =
      pack_cmd->add_subcommand("new", "Create a working pack to edit: manifest, pack.lua, samples");
  c.pack_new_cmd->add_option("id", c.pack_new.id, "The new pack's id, e.g. news-feed")
      ->required()
      ->type_name("ID");
  c.pack_new_cmd
      ->add_option("--dir", c.pack_new.dir, "Create ID/ inside this folder (default: here)")
      ->type_name("DIR");
  c.pack_new_cmd->add_option("--title", c.pack_new.title,
                             "The problem's title (default: Design + the id's words)");
}

using AddCommand = void (*)(CLI::App&, Commands&);
struct Subcommand {
  const char* name;
  AddCommand add;
};
// In the order `sdi --help` lists them.
constexpr Subcommand kSubcommands[] = {
    {"grade", add_grade}, {"list", add_list}, {"show", add_show},     {"calc", add_calc},
    {"repl", add_repl},   {"run", add_run},   {"report", add_report}, {"pack", add_pack},
};

// The subcommand a command line names: its first word after the global options, when nothing
// else (--help, --version, an unknown option) comes first. Only that subcommand needs setting up:
// building every command's options costs as much as a small grade. nullptr when the line names
// none of them, and every subcommand is set up for the help and the errors.
const Subcommand* named_subcommand(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--pack-path" || arg == "--color") {
      ++i;  // the option's value
      continue;
    }
    if (arg.starts_with("--pack-path=") || arg.starts_with("--color=")) continue;
    if (arg.starts_with("-")) return nullptr;
    for (const Subcommand& sub : kSubcommands)
      if (arg == sub.name) return &sub;
    return nullptr;
  }
  return nullptr;
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{
      "sdi: the system design interview engine.\n"
      "Practise a timed mock interview, grade answers against interview templates, and "
      "author problem packs."};
  app.set_version_flag("--version", std::string("sdi ") + SDI_VERSION);
  app.require_subcommand(0, 1);
  app.fallthrough();
  GlobalOptions globals;
  add_globals(app, globals);

  Commands c;
  if (const Subcommand* named = named_subcommand(argc, argv)) {
    named->add(app, c);
  } else {
    for (const Subcommand& sub : kSubcommands) sub.add(app, c);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    error(e.what());
    std::cerr << "Run `sdi --help` (or `sdi COMMAND --help`) for usage.\n";
    return kExitError;
  }

  Context ctx(argv[0], globals);
  try {
    if (parsed(c.grade_cmd)) return leave(cmd_grade(ctx, c.grade));
    if (parsed(c.list_cmd)) return leave(cmd_list(ctx, c.list_json));
    if (parsed(c.show_cmd)) return leave(cmd_show(ctx, c.show));
    if (parsed(c.calc_cmd)) return leave(cmd_calc(ctx, c.calc_words));
    if (parsed(c.pack_test_cmd)) return leave(cmd_pack_test(ctx, c.pack_test));
    if (parsed(c.merge_cmd)) return leave(cmd_report_merge(ctx, c.merge));
    if (parsed(c.run_cmd)) return leave(cmd_run(ctx, c.run_args));
    if (parsed(c.pack_lint_cmd)) return leave(cmd_pack_lint(ctx, c.lint_targets));
    if (parsed(c.pack_new_cmd)) return leave(cmd_pack_new(ctx, c.pack_new));
    c.repl_opts.interactive = isatty(0) != 0;
    c.repl_opts.color = c.repl_opts.interactive && ctx.color_for(1);
    if (parsed(c.repl_cmd) && c.resume_opt->count() > 0) c.repl_opts.resume = c.resume_id;
    ctx.warn_library_problems();
    return leave(repl::run_repl(ctx.library(), c.repl_opts));
  } catch (const std::exception& e) {
    error(e.what());
    return leave(kExitError);
  }
}

}  // namespace sdi::cli
