// Outputs' renderers for a grading worker: none on the thread that made the outputs (its
// reporters render there themselves), one per rendering reporter elsewhere, and the same report
// either way.

#include "report/outputs.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "../scratch_dir.hpp"
#include "pack/library.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using sdi::grade::GradeResult;
using sdi::report::FormatSpec;
using sdi::report::Outputs;
using sdi::report::Rendering;
using sdi::report::RunInfo;

namespace {

const char* kNumbered = R"lua(
local n = 0
return {
  start = function() n = 0 end,
  render = function(r) return { file = r.file, score = r.score } end,
  result = function(x)
    n = n + 1
    return n .. " " .. x.file .. " " .. x.score .. "\n"
  end,
  finish = function() return "end\n" end,
}
)lua";

// A plugin folder with reporters/numbered.lua, and a library over it.
struct Plugins {
  sdi::test::ScratchDir scratch;
  fs::path root = scratch.path();
  sdi::pack::Library library;
  Plugins() {
    fs::create_directories(root / "plugins" / "reporters");
    std::ofstream(root / "plugins" / "reporters" / "numbered.lua") << kNumbered;
    sdi::pack::SearchPath sp;
    sp.plugin_dirs.push_back(root / "plugins");
    library = sdi::pack::Library::discover(sp);
  }
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Reports two results to `file`, rendering them with renderers made on a thread of its own
// (`on_worker`) or on the calling thread; returns the report.
std::string report(const Plugins& p, const fs::path& file, bool on_worker, std::size_t& rendered) {
  Outputs outputs(p.library, {FormatSpec{"numbered", file.string()}}, RunInfo{}, false);
  REQUIRE(outputs.renders());
  outputs.start();
  rendered = 0;
  for (double score : {70.0, 35.5}) {
    GradeResult r = sdi::test::sample_result("a.md", score);
    Rendering rendering;
    auto step = [&] { outputs.worker_renderers()->render(r, rendering); };
    if (on_worker) {
      std::thread(step).join();
    } else {
      step();
    }
    for (const auto& o : rendering.outputs) rendered += o ? 1 : 0;
    outputs.add(r, rendering);
  }
  CHECK(outputs.finish({}).empty());
  return read_file(file);
}

}  // namespace

TEST_CASE("renderers made on the outputs' own thread leave rendering to the reporters") {
  Plugins p;
  std::size_t on_worker = 0, here = 0;
  const std::string relayed = report(p, p.root / "worker.txt", true, on_worker);
  const std::string direct = report(p, p.root / "here.txt", false, here);
  CHECK(on_worker == 2);
  CHECK(here == 0);
  CHECK(relayed == "1 a.md 70\n2 a.md 35.5\nend\n");
  CHECK(direct == relayed);
}
