#include "repl/interview.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace sdi::repl {

namespace {

std::string toml_string(const std::string& s) {
  std::ostringstream out;
  out << toml::value<std::string>(s);
  return out.str();
}

}  // namespace

std::string format_clock(double seconds) {
  bool negative = seconds < 0;
  long total = static_cast<long>(std::floor(std::fabs(seconds)));
  long h = total / 3600, m = (total / 60) % 60, s = total % 60;
  std::string body =
      h > 0 ? fmt::format("{}:{:02}:{:02}", h, m, s) : fmt::format("{:02}:{:02}", m, s);
  return negative ? "-" + body : body;
}

Interview::Interview(std::string problem, const pack::Template& tpl, Clock clock)
    : problem_(std::move(problem)), template_id_(tpl.id), tpl_(tpl), clock_(std::move(clock)) {
  steps_.resize(tpl_.steps.size());
  started_ = stretch_start_ = clock_();
}

void Interview::go_to(int step) {
  if (step < 0 || step >= static_cast<int>(steps_.size())) return;
  double now = clock_();
  steps_[current_].seconds += now - stretch_start_;
  stretch_start_ = now;
  current_ = step;
}

void Interview::append(const std::string& line) {
  steps_[current_].lines.push_back(line);
}

bool Interview::undo() {
  auto& lines = steps_[current_].lines;
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  if (lines.empty()) return false;
  while (!lines.empty() && !lines.back().empty()) lines.pop_back();
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return true;
}

void Interview::replace_current(const std::string& text) {
  auto& lines = steps_[current_].lines;
  lines.clear();
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
}

void Interview::record_question(AskedQuestion q) {
  q.step = current_;
  questions_.push_back(std::move(q));
}

int Interview::take_hint(const std::string& facet) {
  return hints_[facet]++;
}

double Interview::step_seconds(int step) const {
  double s = steps_[step].seconds;
  if (step == current_ && !finished_) s += clock_() - stretch_start_;
  return s;
}

double Interview::total_seconds() const {
  double total = 0;
  for (std::size_t i = 0; i < steps_.size(); ++i) total += step_seconds(static_cast<int>(i));
  return total;
}

double Interview::seconds_left() const {
  return step().minutes * 60 - step_seconds(current_);
}

std::string Interview::step_text(int step) const {
  std::string out;
  for (const auto& l : steps_[step].lines) out += l + "\n";
  return out;
}

std::string Interview::to_markdown() const {
  std::string fm = fmt::format("+++\nproblem = {}\ntemplate = {}\n", toml_string(problem_),
                               toml_string(template_id_));
  fm += fmt::format("minutes = {:.1f}\n", total_seconds() / 60);
  if (!hints_.empty()) {
    fm += "hints_used = {";
    bool first = true;
    for (const auto& [facet, n] : hints_) {
      fm += fmt::format("{} {} = {}", first ? "" : ",", facet, n);
      first = false;
    }
    fm += " }\n";
  }
  fm += "\n[step_minutes]\n";
  for (std::size_t i = 0; i < steps_.size(); ++i)
    fm += fmt::format("{} = {:.1f}\n", toml_string(tpl_.steps[i].id),
                      step_seconds(static_cast<int>(i)) / 60);
  for (const auto& q : questions_) {
    fm += fmt::format("\n[[questions]]\nquestion = {}\nanswer = {}\n", toml_string(q.question),
                      toml_string(q.answer));
    if (!q.matched.empty()) fm += fmt::format("matches = {}\n", toml_string(q.matched));
  }
  fm += "+++\n";
  std::string body;
  for (std::size_t i = 0; i < steps_.size(); ++i) {
    body += fmt::format("\n## {}\n\n", tpl_.steps[i].title);
    std::string text = step_text(static_cast<int>(i));
    body += text.empty() ? "" : text;
  }
  return fm + body;
}

std::string Interview::to_toml() const {
  std::string out =
      fmt::format("problem = {}\ntemplate = {}\ncurrent = {}\nstarted = {:.3f}\nfinished = {}\n",
                  toml_string(problem_), toml_string(template_id_), current_, started_,
                  finished_ ? "true" : "false");
  // The running stretch is folded into the saved seconds, so a resumed clock continues from here.
  for (std::size_t i = 0; i < steps_.size(); ++i) {
    out += fmt::format("\n[[step]]\nid = {}\nseconds = {:.3f}\nlines = [",
                       toml_string(tpl_.steps[i].id), step_seconds(static_cast<int>(i)));
    for (std::size_t k = 0; k < steps_[i].lines.size(); ++k)
      out += (k ? ", " : "") + toml_string(steps_[i].lines[k]);
    out += "]\n";
  }
  for (const auto& q : questions_)
    out +=
        fmt::format("\n[[question]]\nquestion = {}\nanswer = {}\nmatched = {}\nstep = {}\n",
                    toml_string(q.question), toml_string(q.answer), toml_string(q.matched), q.step);
  if (!hints_.empty()) {
    out += "\n[hints]\n";
    for (const auto& [facet, n] : hints_) out += fmt::format("{} = {}\n", facet, n);
  }
  return out;
}

Interview Interview::from_toml(const std::string& text, const pack::Template& tpl, Clock clock) {
  toml::table t = toml::parse(text);
  Interview iv(t["problem"].value_or(std::string()), tpl, std::move(clock));
  iv.current_ = static_cast<int>(t["current"].value_or(0));
  iv.started_ = t["started"].value_or(iv.started_);
  iv.finished_ = t["finished"].value_or(false);
  if (const toml::array* steps = t["step"].as_array()) {
    std::size_t i = 0;
    for (const auto& node : *steps) {
      if (i >= iv.steps_.size()) break;
      const toml::table& st = *node.as_table();
      iv.steps_[i].seconds = st["seconds"].value_or(0.0);
      if (const toml::array* lines = st["lines"].as_array())
        for (const auto& l : *lines) iv.steps_[i].lines.push_back(l.value_or(std::string()));
      ++i;
    }
  }
  if (const toml::array* qs = t["question"].as_array())
    for (const auto& node : *qs) {
      const toml::table& q = *node.as_table();
      iv.questions_.push_back(
          {q["question"].value_or(std::string()), q["answer"].value_or(std::string()),
           q["matched"].value_or(std::string()), static_cast<int>(q["step"].value_or(0))});
    }
  if (const toml::table* h = t["hints"].as_table())
    for (const auto& [k, v] : *h) iv.hints_[std::string(k.str())] = static_cast<int>(v.value_or(0));
  if (iv.current_ < 0 || iv.current_ >= static_cast<int>(iv.steps_.size())) iv.current_ = 0;
  // The saved seconds already include the stretch that was running: restart it now.
  iv.stretch_start_ = iv.clock_();
  return iv;
}

}  // namespace sdi::repl
