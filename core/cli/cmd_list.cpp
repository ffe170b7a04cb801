#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/json_out.hpp"

namespace sdi::cli {

int cmd_list(Context& ctx, bool json) {
  const pack::Library& lib = ctx.library();
  bool problems = ctx.report_library_problems();
  const auto& packs = lib.packs();
  if (json) {
    std::string out = "[";
    for (std::size_t i = 0; i < packs.size(); ++i) {
      const auto& m = packs[i];
      out += fmt::format(
          "{}\n  {{\"id\": {}, \"title\": {}, \"difficulty\": {}, \"template\": {}, "
          "\"version\": {}, \"tags\": {}, \"path\": {}}}",
          i ? "," : "", json_string(m.id), json_string(m.title), json_string(m.difficulty),
          json_string(m.template_id), json_string(m.version), json_string_list(m.tags),
          json_string(m.file.substr(0, m.file.size() - std::string("/pack.toml").size())));
    }
    out += packs.empty() ? "]\n" : "\n]\n";
    std::cout << out;
    return problems ? kExitError : kExitOk;
  }
  if (packs.empty()) {
    std::cout << "No problem packs found. Add a folder with --pack-path DIR or SDI_PATH.\n";
    return problems ? kExitError : kExitOk;
  }
  std::size_t w_id = 2, w_title = 5, w_diff = 10;
  for (const auto& m : packs) {
    w_id = std::max(w_id, m.id.size());
    w_title = std::max(w_title, m.title.size());
    w_diff = std::max(w_diff, m.difficulty.size());
  }
  std::cout << fmt::format("{:<{}}  {:<{}}  {:<{}}  {}\n", "ID", w_id, "TITLE", w_title,
                           "DIFFICULTY", w_diff, "TEMPLATE");
  for (const auto& m : packs)
    std::cout << fmt::format("{:<{}}  {:<{}}  {:<{}}  {}\n", m.id, w_id, m.title, w_title,
                             m.difficulty, w_diff, m.template_id);
  return problems ? kExitError : kExitOk;
}

}  // namespace sdi::cli
