#pragma once
// Internal: tokens of quantity text. Handles ASCII operators, the Unicode symbols answers use
// (× · ⋅ ÷ ≈ ∼ ≤ ≥ → ⇒ − – —), thousands separators ("4,000"), exponents ("1.2e9"), LaTeX
// (\frac \times \cdot \approx \text{..} \left( ...), and splits "4K" into a number and a glued
// word.

#include <cstdint>
#include <string_view>
#include <vector>

namespace sdi::quantity::detail {

enum class Tok : std::uint8_t {
  End,
  Newline,
  Number,
  Word,
  Plus,
  Minus,
  Star,
  Slash,
  Caret,
  LParen,
  RParen,
  LBrace,
  RBrace,
  LBracket,
  RBracket,
  Eq,
  Tilde,
  Approx,  // ≈ ~= \approx ≃
  Lt,
  Gt,
  Le,
  Ge,
  Percent,
  Comma,
  Colon,
  Semicolon,
  Pipe,
  Dollar,
  Hash,
  Dot,
  Times,    // × · ⋅ \times \cdot, and an 'x' glued between numbers ("2x10^5")
  Divide,   // ÷ \div
  Arrow,    // -> → \to \rightarrow
  Implies,  // => ⇒ \Rightarrow \implies
  EnDash,   // – (a range dash)
  EmDash,   // — (punctuation)
  Frac,     // \frac \dfrac \tfrac
  Backtick,
  Underscore,
  Other,
};

enum NumberFlags : std::uint8_t {
  kComma = 1,        // thousands separators
  kDecimal = 2,      // has a fractional part
  kExponent = 4,     // 1.2e9
  kDotted = 8,       // 1.2.3 or 10.0.0.1: a version or an address, not a number
  kLeadingZero = 16  // 007
};

struct Token {
  Tok kind = Tok::End;
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
  bool space_before = false;  // whitespace (or a line break) separates it from the previous token
  std::uint8_t flags = 0;     // NumberFlags for numbers
  double num = 0;             // value for numbers

  // The token lies within the text it was lexed from: no bounds check (substr's would keep this
  // call, made for most tokens read, out of line).
  std::string_view text(std::string_view src) const { return {src.data() + offset, length}; }
  std::uint32_t end() const { return offset + length; }
};

/// Tokenizes the whole text; always ends with a Tok::End token. With `newlines`, line breaks are
/// Tok::Newline tokens (the scanner needs lines); otherwise they are whitespace.
std::vector<Token> lex(std::string_view text, bool newlines);

/// The same into `out`, replacing what it held: a caller lexing many texts in turn keeps one
/// buffer.
void lex_into(std::string_view text, bool newlines, std::vector<Token>& out);

}  // namespace sdi::quantity::detail
