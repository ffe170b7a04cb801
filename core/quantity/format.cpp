#include "quantity/format.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "quantity/parse.hpp"

namespace sdi::quantity {

namespace {

constexpr double kDay = 86400;
// Numbers below this print in three significant digits as at most "999": only those above may
// round up to "1000".
constexpr double kNeverRoundsTo1000 = 999;

std::string trim_zeros(std::string s) {
  if (s.find('.') == std::string::npos) return s;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string fixed(double v, int decimals) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  if (r.ec != std::errc()) return fmt::format("{:.{}f}", v, decimals);
  return std::string(buf, r.ptr);
}

std::string scientific(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific, 2);
  std::string s =
      r.ec == std::errc() ? std::string(buf, r.ptr) : fmt::format("{:.2e}", v);  // 1.23e+15
  auto e = s.find('e');
  std::string mant = trim_zeros(s.substr(0, e));
  std::string exp = s.substr(e + 1);
  bool neg = !exp.empty() && exp[0] == '-';
  if (!exp.empty() && (exp[0] == '+' || exp[0] == '-')) exp.erase(0, 1);
  while (exp.size() > 1 && exp[0] == '0') exp.erase(0, 1);
  return mant + "e" + (neg ? "-" : "") + exp;
}

// What fixed(v, decimals) prints for a v of three significant digits before the point or fewer
// (|v| * 10^decimals below 1000), read off the rounded integer: printing a double exactly costs
// ten times as much. A value a hair from a rounding tie, where the product's own rounding could
// tip it, is printed exactly.
std::string fixed_three_digits(double v, int decimals) {
  static constexpr double kPow10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11};
  constexpr int kMostDecimals = static_cast<int>(std::size(kPow10)) - 1;
  if (decimals < 0 || decimals > kMostDecimals) return fixed(v, decimals);
  const double scaled = std::fabs(v) * kPow10[decimals];
  const double whole = std::floor(scaled);
  const double part = scaled - whole;
  if (!(scaled < 1000) || std::fabs(part - 0.5) < 1e-6) return fixed(v, decimals);
  const auto rounded = static_cast<unsigned>(whole) + (part > 0.5 ? 1u : 0u);
  char digits[8];
  char* end = std::to_chars(digits, digits + sizeof digits, rounded).ptr;
  const auto count = static_cast<std::size_t>(end - digits);
  const auto after_point = static_cast<std::size_t>(decimals);
  std::string out = v < 0 ? "-" : "";
  if (after_point == 0) return out.append(digits, count);
  if (count > after_point) {
    out.append(digits, count - after_point).append(1, '.');
    return out.append(end - after_point, after_point);
  }
  out.append("0.").append(after_point - count, '0');
  return out.append(digits, count);
}

// 3 significant digits, no grouping; |v| expected in [1e-3, 1e15).
std::string sig3(double v) {
  if (v == 0) return "0";
  double a = std::fabs(v);
  int e = static_cast<int>(std::floor(std::log10(a)));
  if (e >= 3) {
    double p = std::pow(10.0, e - 2);
    double r = std::round(v / p) * p;  // a whole number: printed as one where it fits
    if (std::fabs(r) < 1e18) {
      char buf[24];
      return std::string(buf, std::to_chars(buf, buf + sizeof buf, static_cast<long long>(r)).ptr);
    }
    return fixed(r, 0);
  }
  int decimals = std::max(0, 2 - e);
  return trim_zeros(fixed_three_digits(v, decimals));
}

std::string group_thousands(const std::string& s) {
  std::size_t start = (!s.empty() && s[0] == '-') ? 1 : 0;
  std::size_t dot = s.find('.');
  std::size_t int_end = dot == std::string::npos ? s.size() : dot;
  if (int_end - start <= 4) return s;  // 1000..9999 stay compact
  std::string out = s.substr(0, start);
  std::size_t digits = int_end - start;
  for (std::size_t i = 0; i < digits; ++i) {
    out += s[start + i];
    std::size_t left = digits - i - 1;
    if (left > 0 && left % 3 == 0) out += ',';
  }
  out += s.substr(int_end);
  return out;
}

struct TimeUnit {
  double seconds;
  std::string_view rate_symbol;  // after "/"
  std::string_view duration_singular;
  std::string_view duration_plural;
};

constexpr TimeUnit kTimeUnits[] = {
    {1e-9, "ns", "ns", "ns"},
    {1e-6, "\xC2\xB5s", "\xC2\xB5s", "\xC2\xB5s"},
    {1e-3, "ms", "ms", "ms"},
    {1, "s", "s", "s"},
    {60, "min", "min", "min"},
    {3600, "h", "h", "h"},
    {kDay, "day", "day", "days"},
    {7 * kDay, "week", "week", "weeks"},
    {30 * kDay, "month", "month", "months"},
    {365 * kDay, "year", "year", "years"},
};

const TimeUnit* time_unit_for(double seconds) {
  for (const auto& t : kTimeUnits) {
    if (std::fabs(t.seconds - seconds) <= 1e-9 * t.seconds) return &t;
  }
  return nullptr;
}

// The time unit to show a rate in: the input's when readable, else the first of s, day, month,
// year giving a number >= 1.
const TimeUnit& rate_unit(double per_second, double hint) {
  double a = std::fabs(per_second);
  if (const TimeUnit* h = time_unit_for(hint); h && h->seconds >= 1) {
    double x = a * h->seconds;
    if (a == 0 || (x >= 0.01 && x < 1e15)) return *h;
  }
  static const double kChoices[] = {1, kDay, 30 * kDay, 365 * kDay};
  for (double s : kChoices) {
    if (a * s >= 1) return *time_unit_for(s);
  }
  return a == 0 ? *time_unit_for(1) : *time_unit_for(365 * kDay);
}

const TimeUnit& duration_unit(double seconds, double hint) {
  double a = std::fabs(seconds);
  if (const TimeUnit* h = time_unit_for(hint)) {
    double x = a / h->seconds;
    if (a == 0 || (x >= 0.01 && x < 1e6)) return *h;
  }
  if (a >= 365 * kDay) return *time_unit_for(365 * kDay);
  if (a >= kDay) return *time_unit_for(kDay);
  if (a >= 3600) return *time_unit_for(3600);
  if (a >= 60) return *time_unit_for(60);
  if (a >= 1 || a == 0) return *time_unit_for(1);
  if (a >= 1e-3) return *time_unit_for(1e-3);
  if (a >= 1e-6) return *time_unit_for(1e-6);
  return *time_unit_for(1e-9);
}

struct Prefix {
  double factor;
  std::string_view symbol;
};

constexpr Prefix kBytes[] = {{1, "bytes"}, {1e3, "KB"},  {1e6, "MB"}, {1e9, "GB"},
                             {1e12, "TB"}, {1e15, "PB"}, {1e18, "EB"}};
constexpr Prefix kBits[] = {{1, "bits"}, {1e3, "Kb"},  {1e6, "Mb"},
                            {1e9, "Gb"}, {1e12, "Tb"}, {1e15, "Pb"}};
constexpr Prefix kBitRates[] = {
    {1, "bps"}, {1e3, "Kbps"}, {1e6, "Mbps"}, {1e9, "Gbps"}, {1e12, "Tbps"}};

template <std::size_t N>
const Prefix& pick_prefix(const Prefix (&table)[N], double magnitude) {
  std::size_t i = 0;
  for (std::size_t k = 0; k < N; ++k) {
    if (magnitude >= table[k].factor) i = k;
  }
  // 999.7 KB rounds to "1000 KB": show "1 MB" instead. (Three digits below 999 never round up
  // to 1000, so those need no printing to tell.)
  if (i + 1 < N && !(std::fabs(magnitude / table[i].factor) < kNeverRoundsTo1000) &&
      std::fabs(std::strtod(sig3(magnitude / table[i].factor).c_str(), nullptr)) >= 1000)
    ++i;
  return table[i];
}

// How to print the numbers of one quantity.
struct Plan {
  double divisor = 1;
  bool counts = false;                          // K/M/B/T scaling of the number
  std::string suffix;                           // after the number(s)
  bool rate_no_noun = false;                    // count rate without a noun: billions print "bn"
  std::string_view singular_word, plural_word;  // unit words that agree with the number
};

std::string render(double v, const Plan& plan) {
  double x = v / plan.divisor;
  if (!std::isfinite(x)) return std::isnan(x) ? "nan" : (x > 0 ? "inf" : "-inf");
  std::string s = plan.counts ? format_number(x) : format_plain(x);
  if (plan.rate_no_noun && !s.empty() && s.back() == 'B') s.back() = 'b', s += 'n';
  return s;
}

bool is_dollar(const Quantity& q, const FormatOptions& o) {
  return o.nouns && q.unit.noun.view() == "dollar";
}

std::string noun_part(const Quantity& q, const FormatOptions& o, const std::string& number) {
  if (!o.nouns || q.unit.noun.empty() || is_dollar(q, o)) return "";
  std::string_view n = q.unit.noun.view();
  if (n == "dau" || n == "mau" || n == "wau")
    return " " + fmt::format("{}", n == "dau" ? "DAU" : n == "mau" ? "MAU" : "WAU");
  bool one = number == "1" && !q.is_range();
  return " " + (one ? q.unit.noun.str() : plural(q.unit.noun.view()));
}

std::string per_part(const Quantity& q, const FormatOptions& o) {
  if (!o.nouns || q.unit.per_noun.empty()) return "";
  return "/" + q.unit.per_noun.str();
}

std::optional<Plan> display_plan(const Quantity& q, const UnitSpec& spec) {
  Plan p;
  p.divisor = spec.factor;
  if (spec.text == "%") {
    p.suffix = "%";
    return p;
  }
  if (spec.unit.bytes == 0 && spec.unit.time <= 0) {
    p.counts = true;
    p.suffix = spec.text;
    p.rate_no_noun = spec.unit.time < 0 && q.unit.noun.empty();
    return p;
  }
  p.suffix = " " + spec.text;
  // A bare "B" after a number reads back as billion: spell bytes out.
  if (spec.unit.bytes == 1 && !spec.unit.bits && !spec.text.empty() && spec.text[0] == 'B' &&
      (spec.text.size() == 1 || spec.text[1] == '/')) {
    p.suffix = " bytes" + spec.text.substr(1);
  }
  if (spec.unit.bytes == 0 && spec.unit.time == 1) {
    if (const TimeUnit* t = time_unit_for(spec.factor)) {
      p.suffix.clear();
      p.singular_word = t->duration_singular;
      p.plural_word = t->duration_plural;
    }
  }
  return p;
}

Plan auto_plan(const Quantity& q, const FormatOptions& o) {
  Plan p;
  const Unit& u = q.unit;
  double mag = std::fabs(q.value);
  if (q.is_range()) mag = std::max(std::fabs(*q.lo), std::fabs(*q.hi));
  if (u.bytes == 0 && u.time == 0) {
    p.counts = true;
    p.suffix = per_part(q, o);
    return p;
  }
  if (u.bytes == 0 && u.time == -1) {
    const TimeUnit& t = rate_unit(mag, q.time_hint);
    p.counts = true;
    p.divisor = 1 / t.seconds;
    p.suffix = per_part(q, o) + "/" + std::string(t.rate_symbol);
    p.rate_no_noun = u.noun.empty() || !o.nouns;
    return p;
  }
  if (u.bytes == 1 && u.time == 0) {
    const Prefix& pr = u.bits ? pick_prefix(kBits, mag * 8) : pick_prefix(kBytes, mag);
    p.divisor = u.bits ? pr.factor / 8 : pr.factor;
    if (pr.factor == 1) {
      p.singular_word = u.bits ? "bit" : "byte";
      p.plural_word = pr.symbol;
      p.suffix = per_part(q, o);
    } else {
      p.suffix = " " + std::string(pr.symbol) + per_part(q, o);
    }
    return p;
  }
  if (u.bytes == 1 && u.time == -1) {
    if (u.bits) {
      const Prefix& pr = pick_prefix(kBitRates, mag * 8);
      p.divisor = pr.factor / 8;
      p.suffix = " " + std::string(pr.symbol) + per_part(q, o);
      return p;
    }
    const TimeUnit& t = rate_unit(mag, q.time_hint ? q.time_hint : 1);
    double per_unit = mag * t.seconds;
    const Prefix& pr = pick_prefix(kBytes, per_unit);
    p.divisor = pr.factor / t.seconds;
    p.suffix = " " + std::string(pr.factor == 1 ? "bytes" : pr.symbol) + per_part(q, o) + "/" +
               std::string(t.rate_symbol);
    return p;
  }
  if (u.bytes == 0 && u.time == 1) {
    const TimeUnit& t = duration_unit(mag, q.time_hint);
    p.divisor = t.seconds;
    p.singular_word = t.duration_singular;
    p.plural_word = t.duration_plural;
    p.suffix = per_part(q, o);
    return p;
  }
  std::string us = unit_string(u);
  p.suffix = (us.empty() || us[0] == '/' ? "" : " ") + us + per_part(q, o);
  return p;
}

}  // namespace

std::string format_plain(double v) {
  if (!std::isfinite(v)) return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
  double a = std::fabs(v);
  if (a == 0) return "0";
  if (a >= 1e15 || a < 1e-3) return scientific(v);
  return group_thousands(sig3(v));
}

std::string format_number(double v) {
  if (!std::isfinite(v)) return format_plain(v);
  double a = std::fabs(v);
  if (a < 1000) {
    std::string s = format_plain(v);
    if (a < kNeverRoundsTo1000 || std::fabs(std::strtod(s.c_str(), nullptr)) < 1000) return s;
    a = 1000;  // 999.7 -> "1K"
  }
  static const Prefix kScales[] = {{1e3, "K"}, {1e6, "M"}, {1e9, "B"}, {1e12, "T"}};
  std::size_t i = 0;
  for (std::size_t k = 0; k < 4; ++k) {
    if (a >= kScales[k].factor) i = k;
  }
  std::string s = sig3(v / kScales[i].factor);
  if (!(std::fabs(v / kScales[i].factor) < kNeverRoundsTo1000) &&
      std::fabs(std::strtod(s.c_str(), nullptr)) >= 1000) {
    if (i + 1 >= 4) return scientific(v);
    ++i;
    s = sig3(v / kScales[i].factor);
  }
  return s + std::string(kScales[i].symbol);
}

std::string format_duration(double seconds) {
  const TimeUnit& t = duration_unit(seconds, 0);
  std::string n = format_plain(seconds / t.seconds);
  return n + " " + std::string(n == "1" ? t.duration_singular : t.duration_plural);
}

namespace {

// The parsed form of a display unit. A run prints in a handful of display units (a pack's
// estimates name theirs), and parsing one costs more than the rest of printing in it: each thread
// remembers the last few. The reference holds until the next call.
const std::optional<UnitSpec>& display_spec(std::string_view text) {
  struct Entry {
    std::string text;
    std::optional<UnitSpec> spec;
  };
  thread_local std::vector<Entry> memo;
  for (const Entry& e : memo)
    if (e.text == text) return e.spec;
  if (memo.size() >= 16) memo.clear();
  memo.push_back({std::string(text), parse_unit_spec(text)});
  return memo.back().spec;
}

}  // namespace

std::string format(const Quantity& q, const FormatOptions& o) {
  Plan plan;
  bool planned = false;
  if (!q.display_unit.empty()) {
    if (const auto& spec = display_spec(q.display_unit.view());
        spec && same_dimension(spec->unit, q.unit)) {
      if (auto p = display_plan(q, *spec)) {
        plan = std::move(*p);
        planned = true;
      }
    }
  }
  if (!planned) plan = auto_plan(q, o);

  // The number, or the two of a range: the last one decides singular or plural.
  const std::string first = render(q.is_range() ? *q.lo : q.value, plan);
  const std::string second = q.is_range() ? render(*q.hi, plan) : std::string();
  const std::string& last = q.is_range() ? second : first;
  std::string out;
  out.reserve(first.size() + second.size() + plan.suffix.size() + 32);
  if (o.approx && q.approx) out += "~";
  if (q.upper_bound) out += "up to ";
  if (q.lower_bound) out += "at least ";
  if (plan.counts && is_dollar(q, o)) out += "$";
  out += first;
  if (q.is_range()) out.append(1, '-').append(second);
  if (plan.counts) {
    // Counted noun goes between the number and a rate: "3.47K users/s".
    out += noun_part(q, o, last);
  }
  if (!plan.singular_word.empty()) {
    out += " ";
    out += (last == "1" && !q.is_range()) ? plan.singular_word : plan.plural_word;
  }
  out += plan.suffix;
  if (q.horizon_seconds) out += " over " + format_duration(*q.horizon_seconds);
  return out;
}

}  // namespace sdi::quantity
