#include "cli/app.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>

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

  GradeArgs grade;
  CLI::App* grade_cmd =
      app.add_subcommand("grade", "Grade answer files (Markdown) against their problem's rubric");
  grade_cmd->add_option("paths", grade.paths, "Answer files or folders of .md answers")
      ->required()
      ->type_name("PATH");
  grade_cmd
      ->add_option("--problem", grade.problem, "Problem for answers whose front matter names none")
      ->type_name("ID");
  grade_cmd
      ->add_option("--template", grade.template_id,
                   "Grade under this template instead of the answer's or the pack's")
      ->type_name("T");
  grade_cmd
      ->add_option("--format", grade.formats,
                   "Report format, optionally to a file (repeatable): text, json, junit, tap, "
                   "github, markdown, html; "
                   "e.g. --format junit:report.xml")
      ->type_name("F[:FILE]");
  grade_cmd->add_option("--min-score", grade.min_score, "Exit 1 when an answer scores below N")
      ->check(CLI::Range(0.0, 100.0))
      ->type_name("N");
  grade_cmd
      ->add_option("--jobs,-j", grade.jobs, "Grade on N workers (default: the cores available)")
      ->check(CLI::Range(1, 256))
      ->type_name("N");
  grade_cmd
      ->add_option("--shard", grade.shard,
                   "Grade the K-th of N equal slices of the inputs (CI matrix jobs)")
      ->type_name("K/N");
  grade_cmd->footer(
      "Examples:\n  sdi grade answer.md\n  sdi grade answers/ --format text --format "
      "json:report.json --min-score 70\n"
      "Exit codes: 0 all at or above --min-score, 1 some below, 2 an input or pack error.");

  bool list_json = false;
  CLI::App* list_cmd =
      app.add_subcommand("list", "List the problem packs found on the search path");
  list_cmd->add_flag("--json", list_json, "Machine-readable output");

  ShowArgs show;
  CLI::App* show_cmd =
      app.add_subcommand("show", "Show a problem's prompt and the interview steps (no spoilers)");
  show_cmd->add_option("problem", show.problem, "Problem id (see `sdi list`)")
      ->required()
      ->type_name("PROBLEM");
  show_cmd->add_option("--template", show.template_id, "Show the steps of this template")
      ->type_name("T");
  show_cmd->add_flag("--json", show.json, "Metadata and counts for tooling");

  std::vector<std::string> calc_words;
  CLI::App* calc_cmd = app.add_subcommand("calc", "Back-of-the-envelope calculator with units");
  calc_cmd->add_option("expression", calc_words, "e.g. \"300M users * 50% * 2 /day -> /s\"")
      ->required()
      ->type_name("EXPR");
  calc_cmd->footer(
      "Examples:\n  sdi calc \"300M users * 50% * 2 /day -> /s\"\n  sdi calc \"2.5 TB/month -> "
      "GB/day\"\n"
      "  sdi calc \"10^7 x 20 / 10^5\"");

  repl::ReplOptions repl_opts;
  std::string resume_id;
  CLI::App* repl_cmd = app.add_subcommand(
      "repl", "A timed mock interview with an embedded Lua prompt (the default)");
  repl_cmd->add_option("problem", repl_opts.problem, "Start this problem right away")
      ->type_name("PROBLEM");
  repl_cmd->add_option("--template", repl_opts.template_id, "Interview template")->type_name("T");
  CLI::Option* resume_opt =
      repl_cmd->add_option("--resume", resume_id, "Resume a saved session (no id: list them)")
          ->expected(0, 1)
          ->type_name("SESSION");
  repl_cmd->add_flag("--timing", repl_opts.timing, "Print how long each command took (stderr)");
  repl_cmd->footer(
      "Examples:\n  sdi repl twitter\n  sdi repl --resume\n  sdi repl --resume "
      "20261121-101500-twitter\n"
      "Commands read from stdin when it is not a terminal, so an interview can be scripted.");

  RunArgs run_args;
  CLI::App* run_cmd =
      app.add_subcommand("run", "Run a Lua script with the engine at hand (sandboxed)");
  run_cmd->add_option("script", run_args.script, "The script")->required()->type_name("SCRIPT.lua");
  run_cmd->add_option("args", run_args.args, "Arguments, as arg[1], arg[2], ...")
      ->type_name("ARGS");
  run_cmd->footer(
      "The script sees sdi.q, sdi.calc, sdi.packs, sdi.templates, sdi.concept (also as globals),\n"
      "print, and the safe standard library; require loads modules from the script's folder.\n"
      "Example:\n  sdi run estimate.lua 300M");

  CLI::App* report_cmd = app.add_subcommand("report", "Work with saved reports");
  report_cmd->require_subcommand(1);
  MergeArgs merge;
  CLI::App* merge_cmd = report_cmd->add_subcommand(
      "merge", "Combine sdi.grade.v1 JSON reports (e.g. shards) into one report");
  merge_cmd
      ->add_option("files", merge.files, "JSON reports written by sdi grade --format json:FILE")
      ->required()
      ->type_name("FILE.json");
  merge_cmd
      ->add_option("--format", merge.formats, "Report format, optionally to a file (repeatable)")
      ->type_name("F[:FILE]");
  merge_cmd->footer(
      "Example:\n  sdi grade answers/ --shard 1/2 --format json:part1.json   (and 2/2 on another "
      "machine)\n"
      "  sdi report merge part1.json part2.json --format junit:report.xml");

  CLI::App* pack_cmd = app.add_subcommand("pack", "Author problem packs");
  pack_cmd->require_subcommand(1);
  PackTestArgs pack_test;
  CLI::App* pack_test_cmd = pack_cmd->add_subcommand(
      "test", "Grade each pack's sample answers against their score bands");
  pack_test_cmd
      ->add_option("targets", pack_test.targets, "Pack ids or pack folders (default: every pack)")
      ->type_name("PATH|ID");
  pack_test_cmd
      ->add_option("--format", pack_test.formats,
                   "Report format: text, json, junit or tap, optionally to a file (repeatable)")
      ->type_name("F[:FILE]");
  pack_test_cmd->footer(
      "Examples:\n  sdi pack test url-shortener\n  sdi pack test ./my-pack --format "
      "junit:pack-report.xml\n"
      "Exit codes: 0 every sample in its band, 1 some outside, 2 a pack or sample error.");
  std::vector<std::string> lint_targets;
  CLI::App* pack_lint_cmd = pack_cmd->add_subcommand(
      "lint", "Check packs without grading: manifest, ids, facets, formulas, concepts");
  pack_lint_cmd
      ->add_option("targets", lint_targets,
                   "Pack folders or ids (default: the pack here, else every pack)")
      ->type_name("PATH|ID");
  pack_lint_cmd->footer(
      "Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 nothing to lint.");
  PackNewArgs pack_new;
  CLI::App* pack_new_cmd =
      pack_cmd->add_subcommand("new", "Create a working pack to edit: manifest, pack.lua, samples");
  pack_new_cmd->add_option("id", pack_new.id, "The new pack's id, e.g. news-feed")
      ->required()
      ->type_name("ID");
  pack_new_cmd->add_option("--dir", pack_new.dir, "Create ID/ inside this folder (default: here)")
      ->type_name("DIR");
  pack_new_cmd->add_option("--title", pack_new.title,
                           "The problem's title (default: Design + the id's words)");

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
    if (grade_cmd->parsed()) return leave(cmd_grade(ctx, grade));
    if (list_cmd->parsed()) return leave(cmd_list(ctx, list_json));
    if (show_cmd->parsed()) return leave(cmd_show(ctx, show));
    if (calc_cmd->parsed()) return leave(cmd_calc(ctx, calc_words));
    if (pack_test_cmd->parsed()) return leave(cmd_pack_test(ctx, pack_test));
    if (merge_cmd->parsed()) return leave(cmd_report_merge(ctx, merge));
    if (run_cmd->parsed()) return leave(cmd_run(ctx, run_args));
    if (pack_lint_cmd->parsed()) return leave(cmd_pack_lint(ctx, lint_targets));
    if (pack_new_cmd->parsed()) return leave(cmd_pack_new(ctx, pack_new));
    repl_opts.interactive = isatty(0) != 0;
    repl_opts.color = repl_opts.interactive && ctx.color_for(1);
    if (repl_cmd->parsed() && resume_opt->count() > 0) repl_opts.resume = resume_id;
    return leave(repl::run_repl(ctx.library(), repl_opts));
  } catch (const std::exception& e) {
    error(e.what());
    return leave(kExitError);
  }
}

}  // namespace sdi::cli
