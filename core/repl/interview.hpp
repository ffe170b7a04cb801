#pragma once
// A mock interview in progress: the problem, the template's steps, what the candidate wrote in
// each step, the questions asked and hints taken, and a clock per step. Pure state, no I/O; the
// REPL drives it, the journal persists it, and to_markdown() turns it into an answer file that
// `sdi grade` reads exactly as the REPL's own :grade does.

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "pack/template.hpp"

namespace sdi::repl {

struct AskedQuestion {
  std::string question;
  std::string answer;   // what the interviewer said
  std::string matched;  // the pack question's id, empty when none matched
  int step = 0;
};

struct StepState {
  std::vector<std::string> lines;  // as typed; an empty line separates paragraphs
  double seconds = 0;              // time spent in this step before the current stretch
};

class Interview {
 public:
  using Clock = std::function<double()>;  // seconds since the epoch

  Interview() = default;
  Interview(std::string problem, const pack::Template& tpl, Clock clock);

  const std::string& problem() const { return problem_; }
  const std::string& template_id() const { return template_id_; }
  const pack::Template& tpl() const { return tpl_; }
  int current() const { return current_; }
  const pack::Step& step() const { return tpl_.steps[current_]; }
  const std::vector<StepState>& steps() const { return steps_; }
  const std::vector<AskedQuestion>& questions() const { return questions_; }
  const std::map<std::string, int>& hints_used() const { return hints_; }
  bool finished() const { return finished_; }

  // Moves to a step; the clock of the step left stops, the new one runs.
  void go_to(int step);
  void append(const std::string& line);
  // Removes the last paragraph of the current step; false when it is empty.
  bool undo();
  // Replaces the current step's text (after :edit).
  void replace_current(const std::string& text);
  void record_question(AskedQuestion q);
  // The next hint level for a facet (0-based), recorded as used.
  int take_hint(const std::string& facet);
  void finish() { finished_ = true; }

  // Seconds spent in a step, counting the running stretch of the current one.
  double step_seconds(int step) const;
  double total_seconds() const;
  // Seconds left in the current step's budget (negative when over).
  double seconds_left() const;

  // The answer as Markdown with TOML front matter (problem, template, questions, hints, times).
  std::string to_markdown() const;
  // The session state as TOML, and back (clock included).
  std::string to_toml() const;
  static Interview from_toml(const std::string& text, const pack::Template& tpl, Clock clock);

  std::string step_text(int step) const;

 private:
  std::string problem_;
  std::string template_id_;
  pack::Template tpl_;
  Clock clock_;
  std::vector<StepState> steps_;
  std::vector<AskedQuestion> questions_;
  std::map<std::string, int> hints_;
  int current_ = 0;
  double stretch_start_ = 0;  // when the current step's running stretch began
  double started_ = 0;        // when the interview began
  bool finished_ = false;
};

// "02:41", "1:02:41", "-01:12" for durations in seconds.
std::string format_clock(double seconds);

}  // namespace sdi::repl
