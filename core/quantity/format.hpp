#pragma once
// Formatting quantities for humans: 3 significant digits.
//   counts       300M users, 4.63K, 1.2B, 0.5             (K M B T; >= 10^15 in e-notation)
//   bytes        300 bytes, 1.5 KB, 83.3 GB, 3 PB          (decimal prefixes)
//   bits         1 Gbps, 10 Mbps, 8 Gb                     (when the input was in bits)
//   rates        4.6K/s, 3.47K users/s, 2 tweets/day, 83.3 GB/day; the time unit is the one the
//                input used when it keeps the number readable, else the first of /s, /day,
//                /month, /year giving a number >= 1. Byte rates default to /s.
//   durations    100 ms, 30 s, 5 min, 2 h, 3 days, 5 years
//   ranges       3K-5K/s, 1-2 GB
//   qualifiers   "up to 10K", "at least 10K", " over 5 years"; "~" only with FormatOptions::approx
// A quantity with a display unit (from convert() or "-> GB/day") is printed in exactly that unit.
// Output re-parses to the same value within rounding (count rates in billions with no noun print
// "bn", since "1.2B/day" would read as bytes).

#include <string>

#include "quantity/value.hpp"

namespace sdi::quantity {

struct FormatOptions {
  bool approx = false;  // prefix "~" when the quantity is approximate
  bool nouns = true;    // print counted nouns ("300M users" rather than "300M")
};

std::string format(const Quantity& q, const FormatOptions& options = {});

/// A plain number to 3 significant digits with K/M/B/T: 4629.6 -> "4.63K", 0.5 -> "0.5".
std::string format_number(double v);

/// A number to 3 significant digits without scale letters, thousands separated: "86,400", "83.3".
std::string format_plain(double v);

/// A duration: 0.1 -> "100 ms", 86400 -> "1 day", 157680000 -> "5 years".
std::string format_duration(double seconds);

}  // namespace sdi::quantity
