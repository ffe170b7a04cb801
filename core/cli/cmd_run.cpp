#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "lua/error.hpp"
#include "repl/console.hpp"

namespace sdi::cli {

int cmd_run(Context& ctx, const RunArgs& args) {
  repl::Console console(
      ctx.library(), [](std::string_view s) { std::cout << s; }, nullptr);
  try {
    console.run_file(args.script, args.args);
  } catch (const lua::Error& e) {
    std::cout.flush();
    error(e.what());
    return kExitError;
  }
  return kExitOk;
}

}  // namespace sdi::cli
