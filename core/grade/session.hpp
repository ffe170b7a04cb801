#pragma once
// Grades answer files: reads and checks each file, picks its problem and template, compiles each
// pack once (per session, i.e. per worker) and reuses it. Whatever goes wrong with one file or
// pack becomes that result's error; it never stops the others.

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "grade/grader.hpp"
#include "grade/result.hpp"
#include "pack/library.hpp"
#include "text/document.hpp"

namespace sdi::grade {

struct GradeOptions {
  std::string problem;      // --problem: used when the answer's front matter names none
  std::string template_id;  // --template: overrides the front matter and the pack default
};

// Reads and parses an answer file. On failure returns the error as "file[:line]: message".
struct LoadedAnswer {
  std::optional<text::Document> doc;
  std::string error;
};
LoadedAnswer load_answer(const std::string& path);
LoadedAnswer parse_answer(std::string bytes, const std::string& display);

class Session {
 public:
  explicit Session(const pack::Library& library, lua::Limits limits = {});

  GradeResult grade_file(const std::string& path, const GradeOptions& options);
  GradeResult grade_document(const text::Document& doc, const GradeOptions& options);

  // The pack an answer with no problem named fits best ("" when none does), and the runner-up.
  std::string best_fit(const text::Document& doc, std::string& runner_up);

  // The compiled pack for an id, or nullptr with `error` set.
  Grader* grader_for(const std::string& id, std::string& error);

 private:
  const pack::Library& library_;
  lua::Limits limits_;
  struct Compiled {
    std::unique_ptr<pack::LoadedPack> pack;
    std::unique_ptr<Grader> grader;
    std::string error;
  };
  std::map<std::string, Compiled> compiled_;
};

}  // namespace sdi::grade
