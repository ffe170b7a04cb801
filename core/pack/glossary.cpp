#include "pack/glossary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>

#include "pack/cache.hpp"
#include "pack/error.hpp"
#include "pack/paths.hpp"
#include "pack/toml_fields.hpp"

namespace sdi::pack {

// The cache entries of folders whose concepts have only their heads so far.
struct Glossary::Deferred {
  struct Part {
    cache::Entry entry;
    std::size_t bodies_at = 0;  // where the entry's payload lists the rest of each concept
    std::size_t first = 0;      // the folder's first concept in concepts_
    std::size_t count = 0;
  };
  std::vector<Part> parts;
  std::atomic<bool> pending{false};
  std::mutex mutex;
};

Glossary::Glossary() = default;
Glossary::~Glossary() = default;
Glossary::Glossary(Glossary&&) noexcept = default;
Glossary& Glossary::operator=(Glossary&&) noexcept = default;

const std::vector<Concept>& Glossary::all() const {
  complete();
  return concepts_;
}

void Glossary::add(Concept c) {
  auto [it, added] = by_id_.try_emplace(c.id, concepts_.size());
  if (!added) throw duplicate(c, concepts_[it->second]);
  concepts_.push_back(std::move(c));
}

Error Glossary::duplicate(const Concept& c, const Concept& first) {
  return Error(
      c.file, c.line,
      fmt::format("concept '{}' is already defined at {}:{}", c.id, first.file, first.line));
}

void Glossary::index_from(std::size_t first) {
  for (std::size_t i = first; i < concepts_.size(); ++i) {
    auto [it, added] = by_id_.try_emplace(concepts_[i].id, i);
    if (added) continue;
    // As add() would have left it: the concepts before the duplicate, and an error naming both.
    Error error = duplicate(concepts_[i], concepts_[it->second]);
    concepts_.resize(i);
    throw error;
  }
}

const Concept* Glossary::find(const std::string& id) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return nullptr;
  complete();
  return &concepts_[it->second];
}

std::string Glossary::source_key() const {
  return unsourced_ || sourced_ != concepts_.size() ? std::string() : sources_;
}

namespace {

namespace fs = std::filesystem;

// A cached folder lists every concept's head, then every concept's rest, so the heads read on
// their own.
void put_head(cache::Writer& w, std::uint32_t file_index, const Concept& c) {
  w.u32(file_index);
  w.u32(static_cast<std::uint32_t>(c.line));
  w.str(c.id);
  w.str(c.name);
  w.strings(c.broader);
  w.str(c.category);
  w.u32(c.risk ? 1 : 0);
}

void put_body(cache::Writer& w, const Concept& c) {
  w.str(c.definition);
  w.strings(c.synonyms);
  w.strings(c.abbreviations);
  w.strings(c.exact);
  w.strings(c.products);
  w.strings(c.related);
}

void read_body(cache::Reader& r, Concept& c) {
  c.definition = r.str();
  c.synonyms = r.strings();
  c.abbreviations = r.strings();
  c.exact = r.strings();
  c.products = r.strings();
  c.related = r.strings();
}

void skip_body(cache::Reader& r) {
  r.skip_str();
  for (int list = 0; list < 5; ++list) r.skip_strings();
}

// Appends the heads of a cached folder's concepts to `into` (as read from the files, in order)
// and returns where the rest of them starts in the payload, or leaves `into` as it was and
// returns nullopt when the entry does not describe exactly these files. Read in place: a
// glossary holds hundreds of concepts, read at every start.
std::optional<std::size_t> cached_heads(std::string_view payload,
                                        const std::vector<fs::path>& files,
                                        std::vector<Concept>& into) {
  cache::Reader r(payload);
  std::vector<std::string> names = r.strings();
  if (!r.ok() || names.size() != files.size()) return std::nullopt;
  std::vector<std::string> displays;
  const PathDisplay display;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (names[i] != files[i].filename().string()) return std::nullopt;
    displays.push_back(display(files[i]));
  }
  std::uint32_t count = r.u32();
  if (!r.ok() || count > payload.size()) return std::nullopt;
  const std::size_t first = into.size();
  into.reserve(first + count);
  for (std::uint32_t i = 0; i < count; ++i) {
    Concept& c = into.emplace_back();
    std::uint32_t file_index = r.u32();
    if (!r.ok() || file_index >= files.size()) break;
    c.file = displays[file_index];
    c.line = static_cast<int>(r.u32());
    c.id = r.str();
    c.name = r.str();
    c.broader = r.strings();
    c.category = r.str();
    c.risk = r.u32() != 0;
  }
  const std::size_t bodies_at = payload.size() - r.remaining();
  // The rest is only walked here, so an entry that would not decode later is a miss now.
  for (std::uint32_t i = 0; i < count && r.ok(); ++i) skip_body(r);
  if (!r.at_end()) {
    into.erase(into.begin() + static_cast<std::ptrdiff_t>(first), into.end());
    return std::nullopt;
  }
  return bodies_at;
}

}  // namespace

bool read_glossary_dir(const fs::path& dir, Glossary& into) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return false;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());

  bool was_sourced = !into.unsourced_ && into.sourced_ == into.concepts_.size();
  fs::path absolute = fs::absolute(dir, ec);
  std::string source = "glossary " + absolute.string() + '\n';
  bool keyed = !ec;
  for (const auto& file : files) {
    auto k = cache::file_key(file);
    if (!k) keyed = false;
    if (keyed) source += *k;
  }
  auto record_source = [&] {
    if (keyed && was_sourced) {
      into.sources_ += source;
      into.sourced_ = into.concepts_.size();
    } else {
      into.unsourced_ = true;
    }
  };
  std::string entry = keyed ? cache::name_for("glossary", absolute.string()) : std::string();
  std::string key = cache::engine_key() + source;
  if (keyed) {
    if (auto payload = cache::read(entry, key)) {
      const std::size_t first = into.concepts_.size();
      if (auto bodies_at = cached_heads(payload->payload(), files, into.concepts_)) {
        if (!into.deferred_) into.deferred_ = std::make_unique<Glossary::Deferred>();
        const std::size_t count = into.concepts_.size() - first;
        into.deferred_->parts.push_back({std::move(*payload), *bodies_at, first, count});
        into.deferred_->pending.store(true, std::memory_order_release);
        into.by_id_.reserve(into.concepts_.size());
        into.index_from(first);
        record_source();
        return true;
      }
    }
  }

  cache::Writer w;
  std::vector<std::string> names;
  for (const auto& file : files) names.push_back(file.filename().string());
  w.strings(names);
  cache::Writer heads, bodies;
  std::uint32_t count = 0;
  for (std::size_t fi = 0; fi < files.size(); ++fi) {
    const auto& file = files[fi];
    std::string display = display_path(file);
    toml::table table = parse_toml_file(file.string(), display);
    TomlFields top(table, display);
    const toml::array* list = top.optional_array("concept");
    top.reject_unknown();
    if (list == nullptr) continue;
    for (const auto& node : *list) {
      const toml::table* t = node.as_table();
      if (t == nullptr) top.fail("concept", "must be [[concept]] tables");
      TomlFields f(*t, display, "concept");
      Concept c;
      c.file = display;
      c.line = f.line_of("id");
      c.id = f.required_string("id");
      c.name = f.required_string("name");
      c.definition = f.required_string("definition");
      c.synonyms = f.string_list("synonyms");
      c.abbreviations = f.string_list("abbreviations");
      c.exact = f.string_list("exact");
      c.products = f.string_list("products");
      c.broader = f.string_list("broader");
      c.related = f.string_list("related");
      c.category = f.optional_string("category").value_or("");
      c.risk = f.optional_bool("risk").value_or(false);
      f.reject_unknown();
      if (keyed) {
        put_head(heads, static_cast<std::uint32_t>(fi), c);
        put_body(bodies, c);
      }
      ++count;
      into.add(std::move(c));
    }
  }
  record_source();
  // Only a folder read without a single error is cached, so a cached folder replays exactly
  // what reading it again would do.
  if (keyed) {
    w.u32(count);
    w.data() += heads.data();
    w.data() += bodies.data();
    cache::write(entry, key, w.data());
  }
  return false;
}

void Glossary::complete() const {
  if (!deferred_ || !deferred_->pending.load(std::memory_order_acquire)) return;
  std::lock_guard lock(deferred_->mutex);
  if (!deferred_->pending.load(std::memory_order_relaxed)) return;
  for (auto& part : deferred_->parts) {
    // Walked whole when the heads were read, so this decodes without a failure.
    cache::Reader r(part.entry.payload().substr(part.bodies_at));
    // A duplicate id may have cut the list short after the folder was read.
    const std::size_t end = std::min(part.first + part.count, concepts_.size());
    for (std::size_t i = part.first; i < end; ++i) read_body(r, concepts_[i]);
  }
  deferred_->parts.clear();
  deferred_->pending.store(false, std::memory_order_release);
}

}  // namespace sdi::pack
