#pragma once
// Units of the quantity engine: integer exponents of two physical dimensions plus soft tags.
//
// Dimensions
//   information  stored in BYTES. A bit is 1/8 byte; `Unit::bits` only remembers that the input
//                was written in bits so `1 Gbps` formats back as `1 Gbps`.
//   time         stored in SECONDS.
// Counted nouns ("users", "tweets", "requests") are soft tags, not dimensions: they never block
// arithmetic. `noun` is the counted thing (singular, lowercase: "user"), `per_noun` the thing it is
// counted per ("2 tweets per user" -> noun "tweet", per_noun "user"). Multiplying cancels a noun
// against a matching per_noun (users x tweets/user = tweets); when two different nouns meet, or a
// noun meets bytes or a duration, the tag is dropped. Dimensionless counts and percentages are
// plain numbers (50% = 0.5).
//
// Everything here is trivially copyable (tags live in fixed inline buffers) so a Quantity can be
// stored as plain bytes, e.g. in a Lua userdata without a __gc metamethod.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace sdi::quantity {

/// A short string stored inline. Text longer than N-1 bytes is not stored (the string stays empty):
/// a truncated tag would be a different word.
template <std::size_t N>
class FixedString {
 public:
  FixedString() = default;
  explicit FixedString(std::string_view s) { assign(s); }
  void assign(std::string_view s) {
    if (s.size() >= N) s = {};
    if (!s.empty()) std::memcpy(buf_, s.data(), s.size());
    buf_[s.size()] = '\0';
    len_ = static_cast<std::uint8_t>(s.size());
  }
  std::string_view view() const { return {buf_, len_}; }
  std::string str() const { return std::string(view()); }
  const char* c_str() const { return buf_; }
  bool empty() const { return len_ == 0; }
  friend bool operator==(const FixedString& a, const FixedString& b) {
    return a.view() == b.view();
  }

 private:
  char buf_[N] = {};
  std::uint8_t len_ = 0;
};

using Tag = FixedString<24>;

struct Unit {
  std::int8_t bytes = 0;  // exponent of information (bytes)
  std::int8_t time = 0;   // exponent of time (seconds)
  bool bits = false;      // display preference: show information in bits (Gbps, Mb)
  Tag noun;               // soft tag: what is counted ("user"), singular lowercase; may be empty
  Tag per_noun;           // soft tag: what it is counted per ("user" in "2 tweets per user")

  bool dimensionless() const { return bytes == 0 && time == 0; }
};

/// Same physical dimension (bytes and time exponents); tags and display preferences are ignored.
bool same_dimension(const Unit& a, const Unit& b);

/// Unit algebra (tags follow the rules in the header comment).
Unit multiply(const Unit& a, const Unit& b);
Unit divide(const Unit& a, const Unit& b);
Unit power(const Unit& u, int exponent);
Unit reciprocal(const Unit& u);

/// Unit of a sum: `a`'s dimension, tags kept when they agree or one side has none.
Unit add(const Unit& a, const Unit& b);

/// Human name of a dimension: "a count", "bytes", "a duration", "a rate", "bytes per time", ...
std::string dimension_name(const Unit& u);

/// The base unit a Quantity's `value` is expressed in: "" (count), "B", "s", "/s", "B/s", "B^2".
std::string unit_string(const Unit& u);

/// English singular/plural for tags: "queries" -> "query", "user" -> "users".
std::string singular(std::string_view word);
/// The singular of a word already in lowercase, as a part of it (`head`, a view into the word or a
/// literal) and an ending to append (`tail`, "" or "y"): looking it up needs no copy.
struct SingularParts {
  std::string_view head, tail;
};
SingularParts singular_parts(std::string_view lower_word);
std::string plural(std::string_view noun);

}  // namespace sdi::quantity
