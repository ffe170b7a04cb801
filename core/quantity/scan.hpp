#pragma once
// Finding the quantities mentioned in free text (prose, bullets, tables, LaTeX).
//
// Each number-led phrase is parsed leniently (unknown words after a number become the `noun`
// text instead of errors). Arithmetic chains are one mention, and the figure stated after
// "=", "≈", "~=", "=>", "->" is a separate mention with is_result set:
//   "write QPS = 200M * 2 / 86400 ≈ 4.6K/s"
//     -> {raw "200M * 2 / 86400", is_expression, value 4.63K, label "write qps"}
//        {raw "4.6K/s", is_result, approx, label "write qps"}
// + and - join a chain only when the chain ends in such a stated result (or inside brackets), so
// "10 servers - 2 per region" stays two mentions.
//
// Conservative about what a careful reader would not call a quantity: list numbering ("1.",
// "2)", "(3)"), headings ("## 2. Storage"), years (bare 1900-2099), step/section/layer numbers
// ("Step 2", "Layer 7", "Phase 1"), numbers glued to words or into identifiers ("HTTP/2", "IPv4",
// "L7", "p99", "S3", "base62", "MD5", "SHA-256", "UTF-8", "O(1)", "n^2"), ordinals and codes
// ("1st", "5xx", "1080p", "9am"), versions and addresses ("1.2.3", "10.0.0.1"), times and ratios
// ("10:30", "1:1", "24/7", "80/20", "80-20 rule"), "#3", ports (":8080"), and code
// assignments without a unit ("count=20").

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "quantity/parse.hpp"
#include "quantity/value.hpp"

namespace sdi::quantity {

struct Mention {
  std::size_t offset = 0;  // byte offset in the scanned text
  std::size_t length = 0;  // bytes
  Quantity quantity;
  std::string raw;             // the text as written
  std::string reading;         // how it was read (see Result::reading)
  std::string noun;            // the word(s) right after the number, lowercase ("tweets", "dau",
                               // "active users"); empty if none
  std::string label;           // what it is called, lowercase: the words before "=", ":" or in the
                               // previous table cell ("write qps"); empty if none
  bool is_result = false;      // the figure after "=", "≈", "~=", "=>", "->" following a mention
  bool is_expression = false;  // an arithmetic chain ("200M * 2 / 86400")
};

// Bytes [begin, end) of a scanned text.
struct TextRange {
  std::size_t begin = 0, end = 0;
};

struct ScanOptions {
  /// Decides the ambiguous "B" when the text around a number does not ("storage", "size" and
  /// "bandwidth" nearby mean bytes; "users", "requests" mean a count).
  Expect expect = Expect::Any;
  /// Fill Mention::reading; without it, reading is left empty and scanning is cheaper.
  bool readings = true;
  /// Fill Mention::label; without it, label is left empty and scanning is cheaper.
  bool labels = true;
  /// When not empty, only the mentions on lines that overlap one of these ranges are wanted, and
  /// the other lines are not read. (Text holding LaTeX, whose groups may span lines, is read
  /// whole: its mentions on other lines are found too.)
  std::span<const TextRange> near;
  /// The caller found may_hold_quantity(text) true already: a text read whole is not tested again.
  /// (The test only saves work: scanning a text that fails it finds nothing.)
  bool known_to_hold = false;
};

std::vector<Mention> scan(std::string_view text, const ScanOptions& options = {});

/// False when `text` cannot hold a mention scan() would find (no digit, no LaTeX command, no big
/// scale word); true does not mean it holds one.
bool may_hold_quantity(std::string_view text);

}  // namespace sdi::quantity
