#pragma once
// Internal: the words the quantity engine knows: units, scales, counted nouns, qualifiers.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sdi::quantity::detail {

enum class UnitNote : std::uint8_t { None, LowercaseBytes, Bits, Week, Month, Year, PerSecond };

struct UnitDef {
  std::string_view word;
  std::string_view symbol;  // canonical spelling for display ("GB", "s", "day", "Gbps")
  double factor;            // base units per one of this unit (bytes, seconds; rates per second)
  std::int8_t bytes;
  std::int8_t time;
  bool bits;
  bool exact_case;  // only this exact spelling matches ("Gb" bits vs "gb" bytes vs "GB")
  UnitNote note;

  bool is_time() const { return bytes == 0 && time == 1; }
};

/// A unit word ("GB", "gigabytes", "Gbps", "sec", "QPS"); nullptr if unknown. "B" is bytes here:
/// the billion/bytes choice after a number is made by the parser before it asks.
const UnitDef* find_unit(std::string_view word);
/// The unit whose canonical symbol is `symbol` (used to format in a chosen unit).
const UnitDef* find_symbol(std::string_view symbol);

struct ScaleDef {
  std::string_view word;
  double factor;
  bool exact_case;
  bool spaced_ok;         // may be separated from the number by a space ("4 thousand", "200 M")
  bool ambiguous_b;       // "B": billion or bytes
  std::string_view note;  // reading note, empty if unambiguous
};

const ScaleDef* find_scale(std::string_view word);

std::string lower(std::string_view s);

/// A counted noun or a modifier of one ("users", "active", "requests", "DAU"), case-insensitive.
bool is_known_noun(std::string_view word);
/// Tag for a counted noun: singular, lowercase, abbreviations expanded ("reqs" -> "request").
std::string noun_tag(std::string_view word);
/// noun_tag(word) when is_known_noun(word), else nullopt: both in one reading of the word.
std::optional<std::string> known_noun_tag(std::string_view word);
/// known_noun_tag(word) as a view of the vocabulary's own lists, empty when the word is no known
/// noun: for readers asking of many words, without making a string of each.
std::string_view known_noun_tag_view(std::string_view word);
/// Words that end a noun phrase in free text ("and", "of", "per", "is", ...).
bool is_stopword(std::string_view word);
/// Words with a grammatical role in quantities: never a noun or identifier there.
bool is_keyword(std::string_view word);

/// "daily" -> 86400 etc.; 0 if not such an adverb.
double rate_adverb_seconds(std::string_view word);

}  // namespace sdi::quantity::detail
