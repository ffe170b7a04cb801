#pragma once
// Parsing quantities and expressions the way system-design answers write them.
//
// A quantity:  [qualifier] number [scale] [range] [unit | counted noun] [per-part]... [horizon]
//   numbers    4000, 4,000, 1.2e9, 10^7, 2 x 10^5, 2×10^5, 2*10^5, 50%
//   scales     K k M B bn T, thousand million billion trillion, mil bil mln bln ("365bil").
//              "m" is million and "b" billion (both noted in the reading).
//   qualifiers ~ ≈ about roughly approx. approximately around nearly (approx);
//              up to, at most, no more than, less than, under, below, max, <, <= (upper bound);
//              at least, more than, over, above, min, >, >=, and a trailing "10K+" (lower bound)
//   ranges     "3-5K" (dash without spaces, or an en dash; the scale of the upper end applies to a
//              lower end written without one when that keeps lo < hi), "3K to 5K",
//              "between 3K and 5K". A dash whose left side is not smaller ("10-5") is subtraction.
//              value = geometric mean of the ends (see value.hpp).
//   bytes      B, KB=1000, MB, GB, TB, PB, EB; KiB=1024, MiB, GiB, TiB, PiB; spelled out too.
//              Kb Mb Gb Tb (uppercase prefix, lowercase b) and kbps/Mbps/Gbps/bps are BITS.
//              All-lowercase kb mb gb tb pb ("100gb", "3tb", "500kb/sec") are read as BYTES: it is
//              the common slip, and the reading says so.
//   time       ns, us/µs, ms, s, sec, second(s), min, minute(s), h, hr, hour(s), d, day(s),
//              week(s), month(s) = 30 days, year(s) = 365 days.
//   rates      /s /sec per second, per day, a day, each day, daily, /day, QPS RPS TPS (= /s),
//              "req/s", "requests per second", "tweets/day", "per user" (a per-noun tag).
//   nouns      a counted noun after the number becomes the unit's soft tag ("300M users",
//              "2 tweets/day", "500 million active users"). Strict parsing knows a vocabulary of
//              nouns common in estimates (users, DAU, requests, writes, tweets, messages, views,
//              servers, ...); any other word after a number is an "unknown unit" error.
//   horizon    "3 PB over 5 years", "for 10 years", "in 5 years": kept in horizon_seconds.
//
// The B ambiguity: after a number, "B" is BILLION when a counted noun follows ("5B users") or a
// count/rate is expected (Expect::Count, Expect::Rate); it is BYTES when bytes are expected
// (Expect::Bytes) or, with Expect::Any, when a rate or per-part follows ("5B/s", "300B per
// tweet"); otherwise billion. The choice is always recorded in the result's reading.
//
// Expressions: + - * / ^ with x × * · \times \cdot ÷, parentheses and braces, LaTeX
// \frac{a}{b}, and a conversion target at the end: "-> GB/day", "→ /s", "in GB/day", "to /s",
// "as TB". A bare unit is a quantity of one ("day" = 86,400 s, "/day", "per day"), so
// "200M * 2 /day" and "200M * 2 / 86400 s" agree. Identifiers are looked up with the resolver.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quantity/value.hpp"

namespace sdi::quantity {

/// What the caller expects the text to be; decides the ambiguous "B".
enum class Expect { Any, Count, Bytes, Rate };

struct ParseError {
  std::size_t offset = 0;  // byte offset of the offending spot in the input
  std::size_t length = 1;  // bytes to underline (at least 1)
  std::string message;
};

/// Looks up an identifier ("dau", "tweets_per_user"); nullopt when unknown.
using Resolver = std::function<std::optional<Quantity>(std::string_view)>;

struct Result {
  Quantity value;       // valid when ok()
  std::string reading;  // how the input was read: the echo, then every interpretation
                        // made ("B read as billion (a count was expected)"), "; "-joined
  std::string echo;     // canonical form of what was parsed: "300M users × 50% × 2/day"
  std::vector<std::string> notes;  // the interpretations alone
  std::optional<Unit> target;      // the conversion target, when the input had "-> X"
  std::string target_text;         // its canonical spelling ("GB/day"); value.display_unit too
  std::optional<ParseError> error;

  bool ok() const { return !error.has_value(); }
  explicit operator bool() const { return ok(); }
};

/// A single quantity or a whole expression (no identifiers).
Result parse(std::string_view text, Expect expect = Expect::Any);

/// An expression whose identifiers are resolved by `vars`; an unknown identifier is an error
/// naming it, at its offset.
Result evaluate(std::string_view expr, const Resolver& vars = {}, Expect expect = Expect::Any);

/// A unit written on its own: "GB/day", "/s", "Mbps", "TB", "per second", "users/s", "%".
struct UnitSpec {
  Unit unit;
  double factor = 1;  // base units per one of this unit ("GB/day" -> 1e9 / 86400)
  std::string text;   // canonical spelling ("GB/day", "/s")
};
std::optional<UnitSpec> parse_unit_spec(std::string_view text);
/// Dimension (and tags) only.
std::optional<Unit> parse_unit(std::string_view text);

/// Expresses `q` in `unit` (sets value.display_unit so format() prints in it). A total with a
/// horizon converts to a rate ("3 PB over 5 years" -> TB/day) and a rate with a horizon to a total.
/// Error when the dimensions cannot match.
Result convert(const Quantity& q, std::string_view unit);
/// The same with the unit already parsed, and neither reading nor message: for converting many
/// quantities to one unit.
std::optional<Quantity> convert(const Quantity& q, const UnitSpec& unit);

/// The input line holding the error, a caret line under the offending bytes, then the message:
///   5 GB + 3 s
///        ^
///   cannot add 5 GB (bytes) and 3 s (a duration): the dimensions differ
std::string render_error(std::string_view input, const ParseError& error);

}  // namespace sdi::quantity
