#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"

namespace sdi::cli {

namespace fs = std::filesystem;

namespace {

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64 || id.front() < 'a' || id.front() > 'z' || id.back() == '-')
    return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

int cmd_pack_new(Context& ctx, const PackNewArgs& args) {
  if (!valid_id(args.id)) {
    error(fmt::format(
        "'{}' is not a pack id: use lowercase letters, digits and dashes, starting with a letter "
        "(e.g. news-feed)",
        args.id));
    return kExitError;
  }
  fs::path target = fs::path(args.dir.empty() ? "." : args.dir) / args.id;
  std::error_code ec;
  if (fs::exists(target, ec)) {
    error(fmt::format("{}: already exists; choose another id or remove it", target.string()));
    return kExitError;
  }
  fs::path scaffold, types;
  for (const auto& dir : ctx.library().search_path().plugin_dirs) {
    if (scaffold.empty() && fs::is_directory(dir / "scaffold", ec)) scaffold = dir / "scaffold";
    if (types.empty() && fs::is_directory(dir / "types", ec)) types = dir / "types";
  }
  if (scaffold.empty()) {
    error(
        "the pack scaffold (plugins/scaffold) is not on the search path; reinstall sdi or pass "
        "--pack-path");
    return kExitError;
  }
  std::string title = args.title;
  if (title.empty()) title = "Design " + replace_all(args.id, "-", " ");
  std::string concept_id = replace_all(args.id, "-", "_");
  auto render = [&](const fs::path& source) {
    std::string text = read_file(source);
    text = replace_all(text, "{{id}}", args.id);
    text = replace_all(text, "{{title}}", title);
    text = replace_all(text, "{{concept_id}}", concept_id);
    // Without the type definitions on the path the editor config lists no library.
    text = replace_all(text, "\"{{types}}\"",
                       types.empty() ? "" : "\"" + fs::weakly_canonical(types, ec).string() + "\"");
    return text;
  };
  struct Item {
    const char* from;
    const char* to;
  };
  const Item items[] = {{"pack.toml", "pack.toml"},
                        {"pack.lua", "pack.lua"},
                        {"answers/strong.md", "answers/strong.md"},
                        {"answers/weak.md", "answers/weak.md"},
                        {"luarc.json", ".luarc.json"}};
  fs::create_directories(target / "answers", ec);
  if (ec) {
    error(fmt::format("{}: cannot be created: {}", target.string(), ec.message()));
    return kExitError;
  }
  for (const auto& item : items) {
    std::ofstream out(target / item.to, std::ios::binary);
    out << render(scaffold / item.from);
    if (!out) {
      error(fmt::format("{}: cannot be written", (target / item.to).string()));
      return kExitError;
    }
  }
  std::cout << fmt::format(
      "Created {0}/ with pack.toml, pack.lua, two sample answers and .luarc.json (editor "
      "completion).\n"
      "Next:\n"
      "  sdi pack lint {0}      check the pack without grading\n"
      "  sdi pack test {0}      grade the samples against their bands\n"
      "  sdi show {1} --pack-path {0}\n"
      "Then replace the example content in pack.lua (see CONTRIBUTING.md, \"Writing a problem "
      "pack\").\n",
      target.string(), args.id);
  return kExitOk;
}

}  // namespace sdi::cli
