#pragma once
// The outcome of `sdi pack test` and its formats: text, json (sdi.pack-test.v1), junit, tap.

#include <string>
#include <vector>

namespace sdi::cli {

struct PackTestSample {
  enum class Status { Pass, Fail, Error };
  std::string file;
  double low = 0, high = 100, score = 0;
  Status status = Status::Error;
  std::string detail;  // why it failed: too low/high and the checks that moved it
  std::vector<std::string> errors;
};

struct PackTestPack {
  std::string id;
  std::string file;   // pack.toml
  std::string error;  // the pack could not be loaded
  std::vector<PackTestSample> samples;
};

struct PackTestRun {
  std::vector<PackTestPack> packs;
  int passed() const;
  int failures() const;
  int errors() const;
};

bool is_pack_test_format(const std::string& format);
std::string render_pack_test(const PackTestRun& run, const std::string& format);

}  // namespace sdi::cli
