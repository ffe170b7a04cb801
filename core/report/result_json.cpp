#include "report/result_json.hpp"

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

namespace sdi::report {

namespace {

// Writes objects and arrays in the layout sdi.json uses. Each object's fields must be written in
// the byte order of their names, which is the order sdi.json sorts them into.
class Writer {
 public:
  Writer(JsonText& out, JsonLayout& layout) : out_(out), layout_(layout) {}

  // Writes `"name":`, and a space after it when indenting. `name` is a plain field name: nothing
  // in it needs escaping. Its length is known when compiling, so it is copied without a call.
  template <std::size_t N>
  void key(const char (&name)[N]) {
    next();
    const std::string_view colon = layout_.colon();
    char* p = out_.room(N + 3);
    *p++ = '"';
    std::memcpy(p, name, N - 1);
    p += N - 1;
    *p++ = '"';
    *p++ = ':';
    if (colon.size() > 1) *p++ = ' ';
    out_.commit(p);
  }

  void text(std::string_view s) { append_quoted(out_, s.data(), s.size()); }
  // As push_result stores a double (an integer when it is a whole one below 1e15) and sdi.json
  // then spells it.
  void number(double v) { append_number(out_, v); }
  void integer(long long v) { append_integer(out_, v); }
  void boolean(bool v) { out_.put(v ? std::string_view("true") : std::string_view("false")); }

  void begin_object() { begin('{'); }
  void end_object() { end('}'); }

  // An array of `items`, each written by `write(item)` after its separator and line break; an
  // empty one is [] on its line.
  template <typename T, typename Write>
  void array(const std::vector<T>& items, Write write) {
    if (items.empty()) {
      out_.put("[]");
      return;
    }
    begin('[');
    for (const T& item : items) {
      next();
      write(item);
    }
    end(']');
  }

 private:
  void begin(char c) {
    out_.put(c);
    ++depth_;
    first_ = true;
  }
  void end(char c) {
    --depth_;
    layout_.newline(out_, depth_);
    out_.put(c);
    first_ = false;  // the container was a value of the one around it, which has one now
  }
  // Before a member: the comma after the one before it, and the line break.
  void next() {
    layout_.separate(out_, depth_, first_);
    first_ = false;
  }

  JsonText& out_;
  JsonLayout& layout_;
  int depth_ = 0;
  bool first_ = true;
};

void write_check(Writer& w, const grade::CheckResult& c) {
  w.begin_object();
  w.key("evidence");
  w.array(c.evidence, [&](const grade::Evidence& e) {
    w.begin_object();
    w.key("line");
    w.integer(e.line);
    w.key("text");
    w.text(e.text);
    w.end_object();
  });
  w.key("facet");
  w.text(c.facet);
  w.key("feedback");
  w.text(c.feedback);
  w.key("id");
  w.text(c.id);
  w.key("kind");
  w.text(c.kind);
  w.key("max");
  w.number(c.max);
  w.key("points");
  w.number(c.points);
  w.key("status");
  w.text(grade::status_name(c.status));
  w.key("suggestion");
  w.text(c.suggestion);
  w.key("title");
  w.text(c.title);
  w.end_object();
}

void write_step(Writer& w, const grade::StepResult& st) {
  w.begin_object();
  w.key("checks");
  w.array(st.checks, [&](const grade::CheckResult& c) { write_check(w, c); });
  w.key("id");
  w.text(st.id);
  w.key("max");
  w.number(st.max);
  w.key("points");
  w.number(st.points);
  w.key("score");
  w.number(std::round(st.score()));
  w.key("sections");
  w.array(st.sections, [&](int line) { w.integer(line); });
  w.key("title");
  w.text(st.title);
  w.key("verdict");
  w.text(st.verdict);
  w.end_object();
}

void write_estimate(Writer& w, const grade::EstimateResult& e) {
  w.begin_object();
  w.key("credit");
  w.number(std::round(e.credit * 100) / 100);
  w.key("derivation");
  w.text(e.derivation);
  w.key("expected");
  w.text(e.expected);
  w.key("id");
  w.text(e.id);
  w.key("line");
  w.integer(e.line);
  w.key("ratio");
  w.number(std::round(e.ratio * 100) / 100);
  w.key("stated");
  w.text(e.stated);
  w.key("title");
  w.text(e.title);
  w.end_object();
}

}  // namespace

// The fields and values are push_result's (lua_values.cpp); the unit tests hold the two to the
// same text.
void append_result_json(JsonText& out, JsonLayout& layout, const grade::GradeResult& r) {
  Writer w(out, layout);
  w.begin_object();
  w.key("errors");
  w.array(r.errors, [&](const std::string& e) { w.text(e); });
  w.key("estimates");
  w.array(r.estimates, [&](const grade::EstimateResult& e) { write_estimate(w, e); });
  w.key("facets");
  w.array(r.facets, [&](const grade::FacetResult& f) {
    w.begin_object();
    w.key("id");
    w.text(f.id);
    w.key("max");
    w.number(f.max);
    w.key("points");
    w.number(f.points);
    w.key("verdict");
    w.text(f.verdict);
    w.end_object();
  });
  w.key("file");
  w.text(r.file);
  w.key("flags");
  w.array(r.flags, [&](const grade::AssumptionFlag& f) {
    w.begin_object();
    w.key("id");
    w.text(f.id);
    w.key("line");
    w.integer(f.line);
    w.key("range");
    w.text(f.range);
    w.key("stated");
    w.text(f.stated);
    w.end_object();
  });
  w.key("graded");
  w.boolean(r.graded);
  w.key("level");
  w.text(r.level);
  w.key("matched_by");
  w.text(r.matched_by);
  w.key("problem");
  w.text(r.problem);
  w.key("score");
  w.number(r.score);
  w.key("steps");
  w.array(r.steps, [&](const grade::StepResult& st) { write_step(w, st); });
  w.key("template");
  w.text(r.template_id);
  w.end_object();
}

}  // namespace sdi::report
