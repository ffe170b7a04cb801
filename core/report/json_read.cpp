#include "report/json_read.hpp"

#include <fmt/format.h>

#include <cstdlib>

namespace sdi::report {

namespace {

class Parser {
 public:
  explicit Parser(const std::string& text) : s_(text) {}

  JsonValue document() {
    JsonValue v = value(0);
    skip();
    if (i_ != s_.size()) fail("unexpected text after the JSON value");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& what) {
    int line = 1, col = 1;
    for (std::size_t k = 0; k < i_ && k < s_.size(); ++k) {
      if (s_[k] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    throw std::runtime_error(fmt::format("{}:{}: {}", line, col, what));
  }
  void skip() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t'))
      ++i_;
  }
  bool take(char c) {
    skip();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!take(c)) fail(fmt::format("expected '{}'", c));
  }
  void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  unsigned hex4() {
    if (i_ + 4 > s_.size()) fail("short \\u escape");
    unsigned v = static_cast<unsigned>(std::strtoul(s_.substr(i_, 4).c_str(), nullptr, 16));
    i_ += 4;
    return v;
  }
  std::string string() {
    expect('"');
    std::string out;
    while (i_ < s_.size() && s_[i_] != '"') {
      char c = s_[i_++];
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i_ >= s_.size()) fail("unfinished escape");
      char e = s_[i_++];
      switch (e) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && i_ + 6 <= s_.size() && s_[i_] == '\\' &&
              s_[i_ + 1] == 'u') {
            i_ += 2;
            unsigned low = hex4();
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default:
          out += e;
      }
    }
    if (i_ >= s_.size()) fail("unterminated string");
    ++i_;
    return out;
  }
  JsonValue value(int depth) {
    if (depth > 64) fail("nested too deeply");
    skip();
    if (i_ >= s_.size()) fail("unexpected end of input");
    JsonValue v;
    char c = s_[i_];
    if (c == '{') {
      ++i_;
      v.type = JsonValue::Type::Object;
      if (take('}')) return v;
      do {
        skip();
        std::string key = string();
        expect(':');
        v.object[key] = value(depth + 1);
      } while (take(','));
      expect('}');
    } else if (c == '[') {
      ++i_;
      v.type = JsonValue::Type::Array;
      if (take(']')) return v;
      do v.array.push_back(value(depth + 1));
      while (take(','));
      expect(']');
    } else if (c == '"') {
      v.type = JsonValue::Type::String;
      v.string = string();
    } else if (s_.compare(i_, 4, "true") == 0) {
      i_ += 4;
      v.type = JsonValue::Type::Bool;
      v.boolean = true;
    } else if (s_.compare(i_, 5, "false") == 0) {
      i_ += 5;
      v.type = JsonValue::Type::Bool;
    } else if (s_.compare(i_, 4, "null") == 0) {
      i_ += 4;
    } else {
      char* end = nullptr;
      v.number = std::strtod(s_.c_str() + i_, &end);
      if (end == s_.c_str() + i_) fail("expected a value");
      i_ = static_cast<std::size_t>(end - s_.c_str());
      v.type = JsonValue::Type::Number;
    }
    return v;
  }

  const std::string& s_;
  std::size_t i_ = 0;
};

const std::vector<JsonValue>& items(const JsonValue& v, const std::string& key) {
  static const std::vector<JsonValue> none;
  const JsonValue* a = v.get(key);
  return a != nullptr && a->type == JsonValue::Type::Array ? a->array : none;
}

std::vector<grade::Evidence> read_evidence(const JsonValue& v) {
  std::vector<grade::Evidence> out;
  for (const auto& e : items(v, "evidence"))
    out.push_back({static_cast<int>(e.num("line")), e.str("text")});
  return out;
}

grade::Status read_status(const std::string& s) {
  if (s == "pass") return grade::Status::Pass;
  if (s == "partial") return grade::Status::Partial;
  if (s == "fail") return grade::Status::Fail;
  return grade::Status::Error;
}

}  // namespace

const JsonValue* JsonValue::get(const std::string& key) const {
  auto it = object.find(key);
  return it == object.end() ? nullptr : &it->second;
}

std::string JsonValue::str(const std::string& key) const {
  const JsonValue* v = get(key);
  return v != nullptr && v->type == Type::String ? v->string : "";
}

double JsonValue::num(const std::string& key) const {
  const JsonValue* v = get(key);
  return v != nullptr && v->type == Type::Number ? v->number : 0;
}

JsonValue parse_json(const std::string& text) {
  return Parser(text).document();
}

GradeReport read_grade_report(const JsonValue& doc) {
  if (doc.type != JsonValue::Type::Object || doc.str("schema") != "sdi.grade.v1")
    throw std::runtime_error("not an sdi.grade.v1 report (its \"schema\" field says otherwise)");
  GradeReport report;
  report.shard = doc.str("shard");
  if (const JsonValue* s = doc.get("summary")) report.min_score = s->num("min_score");
  for (const auto& r : items(doc, "results")) {
    grade::GradeResult g;
    g.file = r.str("file");
    g.problem = r.str("problem");
    g.template_id = r.str("template");
    g.matched_by = r.str("matched_by");
    g.score = r.num("score");
    g.level = r.str("level");
    const JsonValue* graded = r.get("graded");
    g.graded = graded != nullptr && graded->boolean;
    for (const auto& s : items(r, "steps")) {
      grade::StepResult step;
      step.id = s.str("id");
      step.title = s.str("title");
      step.points = s.num("points");
      step.max = s.num("max");
      step.verdict = s.str("verdict");
      for (const auto& line : items(s, "sections"))
        step.sections.push_back(static_cast<int>(line.number));
      for (const auto& c : items(s, "checks")) {
        grade::CheckResult check;
        check.id = c.str("id");
        check.title = c.str("title");
        check.facet = c.str("facet");
        check.kind = c.str("kind");
        check.status = read_status(c.str("status"));
        check.points = c.num("points");
        check.max = c.num("max");
        check.feedback = c.str("feedback");
        check.suggestion = c.str("suggestion");
        check.evidence = read_evidence(c);
        step.checks.push_back(std::move(check));
      }
      g.steps.push_back(std::move(step));
    }
    for (const auto& f : items(r, "facets"))
      g.facets.push_back({f.str("id"), f.num("points"), f.num("max"), f.str("verdict")});
    for (const auto& e : items(r, "estimates")) {
      grade::EstimateResult est;
      est.id = e.str("id");
      est.title = e.str("title");
      est.stated = e.str("stated");
      est.expected = e.str("expected");
      est.derivation = e.str("derivation");
      est.ratio = e.num("ratio");
      est.credit = e.num("credit");
      est.line = static_cast<int>(e.num("line"));
      g.estimates.push_back(std::move(est));
    }
    for (const auto& f : items(r, "flags"))
      g.flags.push_back(
          {f.str("id"), f.str("stated"), f.str("range"), static_cast<int>(f.num("line"))});
    for (const auto& e : items(r, "errors")) g.errors.push_back(e.string);
    report.results.push_back(std::move(g));
  }
  return report;
}

}  // namespace sdi::report
