#include "report/text_report.hpp"

#include <fmt/format.h>
#include <lauxlib.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "text/utf8.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sdi::report {

namespace {

using grade::Status;

constexpr std::string_view kReset = "\33[0m";
constexpr std::string_view kBold = "\33[1m";
constexpr std::string_view kDim = "\33[2m";
constexpr std::string_view kRed = "\33[31m";
constexpr std::string_view kGreen = "\33[32m";
constexpr std::string_view kYellow = "\33[33m";
constexpr std::string_view kMagenta = "\33[35m";
constexpr std::string_view kCyan = "\33[36m";

// Builds one result's report; `color` decides whether paint() adds escape codes.
class TextReport {
 public:
  TextReport(std::string& out, bool color) : out_(out), color_(color) {}

  void result(const grade::GradeResult& r);

 private:
  // Appends `text` between the codes and a reset, or bare without colour.
  void paint(std::string_view text, std::initializer_list<std::string_view> codes) {
    open(codes);
    out_ += text;
    close();
  }
  // What paint() puts around its text, for text appended in pieces in between.
  void open(std::initializer_list<std::string_view> codes) {
    if (color_)
      for (std::string_view code : codes) out_ += code;
  }
  void close() {
    if (color_) out_ += kReset;
  }
  // Lines are joined by line breaks; the report ends with one.
  void line() { out_ += '\n'; }

  void check(const grade::CheckResult& c);
  void steps(const std::vector<grade::StepResult>& steps);
  void facets(const std::vector<grade::FacetResult>& facets);

  std::string& out_;
  bool color_;
  std::string scratch_;  // a suggestion after its arrow, kept from one check to the next
};

// A number as reports spell points: whole values without a fraction, others with one decimal,
// rounded as C's printf rounds (a tie to even: 0.25 is "0.2").
// std::to_chars with a precision is specified to give what printf gives, without its format
// parsing and locale.
void append_num(std::string& out, double x) {
  char text[64];
  std::to_chars_result end{};
  if (std::floor(x) == x && std::fabs(x) < 9.2e18)
    end = std::to_chars(text, text + sizeof text, static_cast<std::int64_t>(x));
  else
    end = std::to_chars(text, text + sizeof text, x, std::chars_format::fixed, 1);
  out.append(text, end.ec == std::errc() ? end.ptr : text);
}

std::string num(double x) {
  std::string out;
  append_num(out, x);
  return out;
}

// Whether text holds whitespace other than single spaces (space and \t to \r), which one line
// folds into one space.
bool loose(std::string_view text) {
#if defined(__SSE2__)
  // Sixteen bytes at a time, the last block overlapping the one before it; a pair of spaces
  // across two blocks is seen by looking at the byte before each.
  if (text.size() >= 16) {
    const char* s = text.data();
    for (std::size_t i = 0;; i += 16) {
      const bool last = text.size() - i <= 16;
      if (last) i = text.size() - 16;
      const unsigned carried = i > 0 && s[i - 1] == ' ' ? 1 : 0;  // a space just before
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      const __m128i breaks = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('\t' - 1)),
                                           _mm_cmplt_epi8(x, _mm_set1_epi8('\r' + 1)));
      const auto spaces =
          static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(' '))));
      if (_mm_movemask_epi8(breaks) != 0 || (spaces & ((spaces << 1) | carried)) != 0) return true;
      if (last) return false;
    }
  }
#endif
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '\t' && c <= '\r') return true;
    if (c == ' ' && i + 1 < text.size() && text[i + 1] == ' ') return true;
  }
  return false;
}

// Each run of whitespace as one space.
std::string fold_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool in_space = false;
  for (char c : text) {
    const bool space = c == ' ' || (c >= '\t' && c <= '\r');
    if (space) {
      if (!in_space) out += ' ';
    } else {
      out += c;
    }
    in_space = space;
  }
  return out;
}

// At most `limit` bytes on one line, cut at a character boundary (so multi-byte text is never
// split) and ended with "..." when cut.
std::string one_line(std::string_view text, std::size_t limit) {
  std::string folded;
  if (loose(text)) {
    folded = fold_spaces(text);
    text = folded;
  }
  return text::utf8::shorten(text, limit);
}

// Fills lines of at most `width` bytes greedily with whole words (a longer word gets a line of
// its own), each after `indent`.
void append_wrapped(std::string& out, std::string_view text, std::string_view indent,
                    std::size_t width) {
  std::string folded;
  if (loose(text)) {
    folded = fold_spaces(text);
    text = folded;
  }
  if (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  if (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  out += indent;
  std::size_t pos = 0;
  while (text.size() - pos > width) {
    // The last space among the next width + 1 bytes ends the line; without one, the line runs to
    // the next space.
    const std::size_t space = text.substr(pos, width + 1).rfind(' ');
    std::size_t end = 0;
    if (space != std::string_view::npos) {
      end = pos + space;
    } else {
      end = text.find(' ', pos);
      if (end == std::string_view::npos) break;
    }
    out += text.substr(pos, end - pos);
    out += '\n';
    out += indent;
    pos = end + 1;
  }
  out += text.substr(pos);
}

std::string_view mark_of(Status s) {
  switch (s) {
    case Status::Pass:
      return "✓";
    case Status::Partial:
      return "~";
    case Status::Fail:
      return "✗";
    case Status::Error:
      break;
  }
  return "!";
}

std::string_view tint_of(Status s) {
  switch (s) {
    case Status::Pass:
      return kGreen;
    case Status::Partial:
      return kYellow;
    case Status::Fail:
      return kRed;
    case Status::Error:
      break;
  }
  return kMagenta;
}

std::string_view level_tint(const std::string& level) {
  if (level == "strong" || level == "pass") return kGreen;
  if (level == "borderline") return kYellow;
  if (level == "fail") return kRed;
  if (level == "error") return kMagenta;
  return kBold;
}

// The share of a graded step's points, rounded half up.
long long step_percent(const grade::StepResult& s) {
  return static_cast<long long>(std::floor(100 * s.points / s.max + 0.5));
}

void TextReport::check(const grade::CheckResult& c) {
  out_ += "    ";
  paint(mark_of(c.status), {tint_of(c.status)});
  out_ += ' ';
  out_ += c.title;
  const std::size_t title_width = c.title.size() < 63 ? 64 - c.title.size() : 1;
  out_.append(title_width, ' ');
  // Each line is written in pieces straight to the report, not joined first.
  open({kDim});
  append_num(out_, c.points);
  out_ += '/';
  append_num(out_, c.max);
  close();
  line();
  if (!c.feedback.empty()) {
    append_wrapped(out_, c.feedback, "        ", 90);
    line();
  }
  if (!c.evidence.empty() && !c.evidence.front().text.empty()) {
    const grade::Evidence& ev = c.evidence.front();
    open({kDim});
    out_ += "        ";
    if (ev.line > 0) {
      out_ += "line ";
      char digits[16];
      out_.append(digits, std::to_chars(digits, digits + sizeof digits, ev.line).ptr);
    } else {
      out_ += "front matter";
    }
    out_ += ": \"";
    out_ += one_line(ev.text, 80);
    out_ += '"';
    close();
    line();
  }
  if (!c.suggestion.empty()) {
    scratch_.assign("→ ");
    scratch_ += c.suggestion;
    open({kCyan});
    append_wrapped(out_, scratch_, "        ", 90);
    close();
    line();
  }
}

void TextReport::steps(const std::vector<grade::StepResult>& steps) {
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const grade::StepResult& s = steps[i];
    std::string right = "not graded";
    if (s.max > 0)
      right =
          fmt::format("{}/{}  {:3d}%  {}", num(s.points), num(s.max), step_percent(s), s.verdict);
    const std::string title = fmt::format("  {}. {}", i + 1, s.title);
    line();
    paint(title, {kBold});
    out_.append(title.size() < 51 ? 52 - title.size() : 1, ' ');
    out_ += right;
    line();
    for (const grade::CheckResult& c : s.checks) check(c);
  }
}

void TextReport::facets(const std::vector<grade::FacetResult>& facets) {
  if (facets.empty()) return;
  std::string text = "facets: ";
  for (std::size_t i = 0; i < facets.size(); ++i) {
    const grade::FacetResult& f = facets[i];
    if (i > 0) text += " · ";
    text += fmt::format("{} {}/{} {}", f.id, num(f.points), num(f.max), f.verdict);
  }
  std::string wrapped;
  append_wrapped(wrapped, text, "  ", 96);
  paint(wrapped, {kDim});
  line();
}

void TextReport::result(const grade::GradeResult& r) {
  if (!r.graded) {
    paint(r.file, {kBold});
    out_ += "  ";
    paint("not graded", {kMagenta});
    line();
    for (const std::string& e : r.errors) {
      out_ += "  ";
      out_ += e;
      line();
    }
    line();
    return;
  }
  paint(r.file, {kBold});
  out_ += "  ";
  paint(r.problem + " · " + r.template_id, {kDim});
  out_ += "  ";
  paint(num(r.score) + "/100 " + r.level, {kBold, level_tint(r.level)});
  line();

  // The graded steps with the highest and lowest share of their points, the first on a tie.
  const grade::StepResult* best = nullptr;
  const grade::StepResult* worst = nullptr;
  int graded = 0;
  for (const grade::StepResult& s : r.steps) {
    if (s.max <= 0) continue;
    ++graded;
    if (best == nullptr) {
      best = worst = &s;
      continue;
    }
    if (s.points / s.max > best->points / best->max) best = &s;
    if (s.points / s.max < worst->points / worst->max) worst = &s;
  }
  if (graded > 1) {
    out_ += fmt::format("  strongest: {} ({}%)   weakest: {} ({}%)", best->title,
                        step_percent(*best), worst->title, step_percent(*worst));
    line();
  }
  facets(r.facets);
  steps(r.steps);

  if (!r.estimates.empty()) {
    line();
    paint("  Estimates", {kBold});
    line();
    for (const grade::EstimateResult& e : r.estimates) {
      out_ += "    ";
      // The credit as results carry it, to two decimals.
      if (e.stated.empty())
        paint("✗", {kRed});
      else if (std::round(e.credit * 100) / 100 >= 0.75)
        paint("✓", {kGreen});
      else
        paint("~", {kYellow});
      out_ += ' ';
      out_ += e.derivation;
      line();
    }
  }
  for (const grade::AssumptionFlag& f : r.flags) {
    paint(fmt::format("  ! line {}: {} = {} is outside the plausible range {}", f.line, f.id,
                      f.stated, f.range),
          {kYellow});
    line();
  }
  for (const std::string& e : r.errors) {
    paint("  error: " + e, {kMagenta});
    line();
  }
  line();
}

int text_render_hook(lua_State* L) {
  return luaL_error(L,
                    "sdi.text_render: the engine writes this report from the grade; a reporter "
                    "can only use the hook as its `render`");
}

}  // namespace

void append_text_report(std::string& out, const grade::GradeResult& r, bool color) {
  TextReport(out, color).result(r);
}

int lua_text_render(lua_State* L) {
  lua_pushcfunction(L, text_render_hook);
  return 1;
}

bool is_text_render(lua_State* L, int index) {
  return lua_tocfunction(L, index) == text_render_hook;
}

}  // namespace sdi::report
