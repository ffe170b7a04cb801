#pragma once
// Grades files on N workers, each with its own sandboxes and compiled packs, and hands the
// results back in input order whatever the scheduling, so reports are byte-identical for any N.

#include <functional>
#include <string>
#include <vector>

#include "grade/session.hpp"
#include "pack/library.hpp"

namespace sdi::cli {

void grade_in_order(const pack::Library& library, const std::vector<std::string>& files,
                    const grade::GradeOptions& options, int jobs,
                    const std::function<void(std::size_t index, const grade::GradeResult&)>& emit);

}  // namespace sdi::cli
