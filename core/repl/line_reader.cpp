#include "repl/line_reader.hpp"

#include <editline/readline.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

namespace sdi::repl {

namespace {

// libedit's completion hooks are plain C callbacks: the active completer lives here.
LineReader::Completer* active_completer = nullptr;
std::vector<std::string> matches;

char* next_match(const char* /*text*/, int state) {
  static std::size_t index;
  if (state == 0) index = 0;
  if (index >= matches.size()) return nullptr;
  return strdup(matches[index++].c_str());
}

char** complete(const char* text, int /*start*/, int /*end*/) {
  rl_attempted_completion_over = 1;  // never fall back to file names
  if (active_completer == nullptr) return nullptr;
  matches = (*active_completer)(rl_line_buffer != nullptr ? rl_line_buffer : "", text);
  if (matches.empty()) return nullptr;
  return rl_completion_matches(text, next_match);
}

}  // namespace

LineReader::LineReader(bool interactive, std::string history_file, Completer completer)
    : interactive_(interactive), history_file_(std::move(history_file)) {
  if (!interactive_) return;
  static Completer holder;
  holder = std::move(completer);
  active_completer = &holder;
  rl_readline_name = "sdi";
  rl_attempted_completion_function = complete;
  // Words break at spaces only, so "sdi.q" and ":start" complete as wholes.
  rl_basic_word_break_characters = " \t\n\"'(";
  using_history();
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(history_file_).parent_path(), ec);
  if (!std::filesystem::exists(history_file_, ec)) write_history(history_file_.c_str());
  read_history(history_file_.c_str());
}

LineReader::~LineReader() {
  save_history();
}

std::optional<std::string> LineReader::read(const std::string& prompt) {
  if (!interactive_) {
    std::string line;
    if (!std::getline(std::cin, line)) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  char* raw = readline(prompt.c_str());
  if (raw == nullptr) return std::nullopt;
  std::string line(raw);
  std::free(raw);
  if (!line.empty()) {
    add_history(line.c_str());
    // Appended at once, so a killed process keeps its history too.
    append_history(1, history_file_.c_str());
  }
  return line;
}

void LineReader::save_history() {
  if (!interactive_) return;
  history_truncate_file(history_file_.c_str(), 2000);
}

}  // namespace sdi::repl
