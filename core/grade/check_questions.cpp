// Clarifying questions: credit for covering the pack's questions, with the missed ones listed.

#include <fmt/format.h>

#include <algorithm>

#include "grade/check_context.hpp"
#include "grade/questions.hpp"

namespace sdi::grade {

CheckResult run_questions_check(const pack::Check& check, const CheckContext& ctx) {
  CheckResult r;
  const auto& questions = ctx.pack.content().questions;
  if (questions.empty()) {
    r.status = Status::Error;
    r.feedback = fmt::format("{}:{}: check '{}' needs the pack to declare sdi.question entries",
                             check.where.file, check.where.line, check.id);
    return r;
  }
  int full = check.questions_for_full > 0 ? check.questions_for_full
                                          : std::max(3, static_cast<int>(questions.size()) / 3);
  full = std::min<int>(full, static_cast<int>(questions.size()));
  int covered = 0;
  std::vector<std::string> missed;
  for (std::size_t qi = 0; qi < questions.size(); ++qi) {
    int asked = ctx.questions.covered_by[qi];
    if (asked < 0) {
      missed.push_back(questions[qi].text);
      continue;
    }
    ++covered;
    const AskedQuestion& a = ctx.questions.asked[asked];
    r.evidence.push_back({a.line, a.text});
  }
  std::sort(r.evidence.begin(), r.evidence.end(),
            [](const Evidence& a, const Evidence& b) { return a.line < b.line; });
  set_score(r, static_cast<double>(covered) / full);
  if (covered == 0) {
    r.feedback = ctx.questions.asked.empty()
                     ? "No clarifying questions found."
                     : fmt::format("{} question(s) asked, none about what this problem turns on.",
                                   ctx.questions.asked.size());
  } else {
    r.feedback =
        fmt::format("Asked {} of the {} questions that shape this design ({} earn full credit).",
                    covered, questions.size(), full);
  }
  if (r.status != Status::Pass) {
    std::size_t shown = std::min<std::size_t>(missed.size(), 4);
    std::vector<std::string> some(missed.begin(), missed.begin() + static_cast<long>(shown));
    r.suggestion = check.feedback;
    if (!some.empty())
      r.suggestion +=
          fmt::format("{}Worth asking: {}", r.suggestion.empty() ? "" : " ", fmt::join(some, " "));
  }
  return r;
}

}  // namespace sdi::grade
