#pragma once
// Resolves `sdi pack lint|test` arguments (pack ids or folders) to pack folders.

#include <filesystem>
#include <string>
#include <vector>

#include "cli/context.hpp"

namespace sdi::cli {

// Folders named on the command line join the search path first, so a pack can be checked in
// place. With no targets: the pack in the working directory, else every pack on the path.
void add_target_folders(Context& ctx, const std::vector<std::string>& targets);
std::vector<const pack::Manifest*> select_packs(Context& ctx,
                                                const std::vector<std::string>& targets,
                                                bool& failed);

}  // namespace sdi::cli
