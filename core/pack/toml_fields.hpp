#pragma once
// Typed, checked reads from a TOML table: each error names the file, the line and the key, and
// keys nobody asked for are reported as unknown (with the list of keys that are allowed).

#include <toml++/toml.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sdi::pack {

class TomlFields {
 public:
  TomlFields(const toml::table& table, std::string file, std::string context = {});

  std::string required_string(const std::string& key);
  std::optional<std::string> optional_string(const std::string& key);
  std::vector<std::string> string_list(const std::string& key);  // missing -> empty
  std::optional<double> optional_number(const std::string& key);
  std::optional<bool> optional_bool(const std::string& key);
  const toml::array* optional_array(const std::string& key);
  const toml::table* optional_table(const std::string& key);

  // Line of a key (or of the table when the key is absent).
  int line_of(const std::string& key) const;
  [[noreturn]] void fail(const std::string& key, const std::string& message) const;
  // Throws on the first key that was never read.
  void reject_unknown() const;
  const std::string& file() const { return file_; }

 private:
  const toml::node* get(const std::string& key);
  const toml::table& table_;
  std::string file_;
  std::string context_;
  std::set<std::string> known_;
};

// Parses a TOML file; syntax errors become pack::Error with the file and line.
toml::table parse_toml_file(const std::string& path, const std::string& display);

}  // namespace sdi::pack
