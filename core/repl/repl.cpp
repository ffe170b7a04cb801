#include "repl/repl.hpp"

#include <fmt/format.h>
#include <langinfo.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <clocale>
#include <csignal>
#include <iostream>
#include <sstream>

#include "grade/step_mapper.hpp"

namespace sdi::repl {

namespace {

double wall_seconds() {
  using namespace std::chrono;
  return duration<double>(system_clock::now().time_since_epoch()).count();
}

void on_sigint(int) {
  interrupt_flag().store(true);
}

// Whether the terminal's locale is UTF-8 (set from the environment once, for libedit too).
bool utf8_terminal() {
  static const bool utf8 = [] {
    std::setlocale(LC_CTYPE, "");
    const char* codeset = nl_langinfo(CODESET);
    return codeset != nullptr && std::string(codeset) == "UTF-8";
  }();
  return utf8;
}

std::string trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  std::size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

}  // namespace

std::atomic<bool>& interrupt_flag() {
  static std::atomic<bool> flag{false};
  return flag;
}

Repl::Repl(const pack::Library& library, const ReplOptions& options)
    : library_(library), options_(options), session_(library) {
  console_ = std::make_unique<Console>(
      library_, [this](std::string_view s) { out(std::string(s)); }, &interrupt_flag());
}

void Repl::out(const std::string& text) {
  std::cout << text;
  std::cout.flush();
}

void Repl::say(const std::string& text) {
  out(text + "\n");
}

void Repl::warn(const std::string& text) {
  say(paint(text, "33"));
}

std::string Repl::paint(const std::string& text, const char* code) const {
  return options_.color ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : text;
}

std::string Repl::paint_prompt(const std::string& text, const char* code) const {
  return options_.color ? fmt::format("\001\x1b[{}m\002{}\001\x1b[0m\002", code, text) : text;
}

std::string Repl::prompt() const {
  if (!options_.interactive) return "";
  if (!pending_lua_.empty()) return ">> ";
  if (!interview_) return paint_prompt("sdi", "1") + " > ";
  double left = interview_->seconds_left();
  std::string clock = left >= 0 ? format_clock(left) + " left" : format_clock(-left) + " over";
  // libedit converts the prompt to wide characters: use the dot only where the locale can say it.
  const char* dot = utf8_terminal() ? " \u00b7 " : " - ";
  return fmt::format("{}{}{}{}{} > ", paint_prompt(interview_->problem(), "1"), dot,
                     paint_prompt(interview_->step().id, "36"), dot,
                     paint_prompt(clock, left >= 0 ? "2" : "31"));
}

bool Repl::require_interview() {
  if (interview_) return true;
  warn("No interview running. Start one with :start PROBLEM (see :list).");
  return false;
}

void Repl::changed(const std::string& event) {
  if (!interview_ || !journal_) return;
  try {
    journal_->record(event, interview_->to_toml());
  } catch (const std::exception& e) {
    warn(fmt::format("could not save the session: {}", e.what()));
  }
}

void Repl::handle(const std::string& raw) {
  std::string line = raw;
  if (!pending_lua_.empty()) {
    pending_lua_ += "\n" + line;
    if (console_->eval(pending_lua_) == Console::Outcome::Done) pending_lua_.clear();
    return;
  }
  std::string t = trim(line);
  if (!t.empty() && t.front() == ':') {
    std::string name =
        t.substr(1, t.find(' ') == std::string::npos ? std::string::npos : t.find(' ') - 1);
    std::string args = t.find(' ') == std::string::npos ? "" : trim(t.substr(t.find(' ') + 1));
    for (const auto& c : commands()) {
      if (name == c.name) {
        (this->*c.run)(args);
        return;
      }
    }
    warn(fmt::format("Unknown command :{}. Type :help for the list.", name));
    return;
  }
  bool lua = !t.empty() && t.front() == '=';
  if (!interview_ && !t.empty()) lua = true;
  if (lua) {
    if (console_->eval(t) == Console::Outcome::NeedMore) pending_lua_ = t;
    return;
  }
  if (!interview_) return;  // a blank line with nothing running
  interview_->append(line);
  double left = interview_->seconds_left();
  if (left < 0 && !warned_over_) {
    warned_over_ = true;
    warn(fmt::format("(The {} step is {} over its {:g} minutes; :next when you are ready.)",
                     interview_->step().title, format_clock(-left), interview_->step().minutes));
  }
  changed("line");
}

void Repl::start(const std::string& problem, const std::string& template_id) {
  const pack::Manifest* m = library_.find_pack(problem);
  if (m == nullptr) {
    std::string message = library_.unknown_pack_message(problem);
    message[0] = 'U';  // a sentence of the conversation
    warn(message);
    return;
  }
  std::string tid = template_id.empty() ? m->template_id : template_id;
  const pack::Template* t = library_.find_template(tid);
  if (t == nullptr) {
    std::string known;
    for (const auto& x : library_.templates()) known += (known.empty() ? "" : ", ") + x.id;
    warn(fmt::format("Unknown template '{}'. Known templates: {}", tid, known));
    return;
  }
  std::string error;
  if (session_.grader_for(problem, error) == nullptr) {
    warn(error);
    return;
  }
  interview_ = std::make_unique<Interview>(problem, *t, wall_seconds);
  warned_over_ = false;
  try {
    journal_ = Journal::create(problem);
  } catch (const std::exception& e) {
    warn(fmt::format("sessions cannot be saved: {}", e.what()));
  }
  say(paint(m->title, "1"));
  say(m->prompt);
  show_plan();
  say(fmt::format(
      "Type your answer for each step; :ask a question, :hint for a nudge, :next to move on, "
      ":grade when done. Session {} is saved as you type.",
      journal_ ? journal_->id() : "(unsaved)"));
  changed("start " + problem + " " + tid);
}

void Repl::show_plan() {
  const pack::Template& t = interview_->tpl();
  say(paint(fmt::format("{} ({:g} minutes):", t.title, t.total_minutes()), "1"));
  for (std::size_t i = 0; i < t.steps.size(); ++i) {
    bool here = static_cast<int>(i) == interview_->current();
    say(fmt::format("{} {}. {:<44} {:>3g} min  {}", here ? ">" : " ", i + 1, t.steps[i].title,
                    t.steps[i].minutes,
                    format_clock(interview_->step_seconds(static_cast<int>(i)))));
  }
  say(paint("Now: " + interview_->step().title + ". " + interview_->step().guidance, "2"));
}

bool Repl::resume(const std::string& id) {
  auto j = Journal::open(id);
  if (!j) {
    warn(fmt::format("No session '{}'. :sessions lists them.", id));
    return false;
  }
  std::string snap = j->snapshot();
  try {
    toml::table t = toml::parse(snap);
    std::string problem = t["problem"].value_or(std::string());
    std::string tid = t["template"].value_or(std::string());
    const pack::Template* tpl = library_.find_template(tid);
    if (tpl == nullptr || library_.find_pack(problem) == nullptr) {
      warn(fmt::format(
          "Session {} needs problem '{}' and template '{}', which are not on the search path.", id,
          problem, tid));
      return false;
    }
    interview_ = std::make_unique<Interview>(Interview::from_toml(snap, *tpl, wall_seconds));
  } catch (const std::exception& e) {
    warn(fmt::format("{}/session.toml cannot be read: {}", j->dir().string(), e.what()));
    return false;
  }
  journal_ = j;
  say(fmt::format("Resumed session {}: {}.", id, interview_->problem()));
  show_plan();
  changed("resume");
  return true;
}

std::vector<std::string> Repl::complete(const std::string& line, const std::string& word) {
  std::vector<std::string> out;
  auto add = [&](const std::string& candidate) {
    if (candidate.rfind(word, 0) == 0) out.push_back(candidate);
  };
  std::string t = trim(line);
  // The words typed so far; the one being completed is the last (empty after a space).
  std::vector<std::string> words;
  {
    std::istringstream in(line);
    std::string w;
    while (in >> w) words.push_back(w);
    if (line.empty() || line.back() == ' ' || line.back() == '\t') words.push_back("");
  }
  if (words.size() <= 1 && (t.empty() || t.front() == ':')) {
    for (const auto& c : commands()) add(std::string(":") + c.name);
    if (!out.empty() || (!t.empty() && t.front() == ':')) return out;
  }
  if (t.rfind(":start", 0) == 0 || t.rfind(":explain", 0) == 0 || t.rfind(":step", 0) == 0) {
    if (t.rfind(":start", 0) == 0) {
      if (words.size() <= 2)
        for (const auto& p : library_.packs()) add(p.id);
      else
        for (const auto& x : library_.templates()) add(x.id);
    } else if (t.rfind(":explain", 0) == 0) {
      for (const auto& c : library_.glossary().all()) add(c.id);
    } else if (interview_) {
      for (const auto& s : interview_->tpl().steps) add(s.id);
    }
    return out;
  }
  std::string expr = word;
  if (!expr.empty() && expr.front() == '=') expr = expr.substr(1);
  for (auto& c : console_->complete(expr))
    out.push_back((word.size() > expr.size() ? "=" : "") + c);
  return out;
}

int Repl::run() {
  struct sigaction sa {};
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  utf8_terminal();  // sets the locale before line editing starts
  LineReader reader(
      options_.interactive, (state_dir() / "history").string(),
      [this](const std::string& line, const std::string& word) { return complete(line, word); });
  if (options_.resume) {
    if (options_.resume->empty()) {
      cmd_sessions("");
      if (!options_.interactive) return 0;
    } else if (!resume(*options_.resume)) {
      return 2;
    }
  } else if (!options_.problem.empty()) {
    start(options_.problem, options_.template_id);
    if (!interview_) return 2;
  } else if (options_.interactive) {
    say(paint(fmt::format("sdi {}: a mock system design interview.", SDI_VERSION), "1"));
    cmd_list("");
    say("Start one with :start PROBLEM (Tab completes), or :help for every command. Lua works too: "
        "q\"300M/day\"");
  }
  while (!quit_) {
    interrupt_flag().store(false);
    std::optional<std::string> line = reader.read(prompt());
    if (!line && interrupt_flag().exchange(false) && options_.interactive) {
      // Ctrl-C at the prompt drops the line being typed, not the session.
      out("\n");
      pending_lua_.clear();
      continue;
    }
    if (!line) break;
    auto begun = std::chrono::steady_clock::now();
    handle(*line);
    if (options_.timing) {
      double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begun)
              .count();
      std::string what = line->empty()          ? "(blank)"
                         : line->front() == ':' ? line->substr(0, line->find(' '))
                         : line->front() == '=' ? "=lua"
                         : interview_           ? "(answer line)"
                                                : "(lua)";
      std::cerr << fmt::format("timing\t{}\t{:.3f} ms\n", what, ms);
    }
  }
  if (interview_) changed("leave");
  reader.save_history();
  if (options_.interactive) say("");
  return 0;
}

int run_repl(const pack::Library& library, const ReplOptions& options) {
  Repl repl(library, options);
  return repl.run();
}

}  // namespace sdi::repl
