#include "report/result_json.hpp"

#include <cmath>
#include <cstring>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace sdi::report {

namespace {

// Writes objects and arrays in the layout sdi.json uses. Each object's fields must be written in
// the byte order of their names, which is the order sdi.json sorts them into.
//
// A writer keeps its place in the text, and the line it breaks with, in its own members rather
// than in the JsonText and the JsonLayout: a function that writes much works on a copy of its
// writer and hands it back at the end, and the compiler keeps that copy in registers, where
// members reached through a reference would be read again after every byte stored. So a writer
// is passed by reference only to such a function, and its own members never hand out its address.
class Writer {
 public:
  Writer(JsonText& out, JsonLayout& layout)
      : out_(&out),
        layout_(&layout),
        p_(out.room(0)),
        end_(p_ + (out.capacity() - out.size())),
        colon_space_(layout.colon().size() > 1) {
    enter(0);
  }
  // Hands what was written to the JsonText.
  void finish() { out_->commit(p_); }

  // Writes `"name":`, and a space after it when indenting. `name` is a plain field name: nothing
  // in it needs escaping. Its length is known when compiling, so it is copied without a call.
  template <std::size_t N>
  void key(const char (&name)[N]) {
    static_assert(N + 3 <= kKeyRoom);
    next();
    *p_++ = '"';
    std::memcpy(p_, name, N - 1);
    p_ += N - 1;
    *p_++ = '"';
    *p_++ = ':';
    if (colon_space_) *p_++ = ' ';
  }

  void text(std::string_view s) {
    make_room(quoted_bound(s.size()));
    p_ = put_quoted(p_, s.data(), s.size());
  }
  // As push_result stores a double (an integer when it is a whole one below 1e15) and sdi.json
  // then spells it.
  void number(double v) {
    make_room(kNumberBound);
    p_ = put_number(p_, v);
  }
  void integer(long long v) {
    make_room(kIntegerBound);
    p_ = put_integer(p_, v);
  }
  void boolean(bool v) {
    make_room(5);
    std::memcpy(p_, v ? "true" : "false", v ? 4 : 5);
    p_ += v ? 4 : 5;
  }

  void begin_object() { begin('{'); }
  void end_object() { end('}'); }

  // Before a member: the comma after the one before it, and the line break. Room for the key
  // that follows is made with it.
  void next() {
    const std::size_t from = first_ ? 1 : 0;
    make_room(line_size_ + 16 + kKeyRoom);
    put_line(from);
    first_ = false;
  }

  // An array of `items`, each written by `write(item)` after its separator and line break; an
  // empty one is [] on its line.
  template <typename T, typename Write>
  void array(const std::vector<T>& items, Write write) {
    if (items.empty()) {
      make_room(2);
      *p_++ = '[';
      *p_++ = ']';
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
  // Room that next() makes for the key after the line break: the longest name, quoted, and the
  // colon and space.
  static constexpr std::size_t kKeyRoom = 32;

  void begin(char c) {
    make_room(1);
    *p_++ = c;
    enter(depth_ + 1);
    first_ = true;
  }
  void end(char c) {
    enter(depth_ - 1);
    make_room(line_size_ + 16 + 1);
    put_line(1);
    *p_++ = c;
    first_ = false;  // the container was a value of the one around it, which has one now
  }
  void enter(int depth) {
    depth_ = depth;
    const std::string_view line = layout_->line(depth);
    line_ = line.data();
    line_size_ = line.size();
  }
  // line_ from `from` to its end, in sixteen-byte copies (room for them is made).
  void put_line(std::size_t from) {
    const std::size_t n = line_size_ - from;
    std::memcpy(p_, line_ + from, 16);
    for (std::size_t k = 16; k < n; k += 16) std::memcpy(p_ + k, line_ + from + k, 16);
    p_ += n;
  }
  void make_room(std::size_t n) {
    if (static_cast<std::size_t>(end_ - p_) < n) [[unlikely]]
      std::tie(p_, end_) = grow(*out_, p_, n);
  }
  // Commits the text up to `p` and makes room for `n` more bytes: where they go and where the
  // room ends.
  static std::pair<char*, char*> grow(JsonText& out, char* p, std::size_t n) {
    out.commit(p);
    char* room = out.room(n);
    return {room, room + (out.capacity() - out.size())};
  }

  JsonText* out_;
  JsonLayout* layout_;
  char* p_;    // where the next byte goes
  char* end_;  // the end of the room p_ has
  const char* line_ = nullptr;
  std::size_t line_size_ = 0;
  int depth_ = 0;
  bool first_ = true;
  bool colon_space_;
};

void write_check(Writer& outer, const grade::CheckResult& c) {
  Writer w = outer;
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
  outer = w;
}

void write_step(Writer& outer, const grade::StepResult& st) {
  Writer w = outer;
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
  outer = w;
}

void write_estimate(Writer& outer, const grade::EstimateResult& e) {
  Writer w = outer;
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
  outer = w;
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
  w.finish();
}

}  // namespace sdi::report
