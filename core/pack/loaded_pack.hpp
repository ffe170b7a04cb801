#pragma once
// A pack compiled into its own sandbox: the check plugins run first (declaring the generic check
// library), then pack.lua. One LoadedPack per pack per worker; grading reuses it.

#include <memory>
#include <string>
#include <vector>

#include "lua/sandbox.hpp"
#include "pack/content.hpp"
#include "pack/library.hpp"
#include "pack/pack_api.hpp"

namespace sdi::pack {

class LoadedPack {
 public:
  // Throws pack::Error (or lua::Error re-thrown as pack::Error) naming the file and line.
  LoadedPack(const Library& library, const Manifest& manifest, const lua::Limits& limits = {});

  const Manifest& manifest() const { return manifest_; }
  const Content& content() const { return content_; }
  lua::Sandbox& sandbox() { return *sandbox_; }

  // The checks that apply under a template: the pack's own, then the template's generic ones.
  std::vector<const Check*> checks_for(const Template& t) const;
  const Estimate* find_estimate(const std::string& id) const;
  const Assumption* find_assumption(const std::string& id) const;

 private:
  Manifest manifest_;
  Content content_;
  Declarations declarations_;
  std::unique_ptr<lua::Sandbox> sandbox_;
};

}  // namespace sdi::pack
