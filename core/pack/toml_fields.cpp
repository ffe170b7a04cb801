#include "pack/toml_fields.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "pack/error.hpp"

namespace sdi::pack {

namespace {
int node_line(const toml::node& n) {
  return static_cast<int>(n.source().begin.line);
}
}  // namespace

TomlFields::TomlFields(const toml::table& table, std::string file, std::string context)
    : table_(table), file_(std::move(file)), context_(std::move(context)) {}

const toml::node* TomlFields::get(const std::string& key) {
  known_.insert(key);
  return table_.get(key);
}

int TomlFields::line_of(const std::string& key) const {
  if (const toml::node* n = table_.get(key)) return node_line(*n);
  return node_line(table_);
}

void TomlFields::fail(const std::string& key, const std::string& message) const {
  std::string where = context_.empty() ? key : context_ + "." + key;
  throw Error(file_, line_of(key), fmt::format("'{}' {}", where, message));
}

std::string TomlFields::required_string(const std::string& key) {
  const toml::node* n = get(key);
  if (n == nullptr) {
    throw Error(
        file_, node_line(table_),
        fmt::format("missing required key '{}'{}", key, context_.empty() ? "" : " in " + context_));
  }
  auto v = n->value<std::string>();
  if (!v) fail(key, "must be a string");
  if (v->empty()) fail(key, "must not be empty");
  return *v;
}

std::optional<std::string> TomlFields::optional_string(const std::string& key) {
  const toml::node* n = get(key);
  if (n == nullptr) return std::nullopt;
  auto v = n->value<std::string>();
  if (!v) fail(key, "must be a string");
  return *v;
}

std::vector<std::string> TomlFields::string_list(const std::string& key) {
  std::vector<std::string> out;
  const toml::node* n = get(key);
  if (n == nullptr) return out;
  const toml::array* arr = n->as_array();
  if (arr == nullptr) fail(key, "must be a list of strings");
  for (const auto& item : *arr) {
    auto v = item.value<std::string>();
    if (!v) fail(key, "must be a list of strings");
    out.push_back(*v);
  }
  return out;
}

std::optional<double> TomlFields::optional_number(const std::string& key) {
  const toml::node* n = get(key);
  if (n == nullptr) return std::nullopt;
  auto v = n->value<double>();
  if (!v) fail(key, "must be a number");
  return *v;
}

std::optional<bool> TomlFields::optional_bool(const std::string& key) {
  const toml::node* n = get(key);
  if (n == nullptr) return std::nullopt;
  auto v = n->value<bool>();
  if (!v) fail(key, "must be true or false");
  return *v;
}

const toml::array* TomlFields::optional_array(const std::string& key) {
  const toml::node* n = get(key);
  if (n == nullptr) return nullptr;
  if (!n->is_array()) fail(key, "must be a list");
  return n->as_array();
}

const toml::table* TomlFields::optional_table(const std::string& key) {
  const toml::node* n = get(key);
  if (n == nullptr) return nullptr;
  if (!n->is_table()) fail(key, "must be a table");
  return n->as_table();
}

void TomlFields::reject_unknown() const {
  for (const auto& [key, node] : table_) {
    std::string k(key.str());
    if (known_.count(k)) continue;
    std::string allowed;
    for (const auto& a : known_) allowed += (allowed.empty() ? "" : ", ") + a;
    std::string where = context_.empty() ? k : context_ + "." + k;
    throw Error(file_, node_line(node),
                fmt::format("unknown key '{}' (allowed: {})", where, allowed));
  }
}

toml::table parse_toml_file(const std::string& path, const std::string& display) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(display, 0, "cannot be read");
  std::stringstream ss;
  ss << in.rdbuf();
  try {
    return toml::parse(ss.str(), display);
  } catch (const toml::parse_error& e) {
    throw Error(display, static_cast<int>(e.source().begin.line),
                fmt::format("invalid TOML: {}", e.description()));
  }
}

}  // namespace sdi::pack
