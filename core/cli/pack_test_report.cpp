#include "cli/pack_test_report.hpp"

#include <fmt/format.h>

#include "cli/json_out.hpp"

namespace sdi::cli {

namespace {

using Status = PackTestSample::Status;

std::string band(const PackTestSample& s) {
  return fmt::format("{:g}-{:g}", s.low, s.high);
}

const char* status_word(Status s) {
  switch (s) {
    case Status::Pass:
      return "pass";
    case Status::Fail:
      return "fail";
    case Status::Error:
      return "error";
  }
  return "error";
}

std::string join_errors(const std::vector<std::string>& errors) {
  std::string out;
  for (const auto& e : errors) out += (out.empty() ? "" : "; ") + e;
  return out;
}

std::string render_text(const PackTestRun& run) {
  std::string out;
  for (const auto& p : run.packs) {
    out += p.id + "\n";
    if (!p.error.empty()) out += "  ERROR " + p.error + "\n";
    for (const auto& s : p.samples) {
      switch (s.status) {
        case Status::Pass:
          out += fmt::format("  ok    {:<32} {:5.1f}  band {}\n", s.file, s.score, band(s));
          break;
        case Status::Fail:
          out += fmt::format("  FAIL  {:<32} {:5.1f}  band {}  ({})\n", s.file, s.score, band(s),
                             s.detail);
          break;
        case Status::Error:
          out += fmt::format("  ERROR {:<32}        band {}  ({})\n", s.file, band(s),
                             join_errors(s.errors));
          break;
      }
    }
  }
  out += fmt::format("{} passed, {} failed\n", run.passed(), run.failures() + run.errors());
  return out;
}

std::string render_json(const PackTestRun& run) {
  std::string packs;
  for (const auto& p : run.packs) {
    std::string samples;
    for (const auto& s : p.samples)
      samples += fmt::format(
          "{}\n        {{\"file\": {}, \"band\": [{:g}, {:g}], \"score\": {:g}, \"status\": {}, "
          "\"detail\": {}, \"errors\": {}}}",
          samples.empty() ? "" : ",", json_string(s.file), s.low, s.high, s.score,
          json_string(status_word(s.status)), json_string(s.detail), json_string_list(s.errors));
    packs += fmt::format("{}\n    {{\"id\": {}, \"file\": {}, \"error\": {}, \"samples\": [{}{}]}}",
                         packs.empty() ? "" : ",", json_string(p.id), json_string(p.file),
                         json_string(p.error), samples, samples.empty() ? "" : "\n      ");
  }
  return fmt::format(
      "{{\n  \"schema\": \"sdi.pack-test.v1\",\n  \"packs\": [{}{}],\n  \"summary\": {{\"passed\": "
      "{}, "
      "\"failed\": {}, \"errors\": {}}}\n}}\n",
      packs, packs.empty() ? "" : "\n  ", run.passed(), run.failures(), run.errors());
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t')
          out += ' ';
        else
          out += c;
    }
  }
  return out;
}

std::string render_junit(const PackTestRun& run) {
  std::string suites;
  for (const auto& p : run.packs) {
    int failures = 0, errors = p.error.empty() ? 0 : 1;
    std::string cases;
    for (const auto& s : p.samples) {
      std::string name = xml_escape(fmt::format("{} [{}]", s.file, band(s)));
      cases += fmt::format("    <testcase classname=\"{}\" name=\"{}\">", xml_escape(p.id), name);
      if (s.status == Status::Fail) {
        ++failures;
        cases += fmt::format(
            "\n      <failure message=\"{}\">score {:g} outside band {}: {}</failure>\n    ",
            xml_escape(fmt::format("score {:g} outside band {}", s.score, band(s))), s.score,
            band(s), xml_escape(s.detail));
      } else if (s.status == Status::Error) {
        ++errors;
        cases += fmt::format("\n      <error message=\"{}\">{}</error>\n    ",
                             xml_escape("sample could not be graded"),
                             xml_escape(join_errors(s.errors)));
      }
      cases += "</testcase>\n";
    }
    if (!p.error.empty())
      cases += fmt::format(
          "    <testcase classname=\"{}\" name=\"load\">\n      <error message=\"{}\">{}</error>\n"
          "    </testcase>\n",
          xml_escape(p.id), xml_escape("pack could not be loaded"), xml_escape(p.error));
    suites += fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n{}  </testsuite>\n",
        xml_escape(p.id), p.samples.size() + (p.error.empty() ? 0 : 1), failures, errors, cases);
  }
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"sdi pack test\" tests=\"{}\" "
      "failures=\"{}\" errors=\"{}\">\n{}</testsuites>\n",
      run.passed() + run.failures() + run.errors(), run.failures(), run.errors(), suites);
}

std::string yaml_string(const std::string& s) {
  return json_string(s);
}  // JSON strings are YAML

std::string render_tap(const PackTestRun& run) {
  std::string body;
  int n = 0;
  for (const auto& p : run.packs) {
    if (!p.error.empty()) {
      body += fmt::format("not ok {} - {} loads\n  ---\n  message: {}\n  severity: error\n  ...\n",
                          ++n, p.id, yaml_string(p.error));
    }
    for (const auto& s : p.samples) {
      bool ok = s.status == Status::Pass;
      body += fmt::format("{} {} - {} {} in band {}\n", ok ? "ok" : "not ok", ++n, p.id, s.file,
                          band(s));
      if (!ok)
        body += fmt::format(
            "  ---\n  message: {}\n  severity: {}\n  score: {:g}\n  band: [{:g}, {:g}]\n  ...\n",
            yaml_string(s.status == Status::Fail ? s.detail : join_errors(s.errors)),
            status_word(s.status), s.score, s.low, s.high);
    }
  }
  return fmt::format("TAP version 14\n1..{}\n{}", n, body);
}

}  // namespace

int PackTestRun::passed() const {
  int n = 0;
  for (const auto& p : packs)
    for (const auto& s : p.samples) n += s.status == Status::Pass;
  return n;
}

int PackTestRun::failures() const {
  int n = 0;
  for (const auto& p : packs)
    for (const auto& s : p.samples) n += s.status == Status::Fail;
  return n;
}

int PackTestRun::errors() const {
  int n = 0;
  for (const auto& p : packs) {
    n += !p.error.empty();
    for (const auto& s : p.samples) n += s.status == Status::Error;
  }
  return n;
}

bool is_pack_test_format(const std::string& format) {
  return format == "text" || format == "json" || format == "junit" || format == "tap";
}

std::string render_pack_test(const PackTestRun& run, const std::string& format) {
  if (format == "json") return render_json(run);
  if (format == "junit") return render_junit(run);
  if (format == "tap") return render_tap(run);
  return render_text(run);
}

}  // namespace sdi::cli
