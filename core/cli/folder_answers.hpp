#pragma once
// The answer files in a folder and the folders under it: regular files (or links to them) named
// *.md, as std::filesystem's recursive walk finds them (links to folders are not followed, and
// folders that cannot be read are skipped), listed with readdir rather than through a path object
// per entry, which cost a batch of 1,000 answers about a millisecond before grading began.

#include <string_view>

#include "cli/path_list.hpp"

namespace sdi::cli {

// Appends each answer's path (the folder's path, a '/', the names below it) in no set order.
void add_folder_answers(std::string_view folder, PathList& out);

}  // namespace sdi::cli
