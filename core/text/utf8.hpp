#pragma once
// UTF-8 helpers shared by input checks, entity decoding and the tokenizer.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sdi::text::utf8 {

// Byte offset of the first byte that does not start or continue a well-formed UTF-8 sequence
// (overlong forms, surrogates and code points above U+10FFFF are ill-formed), or npos.
std::size_t first_invalid(std::string_view bytes);

// Length of the well-formed sequence starting at bytes[pos], or 0 when it is ill-formed (Unicode
// table 3-7).
std::size_t sequence_length(std::string_view bytes, std::size_t pos);

struct Decoded {
  char32_t code_point;  // U+FFFD when the sequence is ill-formed
  std::size_t length;   // bytes consumed, at least 1
};

// Decodes the sequence starting at bytes[pos]; pos must be < bytes.size().
Decoded decode(std::string_view bytes, std::size_t pos);

void append(std::string& out, char32_t code_point);

// `text` in at most `limit` bytes (limit >= 3): as is when it fits, else cut at a character
// boundary, so a multi-byte character is never split, and ended with "...".
std::string shorten(std::string_view text, std::size_t limit);

}  // namespace sdi::text::utf8
