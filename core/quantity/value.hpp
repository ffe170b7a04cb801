#pragma once
// Quantity: a number in base units (bytes, seconds, counts) with its unit, an optional range,
// qualifiers (approximate, upper/lower bound), an optional horizon ("3 PB over 5 years") and
// display preferences. Trivially copyable by design (see unit.hpp).
//
// Conventions (used everywhere in this module):
//   1 day = 86,400 s; 1 week = 7 days; 1 month = 30 days; 1 year = 365 days.
//   K = 1,000, M = 10^6, B/bn = 10^9, T = 10^12 for counts; KB, MB, GB, TB, PB, EB are decimal
//   (KB = 1,000 bytes); KiB, MiB, GiB, TiB, PiB, EiB are binary (KiB = 1,024 bytes).
//   Ranges ("3-5K", "3K to 5K") keep both ends in `lo`/`hi`; `value` is their GEOMETRIC mean
//   (3-5K -> 3.87K), the centre in log space where estimates are compared; it also commutes with
//   multiplication and division, so a range times a number keeps value == sqrt(lo*hi).

#include <optional>
#include <string>
#include <type_traits>

#include "quantity/unit.hpp"

namespace sdi::quantity {

struct Quantity {
  double value = 0;  // in base units: bytes, seconds, counts (bits are stored as bytes / 8)
  Unit unit;
  std::optional<double> lo, hi;           // range bounds, same unit as value
  bool approx = false;                    // "~4K", "about 4K", "≈ 4K"
  bool upper_bound = false;               // "up to 10K", "at most", "< 10K": value is the bound
  bool lower_bound = false;               // "at least 10K", "> 10K", "10K+": value is the bound
  std::optional<double> horizon_seconds;  // "3 PB over 5 years": the period a total accrues over
  // Display preferences (not part of the value):
  double time_hint = 0;          // seconds of the time unit the input used (86400 for "/day")
  FixedString<32> display_unit;  // set by convert(): format exactly in this unit ("GB/day")

  static Quantity count(double v) {
    Quantity q;
    q.value = v;
    return q;
  }
  static Quantity bytes(double v) {
    Quantity q;
    q.value = v;
    q.unit.bytes = 1;
    return q;
  }
  static Quantity seconds(double v) {
    Quantity q;
    q.value = v;
    q.unit.time = 1;
    return q;
  }
  bool is_range() const { return lo.has_value() && hi.has_value(); }
};

static_assert(std::is_trivially_copyable_v<Quantity>, "Quantity must stay trivially copyable");
static_assert(std::is_trivially_destructible_v<Quantity>,
              "Quantity must stay trivially destructible");

/// Arithmetic. Ranges propagate by interval arithmetic; `approx` if either side is; bounds
/// propagate when they stay meaningful (a bound times a positive number is still a bound);
/// a horizon survives scaling by a dimensionless number and sums of equal horizons.
Quantity multiply(const Quantity& a, const Quantity& b);
/// Division by zero yields inf/NaN like double does; the expression parser reports it as an error.
Quantity divide(const Quantity& a, const Quantity& b);
Quantity negate(const Quantity& a);
/// Fails (nullopt, message in *error) when dimensions differ: "cannot add 5 GB (bytes) and 3 s
/// ...".
std::optional<Quantity> add(const Quantity& a, const Quantity& b, std::string* error = nullptr);
std::optional<Quantity> subtract(const Quantity& a, const Quantity& b,
                                 std::string* error = nullptr);
/// A dimensioned base needs an integer exponent.
std::optional<Quantity> power(const Quantity& base, double exponent, std::string* error = nullptr);

/// -1, 0, 1 comparing values; nullopt when dimensions differ.
std::optional<int> compare(const Quantity& a, const Quantity& b);

/// The factor (>= 1) by which two quantities differ, as an engineer judges an estimate: each side
/// is the interval [lo, hi] (a point without a range); overlapping intervals give 1, otherwise the
/// ratio between the nearest ends. NaN when dimensions differ, +inf when one side is <= 0 and the
/// other is not (both zero gives 1).
double ratio(const Quantity& a, const Quantity& b);
/// |log10(ratio(a, b))|: orders of magnitude apart (0 = agree). NaN when dimensions differ.
double log_distance(const Quantity& a, const Quantity& b);

}  // namespace sdi::quantity
