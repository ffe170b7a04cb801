#pragma once
// Internal: the recursive-descent parser/evaluator behind parse(), evaluate() and scan().
//
//   expr     := sum [horizon] [('->' | '→' | '=>' | in | to | as) unit-spec]
//   sum      := term (('+' | '-') term)*
//   term     := unary (('*' | 'x' | '×' | '·' | '/' | '÷' | per) unary)*
//   unary    := qualifier* ['-' | '+'] postfix
//   postfix  := literal | '(' sum ')' tail | '{' sum '}' tail | \frac{sum}{sum} tail
//             | identifier | unit ("day") | ('/' | per) unit ("/day")
//   literal  := number ['^' exp] [scale] ['x'] ['%'] ['+'] [range] suffix [horizon]
//   suffix   := [unit | noun-phrase [rate-unit]] (('/' | per | a | each | every) (time | noun)
//               | daily | hourly ...)*
//
// Strict mode (parse/evaluate) fails on anything unexpected with a ParseError. Lenient mode
// (scan) stops before what it cannot use and accepts any word after a number as noun text.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quantity/lexer.hpp"
#include "quantity/parse.hpp"
#include "quantity/vocab.hpp"

namespace sdi::quantity::detail {

struct ParseConfig {
  Expect expect = Expect::Any;
  const Resolver* resolver = nullptr;
  bool lenient = false;
  bool allow_additive = true;  // + and - between terms (inside brackets they always are)
  bool echo = true;            // spell out Node::echo and the notes (costly: it formats every
                               // literal)
};

/// What the text around a figure expects it to be (the scanner reads the words before it), and
/// why. Asked only when a figure's own words leave it open (the ambiguous "B"): working it out
/// reads words most figures never need.
class ExpectationSource {
 public:
  struct Expectation {
    Expect expect = Expect::Any;
    std::string reason;
  };
  virtual Expectation expectation() = 0;

 protected:
  ~ExpectationSource() = default;
};

struct Node {
  Quantity q;
  std::size_t begin = 0, end = 0;  // byte span in the source
  std::string echo;
  std::string noun;  // words after the number of the last literal that had some
  int literals = 0;
  int operators = 0;
  bool has_scale = false, has_unit = false, has_noun = false, has_percent = false;
  bool has_range = false, has_qualifier = false, has_exponent = false;
  bool glued_unknown = false;  // lenient: a number glued to an unknown word ("1st", "5xx")
  bool additive = false;       // a + or - joined terms outside brackets

  bool bare() const {
    return literals == 1 && operators == 0 && !has_scale && !has_unit && !has_noun &&
           !has_percent && !has_range && !has_qualifier && !has_exponent;
  }
};

class Parser {
 public:
  Parser(std::string_view src, const std::vector<Token>& tokens, ParseConfig config);

  /// Strict: the whole input as one expression with an optional conversion target.
  std::optional<Node> parse_all(std::optional<UnitSpec>* target);
  /// Lenient: the longest expression starting at token `index`; pos() is the token after it.
  /// `around` says what the figure is expected to be, if asked (nullptr: the config's expect).
  std::optional<Node> parse_at(std::size_t index, bool allow_additive,
                               ExpectationSource* around = nullptr);
  /// A unit spec filling the whole input.
  std::optional<UnitSpec> parse_unit_all();

  /// Tokens taken by a qualifier at `index` that a number follows ("about", "up to", "~",
  /// "between"); 0 if none.
  std::size_t qualifier_length(std::size_t index) const;

  std::size_t pos() const { return p_; }
  const std::optional<ParseError>& error() const { return err_; }
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  struct Save {
    std::size_t p;
    std::size_t notes;
    bool had_error;
  };
  struct Scale {
    double factor = 1;
    bool present = false;
    bool b = false;  // the ambiguous "B"
  };
  struct Suffix {
    Unit unit;
    double factor = 1;
    double time_hint = 0;
    bool has_unit = false, has_noun = false, has_rate = false, has_per = false;
    bool glued_unknown = false;
    std::string noun_text;
    bool any() const { return has_unit || has_noun || has_rate || has_per; }
  };
  enum class Qual { None, Approx, Upper, Lower, Between };

  const Token& tok(std::size_t i) const { return i < end_ ? t_[i] : t_[end_]; }
  const Token& cur() const { return tok(p_); }
  std::string_view text(const Token& t) const { return t.text(src_); }
  // Whether `t` is the lowercase word `w`, in any case. Asked of nearly every token after a
  // figure: most differ in kind or length, which is told without reading them.
  bool word_is(const Token& t, std::string_view w) const {
    if (t.kind != Tok::Word || t.length != w.size()) return false;
    for (std::size_t i = 0; i < w.size(); ++i) {
      char c = src_[t.offset + i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != w[i]) return false;
    }
    return true;
  }
  bool at_end() const { return p_ >= end_ || cur().kind == Tok::End || cur().kind == Tok::Newline; }
  void advance() {
    if (p_ < end_) ++p_;
  }
  std::size_t prev_end() const { return p_ > 0 ? t_[p_ - 1].end() : 0; }

  Save save() const { return {p_, notes_.size(), err_.has_value()}; }
  void restore(const Save& s);
  bool fail(const Token& t, std::string message);
  void note(std::string_view n);  // kept only when the config asks for the echo
  bool resolvable(std::string_view name) const;
  std::optional<Quantity> resolve(std::string_view name) const;

  bool operand_start(std::size_t i, int depth = 0) const;
  Qual qualifier_at(std::size_t i, std::size_t* len) const;

  ExpectationSource::Expectation expectation() const;  // around_'s, else the config's
  bool sum(Node& n);
  bool more_terms(Node& n);  // the ('+' | '-') term parts of a sum after its first term
  bool term(Node& n);
  bool more_factors(Node& n);  // the operator and unary parts of a term after its first unary
  bool unary(Node& n);
  bool postfix(Node& n);
  bool group(Node& n);
  bool frac(Node& n);
  bool tail(Node& n);  // '^', '%', unit suffix after a bracket or \frac
  bool literal(Node& n, double magnitude, std::size_t begin, bool from_number, bool currency);
  bool exponent(double* e);
  Scale scale();
  bool take_percent();
  bool take_plus_bound();
  bool suffix(Suffix& sx, bool after_number, bool known_nouns_only = false);
  void apply_unit(Suffix& sx, const UnitDef& u, std::string_view word);
  void apply_rate(Suffix& sx, const UnitDef& u);
  bool horizon(Quantity& q, std::string& echo);
  std::optional<UnitSpec> unit_spec();

  std::string_view src_;
  const std::vector<Token>& t_;
  ParseConfig cfg_;
  std::size_t p_ = 0;
  std::size_t end_ = 0;  // index of the last token (Tok::End, or a stripped closing '$')
  bool between_ = false;
  ExpectationSource* around_ = nullptr;  // parse_at's
  std::optional<ParseError> err_;
  std::vector<std::string> notes_;
};

/// Conversion shared by parse (targets) and convert(). On failure returns nullopt and sets *error.
std::optional<Quantity> convert_to(const Quantity& q, const UnitSpec& spec, std::string* error,
                                   std::string* note);

/// "echo; note; note".
std::string join_reading(const std::string& echo, const std::vector<std::string>& notes);

}  // namespace sdi::quantity::detail
