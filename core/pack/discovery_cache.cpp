#include "pack/discovery_cache.hpp"

#include "pack/cache.hpp"
#include "pack/paths.hpp"

namespace sdi::pack {

namespace fs = std::filesystem;

namespace {

std::string entry_name(std::string_view kind, const fs::path& folder) {
  return cache::name_for(kind, folder.string());
}

std::string entry_key(const std::string& source) {
  return cache::engine_key() + source;
}

void put_template(cache::Writer& w, const Template& t) {
  w.str(t.id);
  w.str(t.title);
  w.str(t.summary);
  w.strings(t.generic_checks);
  w.u32(static_cast<std::uint32_t>(t.steps.size()));
  for (const Step& s : t.steps) {
    w.str(s.id);
    w.str(s.title);
    w.f64(s.minutes);
    w.strings(s.facets);
    w.strings(s.aliases);
    w.str(s.guidance);
  }
}

void get_template(cache::Reader& r, Template& t) {
  t.id = r.str();
  t.title = r.str();
  t.summary = r.str();
  t.generic_checks = r.strings();
  std::uint32_t steps = r.u32();
  // Each step takes at least a few bytes, so a damaged count cannot allocate much.
  if (!r.ok() || steps > r.remaining()) {
    r.fail();
    return;
  }
  t.steps.resize(steps);
  for (Step& s : t.steps) {
    s.id = r.str();
    s.title = r.str();
    s.minutes = r.f64();
    s.facets = r.strings();
    s.aliases = r.strings();
    s.guidance = r.str();
  }
}

void put_manifest(cache::Writer& w, const Manifest& m) {
  w.str(m.id);
  w.str(m.title);
  w.str(m.version);
  w.str(m.engine);
  w.str(m.difficulty);
  w.strings(m.tags);
  w.str(m.template_id);
  w.str(m.summary);
  w.str(m.prompt);
  w.u32(static_cast<std::uint32_t>(m.samples.size()));
  for (const SampleBand& s : m.samples) {
    w.str(s.file);
    w.f64(s.low);
    w.f64(s.high);
    w.u32(static_cast<std::uint32_t>(s.line));
  }
}

void get_manifest(cache::Reader& r, Manifest& m) {
  m.id = r.str();
  m.title = r.str();
  m.version = r.str();
  m.engine = r.str();
  m.difficulty = r.str();
  m.tags = r.strings();
  m.template_id = r.str();
  m.summary = r.str();
  m.prompt = r.str();
  std::uint32_t samples = r.u32();
  if (!r.ok() || samples > r.remaining()) {
    r.fail();
    return;
  }
  m.samples.resize(samples);
  for (SampleBand& s : m.samples) {
    s.file = r.str();
    s.low = r.f64();
    s.high = r.f64();
    s.line = static_cast<int>(r.u32());
  }
}

// One value per file, in order; nullopt unless the entry holds exactly that many, whole.
template <typename T, typename Get>
std::optional<std::vector<T>> load(std::string_view kind, const fs::path& folder,
                                   const std::string& source, std::size_t count, Get get) {
  if (source.empty()) return std::nullopt;
  auto entry = cache::read(entry_name(kind, folder), entry_key(source));
  if (!entry) return std::nullopt;
  cache::Reader r(entry->payload());
  if (r.u32() != count || !r.ok()) return std::nullopt;
  std::vector<T> out(count);
  for (T& value : out) {
    get(r, value);
    if (!r.ok()) return std::nullopt;
  }
  if (!r.at_end()) return std::nullopt;
  return out;
}

template <typename T, typename Put>
void store(std::string_view kind, const fs::path& folder, const std::string& source,
           const std::vector<T>& values, Put put) {
  if (source.empty()) return;
  cache::Writer w;
  w.u32(static_cast<std::uint32_t>(values.size()));
  for (const T& v : values) put(w, v);
  cache::write(entry_name(kind, folder), entry_key(source), w.data());
}

}  // namespace

std::string folder_source(std::string_view kind, const fs::path& folder,
                          const std::vector<fs::path>& files) {
  if (cache::directory().empty()) return {};
  std::error_code ec;
  fs::path absolute = fs::absolute(folder, ec);
  if (ec) return {};
  std::string source = std::string(kind) + ' ' + absolute.string() + '\n';
  for (const auto& file : files) {
    auto k = cache::file_key(file);
    if (!k) return {};
    source += *k;
  }
  return source;
}

std::optional<std::vector<Template>> load_templates(const fs::path& folder,
                                                    const std::string& source,
                                                    const std::vector<fs::path>& files) {
  auto out = load<Template>("templates", folder, source, files.size(), get_template);
  if (out) {
    const PathDisplay display;
    for (std::size_t i = 0; i < files.size(); ++i) (*out)[i].file = display(files[i]);
  }
  return out;
}

void store_templates(const fs::path& folder, const std::string& source,
                     const std::vector<Template>& templates) {
  store("templates", folder, source, templates, put_template);
}

std::optional<std::vector<Manifest>> load_manifests(const fs::path& folder,
                                                    const std::string& source,
                                                    const std::vector<fs::path>& dirs) {
  auto out = load<Manifest>("manifests", folder, source, dirs.size(), get_manifest);
  if (out) {
    const PathDisplay display;
    for (std::size_t i = 0; i < dirs.size(); ++i) {
      (*out)[i].dir = dirs[i];
      (*out)[i].file = display(dirs[i] / "pack.toml");
    }
  }
  return out;
}

void store_manifests(const fs::path& folder, const std::string& source,
                     const std::vector<Manifest>& manifests) {
  store("manifests", folder, source, manifests, put_manifest);
}

std::vector<fs::path> manifest_files(const std::vector<fs::path>& dirs) {
  std::vector<fs::path> out;
  out.reserve(dirs.size());
  for (const auto& d : dirs) out.push_back(d / "pack.toml");
  return out;
}

}  // namespace sdi::pack
