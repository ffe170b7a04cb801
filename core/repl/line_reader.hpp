#pragma once
// Reading lines: libedit (history, completion, editing) on a terminal, plain lines otherwise.

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sdi::repl {

class LineReader {
 public:
  using Completer =
      std::function<std::vector<std::string>(const std::string& line, const std::string& word)>;

  // `interactive`: stdin is a terminal; history is loaded from and saved to `history_file`.
  LineReader(bool interactive, std::string history_file, Completer completer);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line without its newline; nullopt at end of input (Ctrl-D).
  std::optional<std::string> read(const std::string& prompt);
  void save_history();
  bool interactive() const { return interactive_; }

 private:
  bool interactive_;
  std::string history_file_;
};

}  // namespace sdi::repl
