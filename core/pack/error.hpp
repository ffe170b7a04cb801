#pragma once
// Errors a user can cause while loading plugins and packs. The message always starts with the
// display path of the file (and line when known) so the CLI can print "sdi: " + what().

#include <stdexcept>
#include <string>

namespace sdi::pack {

class Error : public std::runtime_error {
 public:
  Error(const std::string& file, int line, const std::string& message)
      : std::runtime_error(line > 0    ? file + ":" + std::to_string(line) + ": " + message
                           : line == 0 ? file + ": " + message
                                       : message),  // line < 0: message already says where
        file_(file),
        line_(line),
        message_(message) {}
  const std::string& file() const { return file_; }
  int line() const { return line_; }
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  int line_;
  std::string message_;
};

}  // namespace sdi::pack
