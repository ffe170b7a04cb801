#include "quantity/unit.hpp"

#include <fmt/format.h>

#include <array>

namespace sdi::quantity {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Cancels nouns against per-nouns and keeps a tag only when exactly one survives on its side.
Unit combine_tags(Unit out, std::array<std::string_view, 2> nums,
                  std::array<std::string_view, 2> pers) {
  for (auto& n : nums) {
    if (n.empty()) continue;
    for (auto& p : pers) {
      if (!p.empty() && p == n) {
        n = {};
        p = {};
        break;
      }
    }
  }
  auto pick = [](const std::array<std::string_view, 2>& xs) -> std::string_view {
    if (!xs[0].empty() && !xs[1].empty()) return {};  // two different things: ambiguous, drop
    return xs[0].empty() ? xs[1] : xs[0];
  };
  std::string_view noun = pick(nums);
  std::string_view per = pick(pers);
  // A counted noun means nothing once the value is bytes or a duration ("users x 100 bytes").
  if (out.bytes != 0 || out.time > 0) noun = {};
  out.noun.assign(noun);
  out.per_noun.assign(per);
  return out;
}

}  // namespace

bool same_dimension(const Unit& a, const Unit& b) {
  return a.bytes == b.bytes && a.time == b.time;
}

Unit multiply(const Unit& a, const Unit& b) {
  Unit out;
  out.bytes = static_cast<std::int8_t>(a.bytes + b.bytes);
  out.time = static_cast<std::int8_t>(a.time + b.time);
  out.bits = out.bytes != 0 && ((a.bits && a.bytes != 0) || (b.bits && b.bytes != 0));
  return combine_tags(out, {a.noun.view(), b.noun.view()}, {a.per_noun.view(), b.per_noun.view()});
}

Unit reciprocal(const Unit& u) {
  Unit out;
  out.bytes = static_cast<std::int8_t>(-u.bytes);
  out.time = static_cast<std::int8_t>(-u.time);
  out.bits = u.bits;
  out.noun = u.per_noun;
  out.per_noun = u.noun;
  if (out.bytes != 0 || out.time > 0) out.noun = Tag{};
  return out;
}

Unit divide(const Unit& a, const Unit& b) {
  Unit out;
  out.bytes = static_cast<std::int8_t>(a.bytes - b.bytes);
  out.time = static_cast<std::int8_t>(a.time - b.time);
  out.bits = out.bytes != 0 && ((a.bits && a.bytes != 0) || (b.bits && b.bytes != 0));
  return combine_tags(out, {a.noun.view(), b.per_noun.view()}, {a.per_noun.view(), b.noun.view()});
}

Unit power(const Unit& u, int exponent) {
  Unit out;
  out.bytes = static_cast<std::int8_t>(u.bytes * exponent);
  out.time = static_cast<std::int8_t>(u.time * exponent);
  out.bits = out.bytes != 0 && u.bits;
  if (exponent == 1) {
    out.noun = u.noun;
    out.per_noun = u.per_noun;
  } else if (exponent == -1) {
    out = reciprocal(u);
  }
  return out;
}

Unit add(const Unit& a, const Unit& b) {
  Unit out = a;
  auto merge = [](const Tag& x, const Tag& y) {
    if (x.empty()) return y;
    if (y.empty() || x == y) return x;
    return Tag{};
  };
  out.noun = merge(a.noun, b.noun);
  out.per_noun = merge(a.per_noun, b.per_noun);
  return out;
}

std::string dimension_name(const Unit& u) {
  if (u.bytes == 0 && u.time == 0) return "a count";
  if (u.bytes == 1 && u.time == 0) return u.bits ? "bits" : "bytes";
  if (u.bytes == 0 && u.time == 1) return "a duration";
  if (u.bytes == 0 && u.time == -1) return "a rate";
  if (u.bytes == 1 && u.time == -1) return u.bits ? "bits per time" : "bytes per time";
  return fmt::format("B^{}*s^{}", u.bytes, u.time);
}

std::string unit_string(const Unit& u) {
  std::string num;
  std::string den;
  auto part = [](std::string_view sym, int e) {
    return e == 1 ? std::string(sym) : fmt::format("{}^{}", sym, e);
  };
  if (u.bytes > 0) num += part("B", u.bytes);
  if (u.time > 0) num += (num.empty() ? "" : "*") + part("s", u.time);
  if (u.bytes < 0) den += part("B", -u.bytes);
  if (u.time < 0) den += (den.empty() ? "" : "*") + part("s", -u.time);
  if (den.empty()) return num;
  return num + "/" + den;
}

SingularParts singular_parts(std::string_view s) {
  // Every rule below but two takes an ending in 's' away: other words are their own singular.
  if (s.empty() || s.back() != 's') {
    if (s == "people") return {"person", ""};
    if (s == "children") return {"child", ""};
    return {s, ""};  // "data", "media", "criteria" too
  }
  if (s.size() >= 2 && s[s.size() - 2] == '\'') s.remove_suffix(2);  // "user's"
  if (s.size() <= 3) {
    if (s.size() == 3 && s.back() == 's' && s != "bus" && s != "gas" && s != "sms" && s != "dns" &&
        s != "aws" && s != "sns" && s != "sqs" && s != "ios")
      s.remove_suffix(1);  // "ids" -> "id", "ops" -> "op", "ads" -> "ad"
    return {s, ""};
  }
  if (s.back() != 's') return {s, ""};
  // The endings are told apart by their last bytes, read from the end (the word has four or more).
  auto from_end = [&](std::size_t k) { return s[s.size() - k]; };
  if (from_end(2) == 'e') {
    char before = from_end(3);
    if (before == 'i') return {s.substr(0, s.size() - 3), "y"};                       // "replies"
    bool sibilant = (before == 's' && from_end(4) == 's') ||                          // "addresses"
                    (before == 'h' && (from_end(4) == 's' || from_end(4) == 'c')) ||  // "dishes"
                    before == 'x' || (before == 'z' && from_end(4) == 'z');           // "buzzes"
    if (sibilant || (before == 's' && from_end(4) == 'u' && s != "uses"))             // "statuses"
      return {s.substr(0, s.size() - 2), ""};
  }
  char before_s = from_end(2);
  if (before_s == 's' || before_s == 'u' || before_s == 'i') return {s, ""};  // "kiss", "status"
  s.remove_suffix(1);
  return {s, ""};
}

std::string singular(std::string_view w) {
  std::string s(w);
  for (auto& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  SingularParts p = singular_parts(s);
  std::string out(p.head);
  out += p.tail;
  return out;
}

std::string plural(std::string_view noun) {
  std::string s(noun);
  if (s.empty()) return s;
  if (s == "person") return "people";
  if (s == "child") return "children";
  if (s == "data" || s == "media" || s == "dau" || s == "mau" || s == "wau" || s == "usd" ||
      s == "sms")
    return s;
  auto vowel = [](char c) { return std::string_view("aeiou").find(c) != std::string_view::npos; };
  if (s.size() >= 2 && s.back() == 'y' && !vowel(s[s.size() - 2]))
    return s.substr(0, s.size() - 1) + "ies";
  if (ends_with(s, "s") || ends_with(s, "x") || ends_with(s, "ch") || ends_with(s, "sh") ||
      ends_with(s, "z"))
    return s + "es";
  return s + "s";
}

}  // namespace sdi::quantity
