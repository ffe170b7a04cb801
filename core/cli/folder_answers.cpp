#include "cli/folder_answers.hpp"

#include <dirent.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace sdi::cli {

namespace {

// As path::extension() == ".md": a name of its own (".md") is a hidden file, not an extension.
bool named_as_answer(std::string_view name) {
  return name.size() > 3 && name.ends_with(".md");
}

void walk(std::string& path, PathList& out, std::vector<std::string>& unreadable) {
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) {
    unreadable.push_back(
        fmt::format("{}: cannot read this folder ({}); the answers in it are not graded", path,
                    std::strerror(errno)));
    return;
  }
  // The folder's path once, each entry's name after it in turn.
  if (path.back() != '/') path += '/';
  const std::size_t base = path.size();
  while (const dirent* entry = ::readdir(dir)) {
    const std::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    path.resize(base);
    path += name;
    unsigned char type = entry->d_type;
    if (type == DT_UNKNOWN) {
      struct stat info {};
      if (::lstat(path.c_str(), &info) != 0) continue;
      type = S_ISDIR(info.st_mode)   ? DT_DIR
             : S_ISLNK(info.st_mode) ? DT_LNK
             : S_ISREG(info.st_mode) ? DT_REG
                                     : DT_UNKNOWN;
    }
    if (type == DT_DIR) {
      walk(path, out, unreadable);
    } else if (named_as_answer(name)) {
      // A link counts when what it leads to is a regular file.
      struct stat info {};
      if (type == DT_REG ||
          (type == DT_LNK && ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode)))
        out.push_back(path);
    }
  }
  ::closedir(dir);
}

}  // namespace

void add_folder_answers(std::string_view folder, PathList& out,
                        std::vector<std::string>& unreadable) {
  std::string path(folder);
  walk(path, out, unreadable);
}

}  // namespace sdi::cli
