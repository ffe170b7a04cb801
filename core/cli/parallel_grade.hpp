#pragma once
// Grades files on N workers, each with its own sandboxes and compiled packs, and hands the
// results back in input order whatever the scheduling, so reports are byte-identical for any N.
// The calling thread is one of the workers (N - 1 helper threads join it), so it never sits idle
// waiting for results, and its own results reach the reporters without leaving its thread.
// Each worker may also run a step of its own on its results (rendering them for the reporters),
// so that work scales with the workers too.

#include <functional>
#include <string>
#include <vector>

#include "cli/path_list.hpp"
#include "grade/session.hpp"
#include "pack/library.hpp"
#include "report/outputs.hpp"

namespace sdi::cli {

struct Graded {
  grade::GradeResult result;
  report::Rendering rendering;
};

// What a worker does with each result after grading it, on its own thread.
using WorkerStep = std::function<void(Graded&)>;

// `make_step` is called once on each worker's thread (empty: no step). `emit` runs on the calling
// thread, in input order, between the files it grades itself. An exception from `emit` stops the
// helpers and propagates.
void grade_in_order(const pack::Library& library, const PathList& files,
                    const grade::GradeOptions& options, int jobs,
                    const std::function<WorkerStep()>& make_step,
                    const std::function<void(std::size_t index, Graded&)>& emit);

}  // namespace sdi::cli
