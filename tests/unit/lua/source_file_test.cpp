// Lua source files as the sandbox loads them.

#include "lua/detail/source_file.hpp"

#include <doctest/doctest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using sdi::lua::detail::read_source_file;

struct Scratch {
  fs::path dir;
  Scratch() {
    std::string tmpl = (fs::temp_directory_path() / "sdi-source-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    dir = tmpl;
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name, std::ios::binary) << text;
    return dir / name;
  }
};

}  // namespace

TEST_CASE("a source file is read whole, without its byte order mark or first '#' line") {
  Scratch s;
  bool too_large = true;
  std::string big(200000, 'x');
  CHECK(read_source_file(s.write("big.lua", big), 0, too_large) == big);
  CHECK_FALSE(too_large);
  CHECK(read_source_file(s.write("bom.lua", "\xEF\xBB\xBFreturn 1\n"), 0, too_large) ==
        "return 1\n");
  CHECK(read_source_file(s.write("she.lua", "#!/usr/bin/lua\nreturn 2\n"), 0, too_large) ==
        "\nreturn 2\n");
  CHECK(read_source_file(s.write("empty.lua", ""), 0, too_large) == "");
}

TEST_CASE("a missing, special or too large source file is not read") {
  Scratch s;
  bool too_large = false;
  CHECK_FALSE(read_source_file(s.dir / "missing.lua", 0, too_large).has_value());
  CHECK_FALSE(too_large);
  CHECK_FALSE(read_source_file(s.dir, 0, too_large).has_value());
  REQUIRE(mkfifo((s.dir / "fifo.lua").c_str(), 0600) == 0);
  CHECK_FALSE(read_source_file(s.dir / "fifo.lua", 0, too_large).has_value());
  CHECK_FALSE(read_source_file(s.write("big.lua", std::string(100, 'x')), 99, too_large));
  CHECK(too_large);
  CHECK(read_source_file(s.write("fits.lua", std::string(99, 'x')), 99, too_large).has_value());
  CHECK_FALSE(too_large);
}
