#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/pack_targets.hpp"
#include "pack/lint.hpp"
#include "pack/paths.hpp"

namespace sdi::cli {

int cmd_pack_lint(Context& ctx, const std::vector<std::string>& targets) {
  add_target_folders(ctx, targets);
  // A broken manifest is itself a finding: lint every folder the library could not read too.
  int errors = 0, warnings = 0;
  for (const auto& p : ctx.library().problems()) {
    bool relevant = targets.empty();
    for (const auto& t : targets)
      relevant = relevant || p.find(pack::display_path(t)) != std::string::npos ||
                 p.find("/" + t + "/") != std::string::npos;
    if (!relevant) continue;
    std::cout << p << "\n";  // a manifest that cannot be read is an error finding
    ++errors;
  }
  bool unknown = false;
  std::vector<const pack::Manifest*> packs = select_packs(ctx, targets, unknown);
  for (const pack::Manifest* m : packs) {
    for (const auto& f : pack::lint_pack(ctx.library(), m->dir)) {
      std::cout << f.text() << "\n";
      (f.severity == pack::Finding::Severity::Error ? errors : warnings)++;
    }
  }
  std::size_t linted = packs.size() + (packs.empty() && errors > 0 ? 1 : 0);
  std::cout << fmt::format("{} pack{} linted: {} error{}, {} warning{}\n", linted,
                           linted == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings,
                           warnings == 1 ? "" : "s");
  if (unknown && errors == 0) return kExitError;
  return errors > 0 ? kExitBelowBar : kExitOk;
}

}  // namespace sdi::cli
