#include "cli/pack_targets.hpp"

#include <fmt/format.h>

namespace sdi::cli {

namespace fs = std::filesystem;

namespace {
bool is_pack_dir(const std::string& p) {
  std::error_code ec;
  return fs::exists(fs::path(p) / "pack.toml", ec);
}
}  // namespace

void add_target_folders(Context& ctx, const std::vector<std::string>& targets) {
  for (const auto& t : targets)
    if (is_pack_dir(t)) ctx.add_pack_path(t);
  if (targets.empty() && is_pack_dir(".")) ctx.add_pack_path(".");
}

std::vector<const pack::Manifest*> select_packs(Context& ctx,
                                                const std::vector<std::string>& targets,
                                                bool& failed) {
  std::vector<const pack::Manifest*> out;
  const pack::Library& lib = ctx.library();
  auto by_dir = [&](const std::string& dir) -> const pack::Manifest* {
    std::error_code ec;
    auto canonical = fs::weakly_canonical(dir, ec);
    for (const auto& p : lib.packs())
      if (p.dir == canonical) return &p;
    return nullptr;
  };
  if (targets.empty()) {
    if (is_pack_dir(".")) {
      if (const pack::Manifest* m = by_dir(".")) return {m};
      failed = true;  // its manifest is broken: the library reported it
      return out;
    }
    for (const auto& m : lib.packs()) out.push_back(&m);
    return out;
  }
  for (const auto& t : targets) {
    const pack::Manifest* m = is_pack_dir(t) ? by_dir(t) : lib.find_pack(t);
    if (m == nullptr) {
      if (!is_pack_dir(t))
        error(fmt::format("{}: not a pack id or a folder with pack.toml (see `sdi list`)", t));
      failed = true;
      continue;
    }
    out.push_back(m);
  }
  return out;
}

}  // namespace sdi::cli
