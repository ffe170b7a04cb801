#pragma once
// Back-of-the-envelope grading: the candidate's stated assumptions and figures, found anywhere in
// the answer, and each pack estimate recomputed from the candidate's own assumptions (the pack's
// defaults where they stated none), compared in log space.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "grade/analysis.hpp"
#include "grade/result.hpp"
#include "pack/loaded_pack.hpp"
#include "quantity/quantity.hpp"

namespace sdi::grade {

struct StatedValue {
  quantity::Quantity value;
  std::string raw;  // as written
  int line = 0;
  std::string sentence;
};

struct EstimateFindings {
  std::vector<std::optional<StatedValue>> assumptions;  // per pack assumption
  std::vector<std::optional<StatedValue>> figures;      // per pack estimate
  std::vector<EstimateResult> results;                  // per pack estimate
  std::vector<AssumptionFlag> flags;
};

// Credit for a ratio >= 1: within 25% full, within 2x most, within 10x some, beyond nothing.
double credit_for_ratio(double ratio);

// A pack's assumptions and estimates compiled for finding them in answers: their names, parsed
// defaults and bounds, and each estimate from the defaults. A grader makes one per pack.
class EstimateModel {
 public:
  explicit EstimateModel(const pack::LoadedPack& pack);
  ~EstimateModel();
  EstimateModel(EstimateModel&&) noexcept = default;
  EstimateModel& operator=(EstimateModel&&) noexcept = default;

  struct Data;

 private:
  std::unique_ptr<Data> data_;
  friend EstimateFindings find_estimates(const Analysis&, const pack::LoadedPack&,
                                         const EstimateModel&);
};

EstimateFindings find_estimates(const Analysis& a, const pack::LoadedPack& pack);
// The same with the pack's model already compiled (`model` must be made from `pack`).
EstimateFindings find_estimates(const Analysis& a, const pack::LoadedPack& pack,
                                const EstimateModel& model);

}  // namespace sdi::grade
