#pragma once
// How `grade` and `report merge` end: write the reports, then the exit code DESIGN.md sets.

#include "report/outputs.hpp"
#include "report/summary.hpp"

namespace sdi::cli {

// Finishes the summary and the reports; 2 when anything failed, 1 when an answer is below
// --min-score, else 0.
int finish_run(report::Outputs& outputs, report::Summary& summary, bool failed);

}  // namespace sdi::cli
