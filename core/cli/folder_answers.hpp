#pragma once
// The answer files in a folder and the folders under it: regular files (or links to them) named
// *.md, as std::filesystem's recursive walk finds them (links to folders are not followed), listed
// with readdir rather than through a path object per entry, which cost a batch of 1,000 answers
// about a millisecond before grading began.

#include <string>
#include <string_view>
#include <vector>

#include "cli/path_list.hpp"

namespace sdi::cli {

// Appends each answer's path (the folder's path, a '/', the names below it) in no set order, and
// to `unreadable` a line for each folder under it that could not be listed, saying why: its
// answers would otherwise go ungraded without a word.
void add_folder_answers(std::string_view folder, PathList& out,
                        std::vector<std::string>& unreadable);

}  // namespace sdi::cli
