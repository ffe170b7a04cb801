#include "quantity/parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "quantity/format.hpp"
#include "quantity/vocab.hpp"
#include "quantity/word_table.hpp"

namespace sdi::quantity::detail {

namespace {

bool ieq(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view unit_note(UnitNote n) {
  switch (n) {
    case UnitNote::Month:
      return "month = 30 days";
    case UnitNote::Year:
      return "year = 365 days";
    case UnitNote::Week:
      return "week = 7 days";
    case UnitNote::PerSecond:
      return "QPS/RPS/TPS read as per second";
    default:
      return "";
  }
}

std::string describe_token(std::string_view src, const Token& t) {
  if (t.kind == Tok::End) return "the end of the input";
  if (t.kind == Tok::Newline) return "the end of the line";
  return fmt::format("'{}'", t.text(src));
}

}  // namespace

Parser::Parser(std::string_view src, const std::vector<Token>& tokens, ParseConfig config)
    : src_(src), t_(tokens), cfg_(config), end_(tokens.size() - 1) {}

void Parser::restore(const Save& s) {
  p_ = s.p;
  notes_.resize(s.notes);
  if (!s.had_error) err_.reset();
}

bool Parser::fail(const Token& t, std::string message) {
  if (!err_) {
    ParseError e;
    e.offset = t.offset;
    e.length = std::max<std::size_t>(1, t.length);
    e.message = std::move(message);
    err_ = std::move(e);
  }
  return false;
}

void Parser::note(std::string_view n) {
  if (!cfg_.echo || n.empty()) return;
  if (std::find(notes_.begin(), notes_.end(), n) == notes_.end()) notes_.emplace_back(n);
}

bool Parser::resolvable(std::string_view name) const {
  return cfg_.resolver && *cfg_.resolver && (*cfg_.resolver)(name).has_value();
}

std::optional<Quantity> Parser::resolve(std::string_view name) const {
  if (!cfg_.resolver || !*cfg_.resolver) return std::nullopt;
  return (*cfg_.resolver)(name);
}

// ---------------------------------------------------------------------------------------------
// Lookahead

namespace {

// The first word of every qualifier: one lookup tells which (most words are none), and the words
// after it are read by what it is.
enum First : std::uint16_t {
  kAbout,
  kRoughly,
  kApprox,
  kApproximately,
  kAround,
  kCirca,
  kCa,
  kNearly,
  kAlmost,
  kEst,
  kEstimated,
  kUp,
  kAt,
  kNo,
  kNot,
  kLess,
  kFewer,
  kMore,
  kGreater,
  kUnder,
  kBelow,
  kMax,
  kMaximum,
  kOver,
  kAbove,
  kMin,
  kMinimum,
  kBetween
};
constexpr std::string_view kFirstWords[] = {
    "about",  "roughly", "approx", "approximately", "around",  "circa",   "ca",
    "nearly", "almost",  "est",    "estimated",     "up",      "at",      "no",
    "not",    "less",    "fewer",  "more",          "greater", "under",   "below",
    "max",    "maximum", "over",   "above",         "min",     "minimum", "between"};
static_assert(kFirstWords[kBetween] == "between");
constexpr auto kFirst = word_table<64>(kFirstWords);

// Whether a qualifier may start at `t`: a sign of one, or a word that its length and first letter
// do not turn away (in any case: the filter reads no case bit). Most tokens asked about are
// neither, and are told so without reading the qualifier.
// The signs that are qualifiers on their own: "~", "≈" (however spelled), "<", "<=", ">", ">=".
bool is_qualifier_sign(Tok kind) {
  return kind == Tok::Tilde || kind == Tok::Approx || kind == Tok::Lt || kind == Tok::Le ||
         kind == Tok::Gt || kind == Tok::Ge;
}

bool may_start_qualifier(const Token& t, std::string_view src) {
  if (is_qualifier_sign(t.kind)) return true;
  return t.kind == Tok::Word && t.length <= 13 && kFirst.may_hold(t.length, src[t.offset]);
}

}  // namespace

Parser::Qual Parser::qualifier_at(std::size_t i, std::size_t* len) const {
  const Token& t = tok(i);
  *len = 1;
  switch (t.kind) {
    case Tok::Tilde:
    case Tok::Approx:
      return Qual::Approx;
    case Tok::Lt:
    case Tok::Le:
      return Qual::Upper;
    case Tok::Gt:
    case Tok::Ge:
      return Qual::Lower;
    default:
      break;
  }
  if (!may_start_qualifier(t, src_)) return Qual::None;
  std::uint16_t first = find_any_case(kFirst, text(t));
  if (first == decltype(kFirst)::kAbsent) return Qual::None;
  auto dot = [&](std::size_t k) {  // "approx." "max."
    if (tok(k).kind == Tok::Dot && !tok(k).space_before) ++*len;
  };
  const Token& n1 = tok(i + 1);
  const Token& n2 = tok(i + 2);
  switch (first) {
    case kUp:
      if (word_is(n1, "to")) return *len = 2, Qual::Upper;
      return Qual::None;
    case kAt:
      if (word_is(n1, "most") || word_is(n1, "max")) return *len = 2, Qual::Upper;
      if (word_is(n1, "least") || word_is(n1, "min")) return *len = 2, Qual::Lower;
      return Qual::None;
    case kNo:
    case kNot:
      if (word_is(n2, "than")) {
        if (word_is(n1, "more") || word_is(n1, "greater")) return *len = 3, Qual::Upper;
        if (word_is(n1, "less") || word_is(n1, "fewer")) return *len = 3, Qual::Lower;
      }
      return Qual::None;
    case kLess:
    case kFewer:
      if (word_is(n1, "than")) return *len = 2, Qual::Upper;
      return Qual::None;
    case kMore:
    case kGreater:
      if (word_is(n1, "than")) return *len = 2, Qual::Lower;
      return Qual::None;
    case kUnder:
    case kBelow:
    case kMax:
    case kMaximum:
      dot(i + 1);
      return Qual::Upper;
    case kOver:
    case kAbove:
    case kMin:
    case kMinimum:
      dot(i + 1);
      return Qual::Lower;
    case kBetween:
      return Qual::Between;
    default:  // about ... estimated
      dot(i + 1);
      return Qual::Approx;
  }
}

std::size_t Parser::qualifier_length(std::size_t index) const {
  if (!may_start_qualifier(tok(index), src_)) return 0;
  std::size_t len = 0;
  Qual q = qualifier_at(index, &len);
  if (q == Qual::None) return 0;
  std::size_t k = index + len;
  if (tok(k).kind == Tok::Number) return len;
  if (q != Qual::Between) {
    std::size_t more = qualifier_length(k);  // "about ~5K"
    if (more) return len + more;
  }
  return 0;
}

bool Parser::operand_start(std::size_t i, int depth) const {
  if (depth > 4) return false;
  const Token& t = tok(i);
  if (is_qualifier_sign(t.kind)) return operand_start(i + 1, depth + 1);
  switch (t.kind) {
    case Tok::Number:
    case Tok::LParen:
    case Tok::LBrace:
    case Tok::Frac:
      return true;
    case Tok::Dollar:
      return tok(i + 1).kind == Tok::Number;
    case Tok::Minus:
    case Tok::Plus:
      return !cfg_.lenient && operand_start(i + 1, depth + 1);
    case Tok::Slash: {
      if (cfg_.lenient) return false;
      const Token& n = tok(i + 1);
      return n.kind == Tok::Word && find_unit(text(n)) != nullptr;
    }
    case Tok::Word: {
      std::string_view w = text(t);
      const Token& n = tok(i + 1);
      if ((ieq(w, "a") || ieq(w, "an") || ieq(w, "one")) && n.kind == Tok::Word) {
        const ScaleDef* s = find_scale(text(n));
        if (s && s->spaced_ok && s->factor >= 100) return true;
      }
      std::size_t len = 0;
      Qual q = qualifier_at(i, &len);
      if (q != Qual::None && q != Qual::Between) return operand_start(i + len, depth + 1);
      if (cfg_.lenient) return false;
      if (ieq(w, "per")) return n.kind == Tok::Word && find_unit(text(n)) != nullptr;
      if (resolvable(w)) return true;
      if (is_keyword(w)) return false;
      // An unknown word is an identifier (reported as unknown later) unless it is a counted noun.
      return find_unit(w) != nullptr || !is_known_noun(w);
    }
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Expressions

ExpectationSource::Expectation Parser::expectation() const {
  if (around_) return around_->expectation();
  return {cfg_.expect, {}};
}

bool Parser::sum(Node& n) {
  return term(n) && more_terms(n);
}

bool Parser::more_terms(Node& n) {
  while (true) {
    const Token& op = cur();
    if (op.kind != Tok::Plus && op.kind != Tok::Minus) break;
    if (!cfg_.allow_additive) break;
    Save s = save();
    advance();
    Node rhs;
    if (!term(rhs)) {
      if (cfg_.lenient) {
        restore(s);
        break;
      }
      return false;
    }
    std::string err;
    auto r = op.kind == Tok::Plus ? add(n.q, rhs.q, &err) : subtract(n.q, rhs.q, &err);
    if (!r) {
      if (cfg_.lenient) {
        restore(s);
        break;
      }
      return fail(op, err);
    }
    n.q = *r;
    if (cfg_.echo) n.echo += (op.kind == Tok::Plus ? " + " : " - ") + rhs.echo;
    n.end = rhs.end;
    n.literals += rhs.literals;
    n.operators += 1 + rhs.operators;
    n.additive = true;
    if (!rhs.noun.empty()) n.noun = rhs.noun;
  }
  return true;
}

bool Parser::term(Node& n) {
  return unary(n) && more_factors(n);
}

bool Parser::more_factors(Node& n) {
  while (true) {
    const Token& op = cur();
    bool mul = false, div = false;
    if (op.kind == Tok::Star) {
      if (tok(p_ + 1).kind == Tok::Star) {
        if (cfg_.lenient) break;
        return fail(tok(p_ + 1), "unexpected '*' (write powers with ^)");
      }
      mul = true;
    } else if (op.kind == Tok::Times) {
      mul = true;
    } else if (op.kind == Tok::Word && (text(op) == "x" || text(op) == "X")) {
      if (!operand_start(p_ + 1)) break;
      mul = true;
    } else if (op.kind == Tok::Slash || op.kind == Tok::Divide) {
      div = true;
    } else if (!cfg_.lenient && word_is(op, "per") && operand_start(p_ + 1)) {
      div = true;
    }
    if (!mul && !div) break;
    Save s = save();
    advance();
    Node rhs;
    if (!unary(rhs)) {
      if (cfg_.lenient) {
        restore(s);
        break;
      }
      return false;
    }
    if (div && rhs.q.value == 0) {
      if (cfg_.lenient) {
        restore(s);
        break;
      }
      return fail(op, "division by zero");
    }
    n.q = mul ? multiply(n.q, rhs.q) : divide(n.q, rhs.q);
    if (cfg_.echo) n.echo += (mul ? " \xC3\x97 " : " / ") + rhs.echo;
    n.end = rhs.end;
    n.literals += rhs.literals;
    n.operators += 1 + rhs.operators;
    if (!rhs.noun.empty()) n.noun = rhs.noun;
  }
  return true;
}

bool Parser::unary(Node& n) {
  std::size_t begin = cur().offset;
  bool approx = false, upper = false, lower = false, over_word = false;
  while (true) {
    std::size_t len = 0;
    Qual q = qualifier_at(p_, &len);
    if (q == Qual::None) break;
    if (q == Qual::Between) {
      if (tok(p_ + 1).kind != Tok::Number) break;
      advance();
      between_ = true;
      continue;
    }
    if (!operand_start(p_ + len)) break;
    if (q == Qual::Approx) approx = true;
    if (q == Qual::Upper) upper = true, lower = false;
    if (q == Qual::Lower) {
      lower = true, upper = false;
      over_word = word_is(cur(), "over") || word_is(cur(), "above");
    }
    p_ += len;
  }
  const Token& sign = cur();
  if ((sign.kind == Tok::Minus || sign.kind == Tok::Plus) && operand_start(p_ + 1) &&
      (!cfg_.lenient || (tok(p_ + 1).kind == Tok::Number && !tok(p_ + 1).space_before))) {
    advance();
    if (!unary(n)) return false;
    if (sign.kind == Tok::Minus) {
      n.q = negate(n.q);
      if (cfg_.echo) n.echo = "-" + n.echo;
    }
  } else {
    bool was_between = between_;
    bool ok = postfix(n);
    between_ = false;
    if (!ok) return false;
    if (was_between && !n.has_range) {
      if (cfg_.lenient) return false;
      return fail(cur(), "expected 'and' and the upper end of the range");
    }
  }
  if (over_word && n.q.unit.time == 1 && n.q.unit.bytes == 0) lower = false;  // "over 5 years"
  n.begin = begin;
  if (approx || upper || lower) n.has_qualifier = true;
  if (approx && !n.q.approx) {
    n.q.approx = true;
    if (cfg_.echo) n.echo = "~" + n.echo;
  }
  if (upper && !n.q.upper_bound) {
    n.q.upper_bound = true;
    n.q.lower_bound = false;
    if (cfg_.echo) n.echo = "up to " + n.echo;
    note("read as an upper bound");
  }
  if (lower && !n.q.lower_bound) {
    n.q.lower_bound = true;
    n.q.upper_bound = false;
    if (cfg_.echo) n.echo = "at least " + n.echo;
    note("read as a lower bound");
  }
  return true;
}

bool Parser::postfix(Node& n) {
  const Token& t = cur();
  switch (t.kind) {
    case Tok::Number:
      return literal(n, t.num, t.offset, true, false);
    case Tok::Dollar:
      if (tok(p_ + 1).kind == Tok::Number) {
        advance();
        return literal(n, cur().num, t.offset, true, true);
      }
      break;
    case Tok::LParen:
    case Tok::LBrace:
      return group(n);
    case Tok::Frac:
      return frac(n);
    case Tok::Slash:
      if (!cfg_.lenient && tok(p_ + 1).kind == Tok::Word) {
        if (const UnitDef* u = find_unit(text(tok(p_ + 1)))) {
          advance();
          advance();
          Quantity one;
          one.value = u->factor;
          one.unit.bytes = u->bytes;
          one.unit.time = u->time;
          one.unit.bits = u->bits;
          if (u->is_time()) one.time_hint = u->factor;
          note(unit_note(u->note));
          n.q = divide(Quantity::count(1), one);
          n.q.time_hint = one.time_hint;
          if (cfg_.echo) n.echo = fmt::format("/{}", u->symbol);
          n.begin = t.offset;
          n.end = prev_end();
          n.has_unit = true;
          return true;
        }
      }
      break;
    case Tok::Word: {
      std::string_view w = text(t);
      const Token& nx = tok(p_ + 1);
      if ((ieq(w, "a") || ieq(w, "an") || ieq(w, "one")) && nx.kind == Tok::Word) {
        const ScaleDef* s = find_scale(text(nx));
        if (s && s->spaced_ok && s->factor >= 100) {
          advance();
          return literal(n, 1, t.offset, false, false);
        }
      }
      if (cfg_.lenient) break;
      if (ieq(w, "per") && nx.kind == Tok::Word && find_unit(text(nx))) {
        advance();
        Node inner;
        if (!postfix(inner)) return false;
        n = inner;
        n.q = divide(Quantity::count(1), inner.q);
        n.q.time_hint = inner.q.time_hint;
        if (cfg_.echo) n.echo = "per " + inner.echo;
        n.begin = t.offset;
        return true;
      }
      if (auto v = resolve(w)) {
        advance();
        n.q = *v;
        if (cfg_.echo) n.echo = std::string(w);
        n.begin = t.offset;
        n.end = t.end();
        n.has_unit = !v->unit.dimensionless();
        if (cur().kind == Tok::Caret) return tail(n);
        return true;
      }
      if (const UnitDef* u = find_unit(w); u && !is_keyword(w)) {
        advance();
        n.q.value = u->factor;
        n.q.unit.bytes = u->bytes;
        n.q.unit.time = u->time;
        n.q.unit.bits = u->bits;
        if (u->is_time()) n.q.time_hint = u->factor;
        if (u->time == -1) n.q.time_hint = 1;
        note(unit_note(u->note));
        if (cfg_.echo) n.echo = std::string(u->symbol);
        n.begin = t.offset;
        n.end = t.end();
        n.has_unit = true;
        return true;
      }
      return fail(t, fmt::format("unknown identifier '{}'", w));
    }
    default:
      break;
  }
  if (cfg_.lenient) return false;
  if (t.kind == Tok::End) return fail(t, "expected a number at the end of the input");
  return fail(t, fmt::format("expected a number, found {}", describe_token(src_, t)));
}

bool Parser::group(Node& n) {
  const Token& open = cur();
  Tok close = open.kind == Tok::LParen ? Tok::RParen : Tok::RBrace;
  advance();
  bool saved = cfg_.allow_additive;
  cfg_.allow_additive = true;
  Node inner;
  bool ok = sum(inner);
  cfg_.allow_additive = saved;
  if (!ok) return false;
  if (cur().kind != close) {
    if (cfg_.lenient) return false;
    return fail(cur(), fmt::format("expected '{}' to close the '{}' at offset {}",
                                   close == Tok::RParen ? ')' : '}', text(open), open.offset));
  }
  advance();
  n = inner;
  n.begin = open.offset;
  n.end = prev_end();
  if (cfg_.echo) n.echo = "(" + inner.echo + ")";
  n.additive = false;
  return tail(n);
}

bool Parser::frac(Node& n) {
  const Token& f = cur();
  advance();
  Node parts[2];
  bool saved = cfg_.allow_additive;
  cfg_.allow_additive = true;
  for (auto& part : parts) {
    if (cur().kind != Tok::LBrace) {
      cfg_.allow_additive = saved;
      if (cfg_.lenient) return false;
      return fail(cur(), "expected '{' after \\frac");
    }
    advance();
    if (!sum(part)) {
      cfg_.allow_additive = saved;
      return false;
    }
    if (cur().kind != Tok::RBrace) {
      cfg_.allow_additive = saved;
      if (cfg_.lenient) return false;
      return fail(cur(), "expected '}' in \\frac");
    }
    advance();
  }
  cfg_.allow_additive = saved;
  if (parts[1].q.value == 0) {
    if (cfg_.lenient) return false;
    return fail(f, "division by zero in \\frac");
  }
  n = parts[0];
  n.q = divide(parts[0].q, parts[1].q);
  n.begin = f.offset;
  n.end = prev_end();
  if (cfg_.echo) n.echo = "(" + parts[0].echo + ") / (" + parts[1].echo + ")";
  n.literals = parts[0].literals + parts[1].literals;
  n.operators = parts[0].operators + parts[1].operators + 1;
  n.additive = false;
  if (!parts[1].noun.empty()) n.noun = parts[1].noun;
  return tail(n);
}

bool Parser::tail(Node& n) {
  if (cur().kind == Tok::Caret) {
    const Token& caret = cur();
    double e = 0;
    if (!exponent(&e)) return false;
    std::string err;
    auto r = power(n.q, e, &err);
    if (!r) {
      if (cfg_.lenient) return false;
      return fail(caret, err);
    }
    n.q = *r;
    if (cfg_.echo) n.echo += "^" + format_plain(e);
    n.has_exponent = true;
  }
  if (take_percent()) {
    n.q = multiply(n.q, Quantity::count(0.01));
    if (cfg_.echo) n.echo += "%";
    n.has_percent = true;
  }
  Suffix sx;
  if (!suffix(sx, false)) return false;
  if (sx.any()) {
    Quantity u;
    u.value = sx.factor;
    u.unit = sx.unit;
    u.time_hint = sx.time_hint;
    n.q = multiply(n.q, u);
    if (sx.has_rate) n.q.time_hint = sx.time_hint;
    if (cfg_.echo) {
      std::string unit_echo = format(u);
      if (!unit_echo.empty() && unit_echo[0] == '1') unit_echo.erase(0, 1);
      n.echo += unit_echo;
    }
    if (!sx.noun_text.empty()) n.noun = std::move(sx.noun_text);
    n.has_unit = n.has_unit || sx.has_unit || sx.has_rate;
    n.has_noun = n.has_noun || sx.has_noun;
  }
  n.end = prev_end();
  return true;
}

bool Parser::exponent(double* e) {
  const Token& caret = cur();
  advance();
  double sign = 1;
  if (cur().kind == Tok::Minus) {
    sign = -1;
    advance();
  } else if (cur().kind == Tok::Plus) {
    advance();
  }
  const Token& t = cur();
  if (t.kind == Tok::Number) {
    *e = sign * t.num;
    advance();
    return true;
  }
  if (t.kind == Tok::LBrace || t.kind == Tok::LParen) {
    Tok close = t.kind == Tok::LParen ? Tok::RParen : Tok::RBrace;
    advance();
    Node inner;
    bool saved = cfg_.allow_additive;
    cfg_.allow_additive = true;
    bool ok = sum(inner);
    cfg_.allow_additive = saved;
    if (!ok) return false;
    if (cur().kind != close) {
      if (cfg_.lenient) return false;
      return fail(cur(), "expected a closing bracket after the exponent");
    }
    advance();
    if (!inner.q.unit.dimensionless()) {
      if (cfg_.lenient) return false;
      return fail(t, "an exponent must be a plain number");
    }
    *e = sign * inner.q.value;
    return true;
  }
  if (cfg_.lenient) return false;
  return fail(t, fmt::format("expected an exponent after '{}'", text(caret)));
}

// ---------------------------------------------------------------------------------------------
// Literals

Parser::Scale Parser::scale() {
  Scale s;
  const Token& t = cur();
  if (t.kind != Tok::Word) return s;
  const ScaleDef* d = find_scale(text(t));
  if (!d || (t.space_before && !d->spaced_ok)) return s;
  advance();
  s.factor = d->factor;
  s.present = true;
  s.b = d->ambiguous_b;
  note(d->note);
  return s;
}

bool Parser::take_percent() {
  const Token& t = cur();
  if (t.kind == Tok::Percent || word_is(t, "percent") || word_is(t, "pct")) {
    advance();
    return true;
  }
  return false;
}

bool Parser::take_plus_bound() {
  const Token& t = cur();
  if (t.kind != Tok::Plus || t.space_before) return false;
  const Token& n = tok(p_ + 1);
  switch (n.kind) {
    case Tok::Number:
    case Tok::LParen:
    case Tok::LBrace:
    case Tok::Frac:
    case Tok::Dollar:
    case Tok::Tilde:
      return false;
    case Tok::Word:
      if (!n.space_before && resolvable(text(n))) return false;
      break;
    default:
      break;
  }
  advance();
  return true;
}

void Parser::apply_unit(Suffix& sx, const UnitDef& u, std::string_view word) {
  sx.unit.bytes = static_cast<std::int8_t>(sx.unit.bytes + u.bytes);
  sx.unit.time = static_cast<std::int8_t>(sx.unit.time + u.time);
  if (u.bits) sx.unit.bits = true;
  sx.factor *= u.factor;
  if (u.is_time()) sx.time_hint = u.factor;
  if (u.time == -1) {
    sx.time_hint = 1;
    sx.has_rate = true;
  }
  sx.has_unit = true;
  if (!cfg_.echo) {
    // no notes asked for: none is formatted
  } else if (u.note == UnitNote::LowercaseBytes) {
    note(fmt::format("'{}' read as {} (an all-lowercase b after a size prefix is taken as bytes)",
                     word, u.symbol));
  } else if (u.note == UnitNote::Bits) {
    note(fmt::format("'{}' read as bits ({}; a capital B would be bytes)", word, u.symbol));
  } else {
    note(unit_note(u.note));
  }
}

void Parser::apply_rate(Suffix& sx, const UnitDef& u) {
  sx.unit.time = static_cast<std::int8_t>(sx.unit.time - 1);
  sx.factor /= u.factor;
  sx.time_hint = u.factor;
  sx.has_rate = true;
  note(unit_note(u.note));
}

bool Parser::suffix(Suffix& sx, bool after_number, bool known_nouns_only) {
  // The numerator: a unit, or a counted-noun phrase (optionally followed by a rate unit).
  if (cur().kind == Tok::Word) {
    const Token& t = cur();
    std::string_view w = text(t);
    const UnitDef* u = (after_number && w == "B") ? nullptr : find_unit(w);
    if (u && !is_keyword(w)) {
      apply_unit(sx, *u, w);
      advance();
    } else if (!is_keyword(w) && !find_scale(w)) {
      // Noun phrase: up to three words, e.g. "users", "active users", "daily active users".
      std::size_t k = p_;
      std::size_t words = 0;
      std::string_view last_tag;  // of the last known noun
      std::string phrase;
      while (words < 3 && tok(k).kind == Tok::Word) {
        const Token& wt = tok(k);
        std::string_view ww = text(wt);
        // The first word is known to be no keyword, scale or unit (but for the "B" taken as no
        // unit after a number).
        if (k == p_ ? is_stopword(ww) || (after_number && ww == "B" && find_unit(ww))
                    : is_keyword(ww) || is_stopword(ww) || find_unit(ww) || find_scale(ww))
          break;
        if (words > 0 && !wt.space_before) break;
        if (rate_adverb_seconds(ww) > 0) {
          const Token& nx = tok(k + 1);
          bool noun_follows = nx.kind == Tok::Word && is_known_noun(text(nx)) &&
                              rate_adverb_seconds(text(nx)) == 0 && !find_unit(text(nx));
          if (!noun_follows) break;
        }
        std::string_view tag = known_noun_tag_view(ww);
        bool known = !tag.empty();
        if (!known) {
          if (!cfg_.lenient || words > 0 || known_nouns_only) break;
          if (after_number && !wt.space_before && k == p_) {
            sx.glued_unknown = true;  // "1st", "5xx", "1080p"
            break;
          }
        }
        if (!phrase.empty()) phrase += ' ';
        std::size_t word_begin = phrase.size();
        for (char c : ww) phrase += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        ++words;
        ++k;
        // A plural noun is the head of its phrase ("10 followers follow ..." stops here); only
        // singular words modify the next one ("node servers", "photo uploads").
        if (known) {
          last_tag = tag;
          if (last_tag != std::string_view(phrase).substr(word_begin)) break;
        }
      }
      if (words > 0) {
        p_ = k;
        sx.has_noun = true;
        sx.noun_text = std::move(phrase);
        if (!last_tag.empty()) sx.unit.noun.assign(last_tag);
        // "4.6K write QPS"
        if (cur().kind == Tok::Word) {
          const UnitDef* r = find_unit(text(cur()));
          if (r && r->bytes == 0 && r->time == -1) {
            apply_unit(sx, *r, text(cur()));
            advance();
          }
        }
      } else if (!cfg_.lenient && !sx.glued_unknown && !is_stopword(w) &&
                 rate_adverb_seconds(w) == 0) {
        return fail(t, fmt::format("unknown unit '{}'", w));
      }
    }
  }
  // Per-parts: "/day", "per second", "a day", "each day", "daily", "per user", "/photo".
  while (true) {
    const Token& t = cur();
    const Token& nx = tok(p_ + 1);
    if ((t.kind == Tok::Slash || word_is(t, "per")) && nx.kind == Tok::Word) {
      std::string_view w = text(nx);
      const UnitDef* u = find_unit(w);
      if (u && u->is_time()) {
        apply_rate(sx, *u);
        p_ += 2;
        continue;
      }
      bool tight = t.kind == Tok::Slash && !t.space_before && !nx.space_before;
      if (!u && !is_keyword(w) && !is_stopword(w) && !find_scale(w) && !resolvable(w) &&
          (is_known_noun(w) || (cfg_.lenient && (tight || t.kind == Tok::Word)))) {
        sx.unit.per_noun.assign(noun_tag(w));
        sx.has_per = true;
        p_ += 2;
        continue;
      }
      if (!cfg_.lenient && (tight || t.kind == Tok::Word) && !u && !resolvable(w) &&
          !is_keyword(w)) {
        return fail(nx, fmt::format("unknown unit '{}'", w));
      }
      break;
    }
    if ((word_is(t, "a") || word_is(t, "an") || word_is(t, "each") || word_is(t, "every")) &&
        nx.kind == Tok::Word) {
      const UnitDef* u = find_unit(text(nx));
      if (u && u->is_time()) {
        apply_rate(sx, *u);
        p_ += 2;
        continue;
      }
      break;
    }
    if (t.kind == Tok::Word) {
      double secs = rate_adverb_seconds(text(t));
      if (secs > 0) {
        sx.unit.time = static_cast<std::int8_t>(sx.unit.time - 1);
        sx.factor /= secs;
        sx.time_hint = secs;
        sx.has_rate = true;
        if (secs == 30 * 86400.0) note("month = 30 days");
        if (secs == 365 * 86400.0) note("year = 365 days");
        advance();
        continue;
      }
    }
    break;
  }
  return true;
}

bool Parser::horizon(Quantity& q, std::string& echo) {
  const Token& t = cur();
  // Most literals end before a word of another length or first letter: turned away at once.
  if (t.kind != Tok::Word || t.length < 2 || t.length > 6) return false;
  switch (src_[t.offset] | 0x20) {
    case 'o':
    case 'f':
    case 'i':
    case 'w':
    case 'a':
      break;
    default:
      return false;
  }
  if (!(word_is(t, "over") || word_is(t, "for") || word_is(t, "in") || word_is(t, "within") ||
        word_is(t, "across")))
    return false;
  std::size_t k = p_ + 1;
  if (word_is(tok(k), "the")) ++k;
  for (std::string_view w : {"next", "last", "past", "coming", "following", "first"}) {
    if (word_is(tok(k), w)) {
      ++k;
      break;
    }
  }
  if (tok(k).kind != Tok::Number) return false;
  double n = tok(k).num;
  ++k;
  if (tok(k).kind != Tok::Word) return false;
  const UnitDef* u = find_unit(text(tok(k)));
  if (!u || !u->is_time()) return false;
  q.horizon_seconds = n * u->factor;
  note(unit_note(u->note));
  p_ = k + 1;
  if (cfg_.echo) echo += " over " + format_duration(*q.horizon_seconds);
  return true;
}

bool Parser::literal(Node& n, double magnitude, std::size_t begin, bool from_number,
                     bool currency) {
  double lo_mag = magnitude;
  if (from_number) {
    advance();
    if (cur().kind == Tok::Caret) {
      if (!exponent(&lo_mag)) return false;
      lo_mag = std::pow(magnitude, lo_mag);
      n.has_exponent = true;
    }
  }
  Scale lo_scale = scale();
  bool factor = false;
  if (cur().kind == Tok::Word && (text(cur()) == "x" || text(cur()) == "X") &&
      !cur().space_before && !operand_start(p_ + 1)) {
    advance();
    factor = true;
    if (cfg_.echo)
      note(fmt::format("{}x read as a factor of {}", format_plain(lo_mag), format_plain(lo_mag)));
  }
  bool percent = take_percent();
  bool plus_bound = take_plus_bound();

  // Range: "3-5K", "3–5K", "3K to 5K", "between 3K and 5K".
  std::optional<double> hi_mag;
  Scale hi_scale;
  if (!factor && !plus_bound) {
    Save s = save();
    const Token& d = cur();
    bool dash = d.kind == Tok::EnDash ||
                (d.kind == Tok::Minus && !d.space_before && !tok(p_ + 1).space_before) ||
                (d.kind == Tok::Minus && cfg_.lenient);
    bool word = word_is(d, "to") || (between_ && (word_is(d, "and") || d.kind == Tok::Minus));
    if ((dash || word) && tok(p_ + 1).kind == Tok::Number) {
      advance();
      double h = cur().num;
      advance();
      bool ok = true;
      if (cur().kind == Tok::Caret && !cur().space_before) {
        double e = 0;
        ok = exponent(&e);
        h = std::pow(h, e);
      }
      Scale hs = ok ? scale() : Scale{};
      bool hp = ok && take_percent();
      if (ok) {
        Scale ls = lo_scale;
        if (!ls.present && hs.present && lo_mag <= h) ls = hs;
        double pct = (percent || hp) ? 0.01 : 1;
        double lv = lo_mag * (ls.b ? 1e9 : ls.factor) * pct;
        double hv = h * (hs.b ? 1e9 : hs.factor) * pct;
        if (lv < hv) {
          hi_mag = h;
          hi_scale = hs;
          lo_scale = ls;
          percent = percent || hp;
        } else {
          ok = false;
        }
      }
      if (!ok) restore(s);
    }
  }

  Suffix sx;
  if (!suffix(sx, from_number || currency, percent || factor)) return false;
  if (!plus_bound && !hi_mag) plus_bound = take_plus_bound();

  // The ambiguous "B": billion or bytes.
  bool b_bytes = false;
  if (lo_scale.b || hi_scale.b) {
    const ExpectationSource::Expectation expected = expectation();
    std::string why;
    if (sx.has_noun) {
      why = fmt::format("followed by '{}'", sx.noun_text);
    } else if (sx.has_unit) {
      why = "followed by a unit";
    } else if (expected.expect == Expect::Count) {
      why = expected.reason.empty() ? "a count was expected" : expected.reason;
    } else if (expected.expect == Expect::Rate) {
      why = expected.reason.empty() ? "a rate of events was expected" : expected.reason;
    } else if (expected.expect == Expect::Bytes) {
      b_bytes = true;
      why = expected.reason.empty() ? "bytes were expected" : expected.reason;
    } else if (sx.has_rate) {
      b_bytes = true;
      why = "followed by a rate, as storage or bandwidth is";
    } else if (sx.has_per) {
      b_bytes = true;
      why = fmt::format("followed by 'per {}', as a size is", sx.unit.per_noun.view());
    } else {
      why = "no unit follows, so a count";
    }
    if (cfg_.echo) note(fmt::format("B read as {} ({})", b_bytes ? "bytes" : "billion", why));
    if (b_bytes) sx.unit.bytes = static_cast<std::int8_t>(sx.unit.bytes + 1);
  }
  auto scale_factor = [&](const Scale& s) { return s.b ? (b_bytes ? 1.0 : 1e9) : s.factor; };

  Quantity q;
  q.unit = sx.unit;
  q.time_hint = sx.time_hint;
  double f = sx.factor * (percent ? 0.01 : 1);
  double lo_v = lo_mag * scale_factor(lo_scale) * f;
  if (hi_mag) {
    double hi_v = *hi_mag * scale_factor(hi_scale) * f;
    q.lo = lo_v;
    q.hi = hi_v;
    q.value = lo_v > 0 ? std::sqrt(lo_v * hi_v) : (lo_v + hi_v) / 2;
  } else {
    q.value = lo_v;
  }
  q.lower_bound = plus_bound;
  if (plus_bound) note("a trailing + read as a lower bound");
  if (currency && q.unit.noun.empty() && q.unit.bytes == 0 && q.unit.time <= 0) {
    q.unit.noun.assign("dollar");
    if (sx.noun_text.empty()) sx.noun_text = "$";
  }
  std::string horizon_echo;
  horizon(q, horizon_echo);
  if (hi_mag && cfg_.echo) {
    Quantity point = q;
    point.lo.reset();
    point.hi.reset();
    note(fmt::format("{} read as a range; its value is the geometric mean {}", format(q),
                     format(point)));
  }

  n.q = q;
  n.begin = begin;
  n.end = prev_end();
  n.literals = 1;
  n.noun = std::move(sx.noun_text);
  n.has_scale = lo_scale.present || hi_scale.present;
  n.has_unit = sx.has_unit || sx.has_rate || sx.has_per || b_bytes;
  n.has_noun = sx.has_noun;
  n.has_percent = percent;
  n.has_range = hi_mag.has_value();
  n.has_qualifier = plus_bound || factor;
  n.glued_unknown = sx.glued_unknown;
  if (!cfg_.echo) {
    // no reading asked for
  } else if (percent && !hi_mag && !sx.any()) {
    n.echo = format_plain(lo_mag) + "%";
  } else {
    Quantity shown = q;
    shown.horizon_seconds.reset();
    n.echo = format(shown) + horizon_echo;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Unit specs ("GB/day", "/s", "Mbps", "users/s", "%")

std::optional<UnitSpec> Parser::unit_spec() {
  UnitSpec spec;
  bool any = false;
  std::string num, den;
  if (cur().kind == Tok::Number && cur().num == 1 && tok(p_ + 1).kind == Tok::Slash) advance();
  if (cur().kind == Tok::Percent || word_is(cur(), "percent")) {
    advance();
    spec.factor = 0.01;
    spec.text = "%";
    return spec;
  }
  if (cur().kind == Tok::Word) {
    std::string_view w = text(cur());
    if (const UnitDef* u = find_unit(w)) {
      spec.unit.bytes = u->bytes;
      spec.unit.time = u->time;
      spec.unit.bits = u->bits;
      spec.factor = u->factor;
      num = std::string(u->symbol);
      note(unit_note(u->note));
      advance();
      any = true;
    } else if (!is_keyword(w) && is_known_noun(w)) {
      spec.unit.noun.assign(noun_tag(w));
      advance();
      any = true;
    }
  }
  while (true) {
    const Token& t = cur();
    const Token& nx = tok(p_ + 1);
    bool per = t.kind == Tok::Slash || word_is(t, "per") || word_is(t, "a") || word_is(t, "an") ||
               word_is(t, "each");
    if (!per || nx.kind != Tok::Word) break;
    std::string_view w = text(nx);
    if (const UnitDef* u = find_unit(w); u && u->is_time()) {
      spec.unit.time = static_cast<std::int8_t>(spec.unit.time - 1);
      spec.factor /= u->factor;
      den += "/" + std::string(u->symbol);
      note(unit_note(u->note));
      p_ += 2;
      any = true;
      continue;
    }
    if (!is_keyword(w) && is_known_noun(w) && t.kind != Tok::Word) {
      spec.unit.per_noun.assign(noun_tag(w));
      den += "/" + noun_tag(w);
      p_ += 2;
      any = true;
      continue;
    }
    if (t.kind == Tok::Word && word_is(t, "per") && is_known_noun(w)) {
      spec.unit.per_noun.assign(noun_tag(w));
      den += "/" + noun_tag(w);
      p_ += 2;
      any = true;
      continue;
    }
    break;
  }
  if (!any) return std::nullopt;
  spec.text = num + den;
  return spec;
}

std::optional<UnitSpec> Parser::parse_unit_all() {
  p_ = 0;
  auto spec = unit_spec();
  if (!spec || !at_end()) return std::nullopt;
  return spec;
}

// ---------------------------------------------------------------------------------------------
// Entry points

std::optional<Node> Parser::parse_all(std::optional<UnitSpec>* target) {
  p_ = 0;
  end_ = t_.size() - 1;
  // "$ ... $": LaTeX math delimiters around the whole input.
  if (end_ >= 3 && t_[0].kind == Tok::Dollar && t_[end_ - 1].kind == Tok::Dollar) {
    p_ = 1;
    end_ -= 1;
  }
  if (at_end()) {
    fail(tok(p_), "empty expression");
    return std::nullopt;
  }
  Node n;
  if (!sum(n)) return std::nullopt;
  if (!n.q.horizon_seconds) horizon(n.q, n.echo);
  const Token& t = cur();
  bool arrow = t.kind == Tok::Arrow || t.kind == Tok::Implies;
  bool word = (word_is(t, "in") || word_is(t, "to") || word_is(t, "as") || word_is(t, "into")) &&
              tok(p_ + 1).kind != Tok::Number;
  if (arrow || word) {
    advance();
    const Token& spec_tok = cur();
    auto spec = unit_spec();
    if (!spec) {
      if (spec_tok.kind == Tok::Word) {
        fail(spec_tok, fmt::format("unknown unit '{}'", text(spec_tok)));
      } else {
        fail(spec_tok, fmt::format("expected a unit after '{}'", text(t)));
      }
      return std::nullopt;
    }
    std::string err, cnote;
    auto converted = convert_to(n.q, *spec, &err, &cnote);
    if (!converted) {
      ParseError e;
      e.offset = spec_tok.offset;
      e.length = std::max<std::size_t>(1, prev_end() - spec_tok.offset);
      e.message = err;
      if (!err_) err_ = e;
      return std::nullopt;
    }
    note(cnote);
    n.q = *converted;
    n.echo += " \xE2\x86\x92 " + spec->text;
    *target = spec;
  }
  if (!at_end()) {
    const Token& u = cur();
    if (u.kind == Tok::RParen || u.kind == Tok::RBrace) {
      fail(u, fmt::format("unmatched '{}'", text(u)));
    } else if (u.kind == Tok::Word && !is_keyword(text(u))) {
      fail(u, fmt::format("unexpected word '{}' (an operator or a unit was expected)", text(u)));
    } else {
      fail(u, fmt::format("unexpected {}", describe_token(src_, u)));
    }
    return std::nullopt;
  }
  n.end = prev_end();
  return n;
}

std::optional<Node> Parser::parse_at(std::size_t index, bool allow_additive,
                                     ExpectationSource* around) {
  p_ = index;
  end_ = t_.size() - 1;
  err_.reset();
  notes_.clear();
  between_ = false;
  cfg_.allow_additive = allow_additive;
  around_ = around;
  Node n;
  // Most figures start at a number ("100M users", "1 KB", "40 TB/year"), whose unary is its
  // literal: read at once, without the descent through sum, term and unary to it.
  const Token& t = cur();
  bool ok = t.kind == Tok::Number
                ? literal(n, t.num, t.offset, true, false) && more_factors(n) && more_terms(n)
                : sum(n);
  if (!ok) return std::nullopt;
  if (!n.q.horizon_seconds) horizon(n.q, n.echo);
  n.end = prev_end();
  return n;
}

// ---------------------------------------------------------------------------------------------

std::optional<Quantity> convert_to(const Quantity& q, const UnitSpec& spec, std::string* error,
                                   std::string* note) {
  Quantity r = q;
  bool same_bytes = q.unit.bytes == spec.unit.bytes;
  if (same_dimension(q.unit, spec.unit)) {
    // plain change of display unit
  } else if (q.horizon_seconds && *q.horizon_seconds > 0 && same_bytes &&
             spec.unit.time == q.unit.time - 1) {
    double h = *q.horizon_seconds;
    r.value /= h;
    if (r.lo) *r.lo /= h;
    if (r.hi) *r.hi /= h;
    r.unit.time = static_cast<std::int8_t>(r.unit.time - 1);
    r.horizon_seconds.reset();
    if (note) *note = fmt::format("spread over its horizon of {}", format_duration(h));
  } else if (q.horizon_seconds && same_bytes && spec.unit.time == q.unit.time + 1) {
    double h = *q.horizon_seconds;
    r.value *= h;
    if (r.lo) *r.lo *= h;
    if (r.hi) *r.hi *= h;
    r.unit.time = static_cast<std::int8_t>(r.unit.time + 1);
    r.unit.noun = r.unit.time > 0 ? Tag{} : r.unit.noun;
    r.horizon_seconds.reset();
    if (note) *note = fmt::format("accumulated over its horizon of {}", format_duration(h));
  } else {
    if (error) {
      *error =
          fmt::format("cannot convert {} ({}) to {} ({})", format(q), dimension_name(q.unit),
                      spec.text.empty() ? "a plain number" : spec.text, dimension_name(spec.unit));
    }
    return std::nullopt;
  }
  r.display_unit.assign(spec.text);
  if (spec.unit.bytes != 0) r.unit.bits = spec.unit.bits;
  if (!spec.unit.noun.empty() && r.unit.noun.empty() && r.unit.bytes == 0 && r.unit.time <= 0)
    r.unit.noun = spec.unit.noun;
  if (!spec.unit.per_noun.empty() && r.unit.per_noun.empty()) r.unit.per_noun = spec.unit.per_noun;
  return r;
}

std::string join_reading(const std::string& echo, const std::vector<std::string>& notes) {
  std::string out = echo;
  for (const auto& n : notes) {
    if (!out.empty()) out += "; ";
    out += n;
  }
  return out;
}

}  // namespace sdi::quantity::detail
