#pragma once
// Reading sdi.grade.v1 JSON back into the result model, for `sdi report merge`.

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "grade/result.hpp"

namespace sdi::report {

struct JsonValue {
  enum class Type { Null, Bool, Number, String, Array, Object } type = Type::Null;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<JsonValue> array;
  std::map<std::string, JsonValue> object;

  const JsonValue* get(const std::string& key) const;
  std::string str(const std::string& key) const;
  double num(const std::string& key) const;
};

// Throws std::runtime_error("line:column: message") on malformed input.
JsonValue parse_json(const std::string& text);

struct GradeReport {
  std::string shard;  // "K/N" when the report is one shard of a run
  double min_score = 0;
  std::vector<grade::GradeResult> results;
};

// Throws std::runtime_error naming what is missing when the document is not sdi.grade.v1.
GradeReport read_grade_report(const JsonValue& doc);

}  // namespace sdi::report
