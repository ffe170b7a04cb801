#pragma once

namespace sdi::cli {

// Parses the command line, runs the subcommand, and returns the process exit code:
// 0 all graded at or above the bar, 1 some answer below it, 2 bad usage or an invalid input.
int run(int argc, char** argv);

}  // namespace sdi::cli
