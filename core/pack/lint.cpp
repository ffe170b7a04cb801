#include "pack/lint.hpp"

#include <fmt/format.h>

#include <cctype>
#include <filesystem>
#include <map>
#include <set>

#include "lua/error.hpp"
#include "pack/error.hpp"
#include "pack/loaded_pack.hpp"
#include "pack/paths.hpp"
#include "quantity/quantity.hpp"

namespace sdi::pack {

namespace {

namespace q = sdi::quantity;

class Linter {
 public:
  Linter(const Library& library, std::vector<Finding>& out) : library_(library), out_(out) {}

  void error(const Where& w, std::string message) {
    out_.push_back({Finding::Severity::Error, location(w), std::move(message)});
  }
  void warning(const Where& w, std::string message) {
    out_.push_back({Finding::Severity::Warning, location(w), std::move(message)});
  }
  static std::string location(const Where& w) {
    return w.line > 0 ? fmt::format("{}:{}", w.file, w.line) : w.file;
  }

  void manifest(const Manifest& m) {
    Where w{m.file, 0};
    if (library_.find_template(m.template_id) == nullptr) {
      std::string known;
      for (const auto& t : library_.templates()) known += (known.empty() ? "" : ", ") + t.id;
      error(w, fmt::format("template '{}' is not a known template ({})", m.template_id, known));
    }
    if (m.samples.empty())
      warning(w, "declares no [[sample]] answers; `sdi pack test` has nothing to check");
    for (const auto& s : m.samples) {
      std::error_code ec;
      if (!std::filesystem::is_regular_file(m.dir / s.file, ec))
        error({m.file, s.line}, fmt::format("sample '{}' does not exist", s.file));
    }
  }

  void content(const LoadedPack& p) {
    const Content& c = p.content();
    std::set<std::string> concept_ids;
    for (const auto& k : library_.glossary().all()) concept_ids.insert(k.id);
    for (const auto& k : c.concepts) concept_ids.insert(k.id);

    unique(c.questions, "question");
    unique(c.assumptions, "assumption");
    unique(c.estimates, "estimate");
    unique(c.checks, "check");

    for (const auto& qn : c.questions)
      if (qn.phrasings.empty())
        warning(
            qn.where,
            fmt::format("question '{}' has no phrasings; only its exact text will match", qn.id));

    std::map<std::string, q::Quantity> defaults;
    for (const auto& a : c.assumptions) {
      q::Result d = q::parse(a.default_value);
      if (!d.ok()) {
        error(a.where, fmt::format("assumption '{}': default '{}' is not a quantity: {}", a.id,
                                   a.default_value, d.error->message));
        continue;
      }
      defaults[a.id] = d.value;
      q::Expect expect = d.value.unit.bytes != 0 ? q::Expect::Bytes : q::Expect::Count;
      for (const auto* bound : {&a.low, &a.high}) {
        if (bound->empty()) continue;
        q::Result b = q::parse(*bound, expect);
        if (!b.ok()) {
          error(a.where, fmt::format("assumption '{}': range bound '{}' is not a quantity: {}",
                                     a.id, *bound, b.error->message));
        } else if (!q::same_dimension(b.value.unit, d.value.unit)) {
          error(a.where,
                fmt::format("assumption '{}': range bound '{}' is in {} but the default is in {}",
                            a.id, *bound, q::dimension_name(b.value.unit),
                            q::dimension_name(d.value.unit)));
        }
      }
      if (a.low.empty())
        warning(a.where, fmt::format("assumption '{}' has no plausible range", a.id));
    }
    std::set<std::string> checked_estimates;
    for (const auto& ch : c.checks)
      if (ch.kind == CheckKind::Estimate) checked_estimates.insert(ch.estimate);
    for (const auto& e : c.estimates) {
      q::Result r = q::evaluate(e.formula, [&](std::string_view id) -> std::optional<q::Quantity> {
        auto it = defaults.find(std::string(id));
        if (it == defaults.end()) return std::nullopt;
        return it->second;
      });
      if (!r.ok()) {
        error(e.where, fmt::format("estimate '{}': formula '{}' fails: {}", e.id, e.formula,
                                   r.error->message));
        continue;
      }
      if (!e.unit.empty() && !q::convert(r.value, e.unit).ok())
        error(e.where,
              fmt::format(
                  "estimate '{}': its formula gives {} but unit '{}' is not convertible from it",
                  e.id, q::dimension_name(r.value.unit), e.unit));
      if (!checked_estimates.count(e.id))
        warning(e.where, fmt::format("estimate '{}' is not graded by any estimate check", e.id));
    }

    std::set<std::string> estimate_ids;
    for (const auto& e : c.estimates) estimate_ids.insert(e.id);
    std::set<std::string> facets_with_checks;
    if (const Template* t = library_.find_template(p.manifest().template_id))
      for (const auto* ch : p.checks_for(*t)) facets_with_checks.insert(ch->facet);
    for (const auto& ch : c.checks) {
      facets_with_checks.insert(ch.facet);
      for (const auto& t : library_.templates())
        if (t.step_for_facet(ch.facet) < 0)
          error(ch.where, fmt::format("check '{}': facet '{}' has no step in template '{}'", ch.id,
                                      ch.facet, t.id));
      auto need = [&](const std::vector<std::string>& ids) {
        for (const auto& id : ids)
          if (!concept_ids.count(id))
            error(ch.where,
                  fmt::format("check '{}': concept '{}' is not in the glossary; declare it with "
                              "sdi.concept or use an id from plugins/concepts",
                              ch.id, id));
      };
      for (const auto& g : ch.concepts) need(g);
      for (const auto& g : ch.components) need(g);
      for (const auto& conn : ch.connections) {
        need(conn.from);
        need(conn.to);
      }
      if (ch.kind == CheckKind::Estimate && !estimate_ids.count(ch.estimate))
        error(ch.where,
              fmt::format("check '{}': estimate '{}' is not declared", ch.id, ch.estimate));
      if (ch.kind == CheckKind::Questions && c.questions.empty())
        error(ch.where,
              fmt::format("check '{}': a questions check needs sdi.question entries", ch.id));
    }
    for (const auto& k : c.concepts) {
      for (const auto& b : k.broader)
        if (!concept_ids.count(b))
          error({k.file, k.line},
                fmt::format("concept '{}': broader concept '{}' does not exist", k.id, b));
    }
    Where pack_file{display_path(p.manifest().dir / "pack.lua"), 0};
    for (auto facet : {"clarify", "requirements", "estimation", "api", "data_model", "high_level",
                       "deep_dive", "bottlenecks", "justify"})
      if (!facets_with_checks.count(facet))
        warning(pack_file, fmt::format("no check covers the facet '{}'", facet));
    std::set<std::string> hinted;
    for (const auto& h : c.hints) hinted.insert(h.facet);
    if (hinted.empty())
      warning(pack_file, "declares no sdi.hint; the REPL's :hint has nothing to offer");
  }

 private:
  template <class T>
  void unique(const std::vector<T>& items, const char* what) {
    std::map<std::string, const T*> seen;
    for (const auto& item : items) {
      auto [it, inserted] = seen.emplace(item.id, &item);
      if (!inserted)
        error(item.where, fmt::format("{} id '{}' is already used at line {}", what, item.id,
                                      it->second->where.line));
    }
  }

  const Library& library_;
  std::vector<Finding>& out_;
};

}  // namespace

std::string Finding::text() const {
  const char* kind = severity == Severity::Error ? "error" : "warning";
  return where.empty() ? fmt::format("{}: {}", kind, message)
                       : fmt::format("{}: {}: {}", where, kind, message);
}

namespace {

// Splits "file:12: message" (a Lua error) into its location and message.
Finding from_located(const std::string& text) {
  for (std::size_t i = text.find(':'); i != std::string::npos; i = text.find(':', i + 1)) {
    std::size_t j = i + 1;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
    if (j > i + 1 && text.compare(j, 2, ": ") == 0)
      return {Finding::Severity::Error, text.substr(0, j), text.substr(j + 2)};
  }
  return {Finding::Severity::Error, "", text};
}

}  // namespace

std::vector<Finding> lint_pack(const Library& library, const std::filesystem::path& dir) {
  std::vector<Finding> out;
  Linter linter(library, out);
  Manifest m;
  try {
    m = read_manifest(dir);
  } catch (const Error& e) {
    out.push_back({Finding::Severity::Error,
                   e.line() > 0 ? fmt::format("{}:{}", e.file(), e.line()) : e.file(),
                   e.message()});
    return out;
  }
  linter.manifest(m);
  try {
    LoadedPack loaded(library, m);
    linter.content(loaded);
  } catch (const Error& e) {
    out.push_back(from_located(e.what()));
  } catch (const lua::Error& e) {
    out.push_back(from_located(e.what()));
  }
  return out;
}

}  // namespace sdi::pack
