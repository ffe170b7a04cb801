#include "quantity/value.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "quantity/format.hpp"

namespace sdi::quantity {

namespace {

struct Interval {
  double lo, hi;
};

Interval interval(const Quantity& q) {
  if (q.is_range()) return {*q.lo, *q.hi};
  return {q.value, q.value};
}

void set_range(Quantity& out, const Quantity& a, const Quantity& b, Interval iv) {
  if (!a.is_range() && !b.is_range()) return;
  if (!std::isfinite(iv.lo) || !std::isfinite(iv.hi)) return;
  out.lo = iv.lo;
  out.hi = iv.hi;
}

void settle_bounds(Quantity& q) {
  if (q.upper_bound && q.lower_bound) q.upper_bound = q.lower_bound = false;
}

double pick_hint(const Quantity& a, const Quantity& b, const Unit& result) {
  if (result.time == 0) return a.time_hint != 0 ? a.time_hint : b.time_hint;
  if (a.unit.time != 0 && a.time_hint != 0) return a.time_hint;
  if (b.unit.time != 0 && b.time_hint != 0) return b.time_hint;
  return a.time_hint != 0 ? a.time_hint : b.time_hint;
}

void pick_display(Quantity& out, const Quantity& a, const Quantity& b) {
  if (!a.display_unit.empty() && same_dimension(out.unit, a.unit)) {
    out.display_unit = a.display_unit;
  } else if (!b.display_unit.empty() && same_dimension(out.unit, b.unit)) {
    out.display_unit = b.display_unit;
  }
}

// Common parts of * and /: qualifiers, horizon, hints.
void product_common(Quantity& out, const Quantity& a, const Quantity& b) {
  out.approx = a.approx || b.approx;
  out.time_hint = pick_hint(a, b, out.unit);
  if (a.horizon_seconds && !b.horizon_seconds && b.unit.dimensionless()) {
    out.horizon_seconds = a.horizon_seconds;
  } else if (b.horizon_seconds && !a.horizon_seconds && a.unit.dimensionless()) {
    out.horizon_seconds = b.horizon_seconds;
  }
  pick_display(out, a, b);
}

std::string describe(const Quantity& q) {
  return fmt::format("{} ({})", format(q), dimension_name(q.unit));
}

}  // namespace

Quantity multiply(const Quantity& a, const Quantity& b) {
  Quantity out;
  out.value = a.value * b.value;
  out.unit = multiply(a.unit, b.unit);
  Interval x = interval(a), y = interval(b);
  double p[] = {x.lo * y.lo, x.lo * y.hi, x.hi * y.lo, x.hi * y.hi};
  set_range(out, a, b, {*std::min_element(p, p + 4), *std::max_element(p, p + 4)});
  bool nonneg = a.value >= 0 && b.value >= 0;
  out.upper_bound = nonneg && (a.upper_bound || b.upper_bound);
  out.lower_bound = nonneg && (a.lower_bound || b.lower_bound);
  settle_bounds(out);
  product_common(out, a, b);
  return out;
}

Quantity divide(const Quantity& a, const Quantity& b) {
  Quantity out;
  out.value = a.value / b.value;
  out.unit = divide(a.unit, b.unit);
  Interval x = interval(a), y = interval(b);
  if (!(y.lo <= 0 && y.hi >= 0)) {
    double p[] = {x.lo / y.lo, x.lo / y.hi, x.hi / y.lo, x.hi / y.hi};
    set_range(out, a, b, {*std::min_element(p, p + 4), *std::max_element(p, p + 4)});
  }
  bool nonneg = a.value >= 0 && b.value > 0;
  out.upper_bound = nonneg && (a.upper_bound || b.lower_bound);
  out.lower_bound = nonneg && (a.lower_bound || b.upper_bound);
  settle_bounds(out);
  product_common(out, a, b);
  return out;
}

Quantity negate(const Quantity& a) {
  Quantity out = a;
  out.value = -a.value;
  if (a.is_range()) {
    out.lo = -*a.hi;
    out.hi = -*a.lo;
  }
  std::swap(out.upper_bound, out.lower_bound);
  return out;
}

namespace {

std::optional<Quantity> add_impl(const Quantity& a, const Quantity& b, bool minus,
                                 std::string* error) {
  if (!same_dimension(a.unit, b.unit)) {
    if (error) {
      *error =
          fmt::format("cannot {} {} {} {}: the dimensions differ", minus ? "subtract" : "add",
                      describe(minus ? b : a), minus ? "from" : "and", describe(minus ? a : b));
    }
    return std::nullopt;
  }
  Quantity out;
  out.unit = add(a.unit, b.unit);
  out.unit.bits = a.unit.bits;
  Interval x = interval(a), y = interval(b);
  if (minus) {
    out.value = a.value - b.value;
    set_range(out, a, b, {x.lo - y.hi, x.hi - y.lo});
    out.upper_bound = a.upper_bound || b.lower_bound;
    out.lower_bound = a.lower_bound || b.upper_bound;
  } else {
    out.value = a.value + b.value;
    set_range(out, a, b, {x.lo + y.lo, x.hi + y.hi});
    out.upper_bound = a.upper_bound || b.upper_bound;
    out.lower_bound = a.lower_bound || b.lower_bound;
  }
  settle_bounds(out);
  out.approx = a.approx || b.approx;
  if (a.horizon_seconds && b.horizon_seconds && *a.horizon_seconds == *b.horizon_seconds)
    out.horizon_seconds = a.horizon_seconds;
  out.time_hint = a.time_hint != 0 ? a.time_hint : b.time_hint;
  pick_display(out, a, b);
  return out;
}

}  // namespace

std::optional<Quantity> add(const Quantity& a, const Quantity& b, std::string* error) {
  return add_impl(a, b, false, error);
}

std::optional<Quantity> subtract(const Quantity& a, const Quantity& b, std::string* error) {
  return add_impl(a, b, true, error);
}

std::optional<Quantity> power(const Quantity& base, double exponent, std::string* error) {
  bool integral =
      std::isfinite(exponent) && exponent == std::floor(exponent) && std::fabs(exponent) <= 64;
  if (!base.unit.dimensionless() && !integral) {
    if (error) {
      *error = fmt::format("cannot raise {} to the non-integer power {}", describe(base),
                           format_number(exponent));
    }
    return std::nullopt;
  }
  Quantity out;
  out.value = std::pow(base.value, exponent);
  out.unit = integral ? power(base.unit, static_cast<int>(exponent)) : Unit{};
  if (base.is_range() && *base.lo > 0) {
    double l = std::pow(*base.lo, exponent), h = std::pow(*base.hi, exponent);
    out.lo = std::min(l, h);
    out.hi = std::max(l, h);
  }
  out.approx = base.approx;
  if (exponent > 0 && base.value >= 0) {
    out.upper_bound = base.upper_bound;
    out.lower_bound = base.lower_bound;
  }
  out.time_hint = base.time_hint;
  if (exponent == 1) out.display_unit = base.display_unit;
  return out;
}

std::optional<int> compare(const Quantity& a, const Quantity& b) {
  if (!same_dimension(a.unit, b.unit)) return std::nullopt;
  if (a.value < b.value) return -1;
  if (a.value > b.value) return 1;
  return 0;
}

double ratio(const Quantity& a, const Quantity& b) {
  if (!same_dimension(a.unit, b.unit)) return std::numeric_limits<double>::quiet_NaN();
  Interval x = interval(a), y = interval(b);
  if (std::isnan(x.lo) || std::isnan(x.hi) || std::isnan(y.lo) || std::isnan(y.hi))
    return std::numeric_limits<double>::quiet_NaN();
  if (x.hi < 0 && y.hi < 0) {  // both negative: compare magnitudes
    x = {-x.hi, -x.lo};
    y = {-y.hi, -y.lo};
  }
  if (x.lo <= y.hi && y.lo <= x.hi) return 1.0;  // overlap (also both zero)
  double small = x.hi < y.lo ? x.hi : y.hi;
  double large = x.hi < y.lo ? y.lo : x.lo;
  if (small <= 0) return std::numeric_limits<double>::infinity();
  return large / small;
}

double log_distance(const Quantity& a, const Quantity& b) {
  double r = ratio(a, b);
  if (std::isnan(r)) return r;
  return std::fabs(std::log10(r));
}

}  // namespace sdi::quantity
