#include "pack/manifest.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <stdexcept>

#include "pack/error.hpp"
#include "pack/paths.hpp"
#include "pack/toml_fields.hpp"

namespace sdi::pack {

namespace {

using Version = std::array<long, 3>;

Version parse_version(const std::string& text) {
  Version v{0, 0, 0};
  std::size_t i = 0;
  for (int part = 0; part < 3; ++part) {
    if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i])))
      throw std::invalid_argument(fmt::format("'{}' is not a version like 1.2.3", text));
    long n = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
      n = n * 10 + (text[i++] - '0');
    v[part] = n;
    if (i == text.size()) return v;
    if (text[i] != '.')
      throw std::invalid_argument(fmt::format("'{}' is not a version like 1.2.3", text));
    ++i;
  }
  if (i != text.size())
    throw std::invalid_argument(fmt::format("'{}' is not a version like 1.2.3", text));
  return v;
}

std::string trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  std::size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

bool satisfies(const Version& v, const std::string& constraint) {
  std::string c = trim(constraint);
  if (c == "*" || c.empty()) return true;
  std::string op;
  for (const char* candidate : {">=", "<=", "==", ">", "<", "=", "^", "~"}) {
    if (c.rfind(candidate, 0) == 0) {
      op = candidate;
      break;
    }
  }
  Version want = parse_version(trim(c.substr(op.size())));
  if (op == ">=") return v >= want;
  if (op == "<=") return v <= want;
  if (op == ">") return v > want;
  if (op == "<") return v < want;
  if (op == "^") {
    Version upper = want[0] > 0 ? Version{want[0] + 1, 0, 0} : Version{0, want[1] + 1, 0};
    return v >= want && v < upper;
  }
  if (op == "~") return v >= want && v < Version{want[0], want[1] + 1, 0};
  return v == want;
}

bool is_pack_id(const std::string& value) {
  if (value.empty() || value.front() < 'a' || value.front() > 'z') return false;
  for (char c : value)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

void check_id(TomlFields& f, const std::string& key, const std::string& value) {
  if (!is_pack_id(value))
    f.fail(key, fmt::format("'{}' must be lowercase letters, digits and dashes", value));
}

}  // namespace

bool version_in_range(const std::string& version, const std::string& range) {
  Version v = parse_version(version);
  std::size_t start = 0;
  while (true) {
    std::size_t comma = range.find(',', start);
    std::string part =
        range.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!satisfies(v, part)) return false;
    if (comma == std::string::npos) return true;
    start = comma + 1;
  }
}

Manifest read_manifest(const std::filesystem::path& dir) {
  Manifest m;
  m.dir = dir;
  m.file = display_path(dir / "pack.toml");
  toml::table table = parse_toml_file((dir / "pack.toml").string(), m.file);
  TomlFields f(table, m.file);
  m.id = f.required_string("id");
  check_id(f, "id", m.id);
  std::string folder = dir.filename().string();
  if (folder != m.id)
    f.fail("id",
           fmt::format("is '{}' but the pack's folder is '{}'; rename one to match", m.id, folder));
  m.title = f.required_string("title");
  m.version = f.required_string("version");
  try {
    parse_version(m.version);
  } catch (const std::invalid_argument& e) {
    f.fail("version", e.what());
  }
  m.engine = f.required_string("engine");
  try {
    if (!version_in_range(SDI_VERSION, m.engine))
      f.fail("engine", fmt::format("'{}' does not include this engine's version {}; update the "
                                   "range or the engine",
                                   m.engine, SDI_VERSION));
  } catch (const std::invalid_argument& e) {
    f.fail("engine",
           fmt::format("is not a version range ({}); write e.g. \">=0.1, <1.0\"", e.what()));
  }
  m.difficulty = f.required_string("difficulty");
  if (m.difficulty != "easy" && m.difficulty != "medium" && m.difficulty != "hard")
    f.fail("difficulty", fmt::format("is '{}'; use easy, medium or hard", m.difficulty));
  m.tags = f.string_list("tags");
  m.template_id = f.required_string("template");
  m.summary = f.optional_string("summary").value_or("");
  m.prompt = f.required_string("prompt");
  if (const toml::array* samples = f.optional_array("sample")) {
    for (const auto& node : *samples) {
      const toml::table* t = node.as_table();
      if (t == nullptr) f.fail("sample", "must be a list of [[sample]] tables");
      TomlFields s(*t, m.file, "sample");
      SampleBand band;
      band.file = s.required_string("file");
      band.line = s.line_of("file");
      const toml::array* b = s.optional_array("band");
      if (b == nullptr || b->size() != 2 || !(*b)[0].is_number() || !(*b)[1].is_number())
        s.fail("band", "must be two numbers, e.g. band = [80, 100]");
      band.low = (*b)[0].value<double>().value_or(0);
      band.high = (*b)[1].value<double>().value_or(0);
      if (band.low < 0 || band.high > 100 || band.low > band.high)
        s.fail("band", "must be [low, high] within 0..100 with low <= high");
      s.reject_unknown();
      m.samples.push_back(band);
    }
  }
  f.reject_unknown();
  return m;
}

}  // namespace sdi::pack
