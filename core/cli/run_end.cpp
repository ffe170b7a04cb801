#include "cli/run_end.hpp"

#include "cli/context.hpp"
#include "cli/exit_codes.hpp"

namespace sdi::cli {

int finish_run(report::Outputs& outputs, report::Summary& summary, bool failed) {
  summary.finish();
  for (const auto& problem : outputs.finish(summary)) {
    error(problem);
    failed = true;
  }
  if (failed) return kExitError;
  return summary.below > 0 ? kExitBelowBar : kExitOk;
}

}  // namespace sdi::cli
