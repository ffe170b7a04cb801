#pragma once
// The interactive REPL: a timed mock interview with an embedded Lua prompt.

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "grade/session.hpp"
#include "pack/library.hpp"
#include "repl/console.hpp"
#include "repl/interview.hpp"
#include "repl/journal.hpp"
#include "repl/line_reader.hpp"

namespace sdi::repl {

struct ReplOptions {
  std::string problem;                // start this interview right away
  std::string template_id;            // with this template
  std::optional<std::string> resume;  // "" lists sessions; an id resumes that session
  bool color = false;
  bool interactive = false;  // stdin is a terminal
  bool timing = false;       // print how long each input line took, on stderr
};

// Runs the REPL until :quit or end of input; returns the exit code.
int run_repl(const pack::Library& library, const ReplOptions& options);

class Repl {
 public:
  Repl(const pack::Library& library, const ReplOptions& options);
  int run();

  // One input line (a command, Lua, or answer text); public for tests.
  void handle(const std::string& line);
  bool quitting() const { return quit_; }
  std::string prompt() const;

 private:
  struct Command {
    const char* name;
    const char* args;
    const char* help;
    const char* example;
    void (Repl::*run)(const std::string& args);
  };
  static const std::vector<Command>& commands();

  // Commands.
  void cmd_help(const std::string&);
  void cmd_start(const std::string&);
  void cmd_next(const std::string&);
  void cmd_step(const std::string&);
  void cmd_ask(const std::string&);
  void cmd_show(const std::string&);
  void cmd_undo(const std::string&);
  void cmd_edit(const std::string&);
  void cmd_calc(const std::string&);
  void cmd_hint(const std::string&);
  void cmd_check(const std::string&);
  void cmd_grade(const std::string&);
  void cmd_explain(const std::string&);
  void cmd_save(const std::string&);
  void cmd_time(const std::string&);
  void cmd_list(const std::string&);
  void cmd_sessions(const std::string&);
  void cmd_quit(const std::string&);

  void start(const std::string& problem, const std::string& template_id);
  bool resume(const std::string& id);
  void show_plan();
  void changed(const std::string& event);  // journal the change before the prompt returns
  std::optional<grade::GradeResult> grade_now();
  std::vector<std::string> complete(const std::string& line, const std::string& word);
  bool require_interview();

  void out(const std::string& text);
  void say(const std::string& text);  // a line of output
  void warn(const std::string& text);
  std::string paint(const std::string& text, const char* code) const;
  // Colour inside the prompt, wrapped so line editing does not count the escapes as columns.
  std::string paint_prompt(const std::string& text, const char* code) const;

  const pack::Library& library_;
  ReplOptions options_;
  grade::Session session_;
  std::unique_ptr<Console> console_;
  std::unique_ptr<Interview> interview_;
  std::optional<Journal> journal_;
  std::string pending_lua_;  // an unfinished Lua statement
  bool quit_ = false;
  bool warned_over_ = false;
};

// Raised by SIGINT while Lua runs: the sandbox stops the call at its next tick.
std::atomic<bool>& interrupt_flag();

}  // namespace sdi::repl
