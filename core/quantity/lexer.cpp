#include "quantity/lexer.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cstdint>
#include <iterator>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sdi::quantity::detail {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_alnum(char c) {
  return is_digit(c) || is_alpha(c);
}

// What each byte starts, looked up once per byte: lexing reads every byte of the text.
enum ByteClass : std::uint8_t { kOp, kSpace, kNewline, kDigit, kAlpha, kHigh, kBackslash };
constexpr auto kByteClass = [] {
  std::array<std::uint8_t, 256> k{};
  for (int c : {' ', '\t', '\r', '\f', '\v'}) k[c] = kSpace;
  k['\n'] = kNewline;
  for (int c = '0'; c <= '9'; ++c) k[c] = kDigit;
  for (int c = 'a'; c <= 'z'; ++c) k[c] = kAlpha;
  for (int c = 'A'; c <= 'Z'; ++c) k[c] = kAlpha;
  for (int c = 0x80; c < 0x100; ++c) k[c] = kHigh;
  k['\\'] = kBackslash;
  return k;
}();
std::uint8_t byte_class(char c) {
  return kByteClass[static_cast<unsigned char>(c)];
}
bool is_alnum_class(std::uint8_t k) {
  return k == kDigit || k == kAlpha;
}

// The end of the run of ASCII letters and digits from s[j]. Most of the bytes lexed are in such
// runs: sixteen are classed at a time where the text has them.
std::size_t alnum_run_end(std::string_view s, std::size_t j) {
#if defined(__SSE2__)
  auto in_range = [](__m128i x, char lo, char span) {  // lo <= x <= lo + span, unsigned
    const __m128i from_lo = _mm_sub_epi8(x, _mm_set1_epi8(lo));
    return _mm_cmpeq_epi8(_mm_min_epu8(from_lo, _mm_set1_epi8(span)), from_lo);
  };
  for (; s.size() - j >= 16; j += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + j));
    const __m128i letter = in_range(_mm_or_si128(x, _mm_set1_epi8(0x20)), 'a', 25);
    const __m128i alnum = _mm_or_si128(letter, in_range(x, '0', 9));
    unsigned others = ~static_cast<unsigned>(_mm_movemask_epi8(alnum)) & 0xFFFFu;
    if (others != 0) return j + static_cast<std::size_t>(std::countr_zero(others));
  }
#endif
  while (j < s.size() && is_alnum_class(byte_class(s[j]))) ++j;
  return j;
}

struct Symbol {
  std::string_view bytes;
  Tok kind;  // Tok::End marks whitespace
};

// Multi-byte UTF-8 symbols with a meaning; anything else non-ASCII is Tok::Other.
constexpr Symbol kSymbols[] = {
    {"\xC2\xA0", Tok::End},          // no-break space
    {"\xE2\x80\x89", Tok::End},      // thin space
    {"\xE2\x80\xAF", Tok::End},      // narrow no-break space
    {"\xE2\x80\x8A", Tok::End},      // hair space
    {"\xE2\x80\x8B", Tok::End},      // zero-width space
    {"\xE2\x80\x88", Tok::End},      // punctuation space
    {"\xC3\x97", Tok::Times},        // ×
    {"\xC2\xB7", Tok::Times},        // ·
    {"\xE2\x8B\x85", Tok::Times},    // ⋅
    {"\xE2\x88\x99", Tok::Times},    // ∙
    {"\xE2\x88\x97", Tok::Times},    // ∗
    {"\xC3\xB7", Tok::Divide},       // ÷
    {"\xE2\x89\x88", Tok::Approx},   // ≈
    {"\xE2\x89\x83", Tok::Approx},   // ≃
    {"\xE2\x89\x85", Tok::Approx},   // ≅
    {"\xE2\x88\xBC", Tok::Tilde},    // ∼
    {"\xE2\x89\xA4", Tok::Le},       // ≤
    {"\xE2\x89\xA5", Tok::Ge},       // ≥
    {"\xE2\x86\x92", Tok::Arrow},    // →
    {"\xE2\x9F\xB6", Tok::Arrow},    // ⟶
    {"\xE2\x87\x92", Tok::Implies},  // ⇒
    {"\xE2\x9F\xB9", Tok::Implies},  // ⟹
    {"\xE2\x88\x92", Tok::Minus},    // − (minus sign)
    {"\xE2\x80\x93", Tok::EnDash},   // –
    {"\xE2\x80\x94", Tok::EmDash},   // —
};

static_assert(std::all_of(std::begin(kSymbols), std::end(kSymbols),
                          [](const Symbol& s) { return s.bytes.size() >= 2; }));

enum class CmdAction { Token, Space, Transparent, Skip };

struct LatexCommand {
  std::string_view name;
  CmdAction action;
  Tok kind;
};

constexpr LatexCommand kCommands[] = {
    {"frac", CmdAction::Token, Tok::Frac},
    {"dfrac", CmdAction::Token, Tok::Frac},
    {"tfrac", CmdAction::Token, Tok::Frac},
    {"times", CmdAction::Token, Tok::Times},
    {"cdot", CmdAction::Token, Tok::Times},
    {"ast", CmdAction::Token, Tok::Times},
    {"div", CmdAction::Token, Tok::Divide},
    {"approx", CmdAction::Token, Tok::Approx},
    {"simeq", CmdAction::Token, Tok::Approx},
    {"approxeq", CmdAction::Token, Tok::Approx},
    {"sim", CmdAction::Token, Tok::Tilde},
    {"le", CmdAction::Token, Tok::Le},
    {"leq", CmdAction::Token, Tok::Le},
    {"ge", CmdAction::Token, Tok::Ge},
    {"geq", CmdAction::Token, Tok::Ge},
    {"lt", CmdAction::Token, Tok::Lt},
    {"gt", CmdAction::Token, Tok::Gt},
    {"to", CmdAction::Token, Tok::Arrow},
    {"rightarrow", CmdAction::Token, Tok::Arrow},
    {"longrightarrow", CmdAction::Token, Tok::Arrow},
    {"Rightarrow", CmdAction::Token, Tok::Implies},
    {"implies", CmdAction::Token, Tok::Implies},
    {"Longrightarrow", CmdAction::Token, Tok::Implies},
    {"text", CmdAction::Transparent, Tok::End},
    {"textrm", CmdAction::Transparent, Tok::End},
    {"textit", CmdAction::Transparent, Tok::End},
    {"textbf", CmdAction::Transparent, Tok::End},
    {"textsf", CmdAction::Transparent, Tok::End},
    {"texttt", CmdAction::Transparent, Tok::End},
    {"mathrm", CmdAction::Transparent, Tok::End},
    {"mathit", CmdAction::Transparent, Tok::End},
    {"mathbf", CmdAction::Transparent, Tok::End},
    {"mathsf", CmdAction::Transparent, Tok::End},
    {"mbox", CmdAction::Transparent, Tok::End},
    {"operatorname", CmdAction::Transparent, Tok::End},
    {"left", CmdAction::Skip, Tok::End},
    {"right", CmdAction::Skip, Tok::End},
    {"big", CmdAction::Skip, Tok::End},
    {"Big", CmdAction::Skip, Tok::End},
    {"bigl", CmdAction::Skip, Tok::End},
    {"bigr", CmdAction::Skip, Tok::End},
    {"Bigl", CmdAction::Skip, Tok::End},
    {"Bigr", CmdAction::Skip, Tok::End},
    {"displaystyle", CmdAction::Skip, Tok::End},
    {"quad", CmdAction::Space, Tok::End},
    {"qquad", CmdAction::Space, Tok::End},
};

class Lexer {
 public:
  Lexer(std::string_view s, bool newlines, std::vector<Token>& out)
      : s_(s), newlines_(newlines), out_(out) {
    out_.clear();
    out_.reserve(s.size() / 3 + 4);
  }

  void run() {
    while (i_ < s_.size()) step();
    space_ = true;
    push(Tok::End, s_.size(), 0);
  }

 private:
  char at(std::size_t k) const { return k < s_.size() ? s_[k] : '\0'; }

  void push(Tok kind, std::size_t off, std::size_t len, std::uint8_t flags = 0, double num = 0) {
    Token t;
    t.kind = kind;
    t.offset = static_cast<std::uint32_t>(off);
    t.length = static_cast<std::uint32_t>(len);
    t.space_before = space_;  // true before the first token: only a push clears it
    t.flags = flags;
    t.num = num;
    out_.push_back(t);
    space_ = false;
  }

  Tok prev_kind() const { return out_.empty() ? Tok::End : out_.back().kind; }

  void step() {
    char c = s_[i_];
    switch (byte_class(c)) {
      case kSpace:
        space_ = true;
        ++i_;
        while (i_ < s_.size() && byte_class(s_[i_]) == kSpace) ++i_;  // runs of spaces at once
        return;
      case kNewline:
        if (newlines_) push(Tok::Newline, i_, 1);
        space_ = true;
        ++i_;
        return;
      case kHigh:
        return utf8();
      case kDigit:
        return number();
      case kAlpha:
        return word();
      case kBackslash:
        return latex();
      default:
        break;
    }
    if (c == '.' && is_digit(at(i_ + 1)) &&
        !(i_ > 0 && (is_alnum(s_[i_ - 1]) || s_[i_ - 1] == '.')))
      return number();
    op();
  }

  void utf8() {
    // Every symbol starts with one of three bytes; other characters skip the list.
    unsigned char lead = static_cast<unsigned char>(s_[i_]);
    bool listed = lead == 0xC2 || lead == 0xC3 || lead == 0xE2;
    std::string_view rest = s_.substr(i_);
    for (const auto& sym : kSymbols) {
      if (!listed) break;
      // Every symbol has two bytes or three: most differ from the text in the second.
      if (rest.size() < sym.bytes.size() || rest[1] != sym.bytes[1]) continue;
      if (rest.starts_with(sym.bytes)) {
        if (sym.kind == Tok::End) {
          space_ = true;
        } else {
          push(sym.kind, i_, sym.bytes.size());
        }
        i_ += sym.bytes.size();
        return;
      }
    }
    if (s_.substr(i_, 2) == "\xC2\xB5" || s_.substr(i_, 2) == "\xCE\xBC") return word();  // µ μ
    unsigned char c = static_cast<unsigned char>(s_[i_]);
    std::size_t len = c >= 0xF8 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    for (std::size_t k = 1; k < len; ++k) {  // invalid UTF-8: one byte at a time
      if (i_ + k >= s_.size() || (static_cast<unsigned char>(s_[i_ + k]) & 0xC0) != 0x80) {
        len = 1;
        break;
      }
    }
    push(Tok::Other, i_, len);
    i_ += len;
  }

  void number() {
    std::size_t start = i_, j = i_;
    std::uint8_t flags = 0;
    while (is_digit(at(j))) ++j;
    std::size_t int_len = j - start;
    if (int_len >= 1 && int_len <= 3) {
      while (at(j) == ',' && is_digit(at(j + 1)) && is_digit(at(j + 2)) && is_digit(at(j + 3)) &&
             !is_digit(at(j + 4))) {
        flags |= kComma;
        j += 4;
      }
    }
    if (at(j) == '.' && is_digit(at(j + 1))) {
      flags |= kDecimal;
      ++j;
      while (is_digit(at(j))) ++j;
      if (at(j) == '.' && is_digit(at(j + 1))) {
        flags |= kDotted;
        while (at(j) == '.' && is_digit(at(j + 1))) {
          ++j;
          while (is_digit(at(j))) ++j;
        }
      }
    }
    if (!(flags & kDotted) && (at(j) == 'e' || at(j) == 'E')) {
      std::size_t k = j + 1;
      if (at(k) == '+' || at(k) == '-') ++k;
      if (is_digit(at(k))) {
        std::size_t m = k;
        while (is_digit(at(m))) ++m;
        if (!is_alpha(at(m))) {
          flags |= kExponent;
          j = m;
        }
      }
    }
    if (s_[start] == '0' && int_len > 1 && !(flags & kComma)) flags |= kLeadingZero;
    // A whole number of up to 15 digits is exact in a double: its value is summed digit by digit,
    // which is what from_chars would give.
    if ((flags & (kDecimal | kDotted | kExponent)) == 0 && j - start <= 19) {
      std::uint64_t whole = 0;
      int digits = 0;
      for (std::size_t k = start; k < j; ++k) {
        if (s_[k] == ',') continue;
        whole = whole * 10 + static_cast<std::uint64_t>(s_[k] - '0');
        ++digits;
      }
      if (digits <= 15) {
        push(Tok::Number, start, j - start, flags, static_cast<double>(whole));
        i_ = j;
        step_over_a_space();
        return;
      }
    }
    // Value: the digits without separators (a dotted number reads as its first "a.b").
    // On the stack for the usual short number; a long run of digits gets a heap string.
    char small[64];
    std::string big;
    char* buf = small;
    if (j - start + 2 > sizeof(small)) {
      big.resize(j - start + 2);
      buf = big.data();
    }
    std::size_t n = 0;
    buf[n++] = '0';  // for ".5"; skipped when the number starts with a digit
    int dots = 0;
    for (std::size_t k = start; k < j; ++k) {
      char ch = s_[k];
      if (ch == ',') continue;
      if (ch == '.' && ++dots > 1) break;
      buf[n++] = ch;
    }
    const char* first = n > 1 && buf[1] == '.' ? buf : buf + 1;
    double v = 0;
    std::from_chars(first, buf + n, v);
    push(Tok::Number, start, j - start, flags, v);
    i_ = j;
    step_over_a_space();
  }

  void word() {
    // "2x10^5": an x glued between numbers is a multiplication sign.
    char c = s_[i_];
    if ((c == 'x' || c == 'X') && is_digit(at(i_ + 1)) &&
        (prev_kind() == Tok::Number || prev_kind() == Tok::RParen)) {
      push(Tok::Times, i_, 1);
      ++i_;
      return;
    }
    std::size_t start = i_, j = i_;
    j += (static_cast<unsigned char>(c) >= 0x80) ? 2 : 1;
    while (true) {
      // The letters and digits that follow, read at once: most words are nothing else.
      j = alnum_run_end(s_, j);
      if (j == s_.size()) break;  // never past it: each step below takes a byte that is there
      char d = s_[j];
      if ((d == '_' || d == '\'') && is_alnum(at(j + 1))) {
        j += 2;
      } else if (d == '.' && is_alpha(at(j + 1))) {
        j += 2;
      } else {
        break;
      }
    }
    push(Tok::Word, start, j - start);
    i_ = j;
    step_over_a_space();
  }

  // Most words, numbers and punctuation are followed by a space: stepped over by the reader of the
  // token, without a return to step() (which reads any more).
  void step_over_a_space() {
    if (i_ < s_.size() && s_[i_] == ' ') {
      space_ = true;
      ++i_;
    }
  }

  void latex() {
    std::size_t start = i_;
    char n = at(i_ + 1);
    if (is_alpha(n)) {
      std::size_t j = i_ + 1;
      while (is_alpha(at(j))) ++j;
      std::string_view name = s_.substr(i_ + 1, j - i_ - 1);
      for (const auto& cmd : kCommands) {
        if (cmd.name != name) continue;
        i_ = j;
        switch (cmd.action) {
          case CmdAction::Token:
            push(cmd.kind, start, j - start);
            return;
          case CmdAction::Space:
            space_ = true;
            return;
          case CmdAction::Skip:
            if (at(i_) == '.') ++i_;  // \left.
            return;
          case CmdAction::Transparent: {
            std::size_t k = i_;
            while (at(k) == ' ') ++k;
            if (at(k) == '{') {
              braces_.push_back(true);
              i_ = k + 1;
            }
            space_ = true;
            return;
          }
        }
      }
      push(Tok::Other, start, j - start);
      i_ = j;
      return;
    }
    switch (n) {
      case ',':
      case ';':
      case ':':
      case '!':
      case ' ':
      case '\\':
        space_ = true;
        i_ += 2;
        return;
      case '%':
        push(Tok::Percent, start, 2);
        break;
      case '$':
        push(Tok::Dollar, start, 2);
        break;
      case '{':
        push(Tok::LBrace, start, 2);
        break;
      case '}':
        push(Tok::RBrace, start, 2);
        break;
      case '_':
        push(Tok::Underscore, start, 2);
        break;
      default:
        push(Tok::Other, start, n ? 2 : 1);
        break;
    }
    i_ += n ? 2 : 1;
  }

  void op() {
    char c = s_[i_];
    char n = at(i_ + 1);
    Tok k = Tok::Other;
    std::size_t len = 1;
    switch (c) {
      case '+':
        k = Tok::Plus;
        break;
      case '-':
        if (n == '>') {
          k = Tok::Arrow;
          len = 2;
        } else {
          k = Tok::Minus;
        }
        break;
      case '*':
        k = Tok::Star;
        break;
      case '/':
        k = Tok::Slash;
        break;
      case '^':
        k = Tok::Caret;
        break;
      case '(':
        k = Tok::LParen;
        break;
      case ')':
        k = Tok::RParen;
        break;
      case '{':
        braces_.push_back(false);
        k = Tok::LBrace;
        break;
      case '}':
        if (!braces_.empty()) {
          bool transparent = braces_.back();
          braces_.pop_back();
          if (transparent) {
            ++i_;
            return;
          }
        }
        k = Tok::RBrace;
        break;
      case '[':
        k = Tok::LBracket;
        break;
      case ']':
        k = Tok::RBracket;
        break;
      case '=':
        if (n == '>') {
          k = Tok::Implies;
          len = 2;
        } else if (n == '=') {
          k = Tok::Eq;
          len = 2;
        } else {
          k = Tok::Eq;
        }
        break;
      case '~':
        if (n == '=') {
          k = Tok::Approx;
          len = 2;
        } else {
          k = Tok::Tilde;
        }
        break;
      case '<':
        if (n == '=') {
          k = Tok::Le;
          len = 2;
        } else {
          k = Tok::Lt;
        }
        break;
      case '>':
        if (n == '=') {
          k = Tok::Ge;
          len = 2;
        } else {
          k = Tok::Gt;
        }
        break;
      case '%':
        k = Tok::Percent;
        break;
      case ',':
        k = Tok::Comma;
        break;
      case ':':
        k = Tok::Colon;
        break;
      case ';':
        k = Tok::Semicolon;
        break;
      case '|':
        k = Tok::Pipe;
        break;
      case '$':
        k = Tok::Dollar;
        break;
      case '#':
        k = Tok::Hash;
        break;
      case '.':
        k = Tok::Dot;
        break;
      case '`':
        k = Tok::Backtick;
        break;
      case '_':
        k = Tok::Underscore;
        break;
      default:
        break;
    }
    push(k, i_, len);
    i_ += len;
    step_over_a_space();
  }

  std::string_view s_;
  bool newlines_;
  std::size_t i_ = 0;
  bool space_ = true;
  std::vector<bool> braces_;  // open braces: true when transparent (\text{...})
  std::vector<Token>& out_;
};

}  // namespace

std::vector<Token> lex(std::string_view text, bool newlines) {
  std::vector<Token> out;
  Lexer(text, newlines, out).run();
  return out;
}

void lex_into(std::string_view text, bool newlines, std::vector<Token>& out) {
  Lexer(text, newlines, out).run();
}

}  // namespace sdi::quantity::detail
