#include <iostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"

namespace sdi::cli {

int cmd_welcome(Context& ctx) {
  const pack::Library& lib = ctx.library();
  std::cout << "sdi " << SDI_VERSION << ": the system design interview engine.\n\nProblems:\n";
  for (const auto& m : lib.packs())
    std::cout << "  " << m.id << "  (" << m.title << ", " << m.difficulty << ")\n";
  std::cout << "\nTry:\n"
               "  sdi show url-shortener                 the prompt and the interview steps\n"
               "  sdi grade my-answer.md                 grade an answer (Markdown)\n"
               "  sdi calc \"300M users * 2 /day -> /s\"   back-of-the-envelope arithmetic\n"
               "  sdi list                               every problem pack\n"
               "  sdi --help                             all commands\n";
  return kExitOk;
}

}  // namespace sdi::cli
