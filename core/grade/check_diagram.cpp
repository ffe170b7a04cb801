// The high-level design as drawn: named components (through concepts) and the connections
// between them. Without a diagram, components and connections described in prose earn half.

#include <fmt/format.h>

#include <algorithm>

#include "grade/check_context.hpp"
#include "grade/diagram.hpp"

namespace sdi::grade {

namespace {

bool node_has(const DiagramNode& n, const std::vector<int>& ids) {
  for (int c : ids)
    if (std::find(n.concepts.begin(), n.concepts.end(), c) != n.concepts.end()) return true;
  return false;
}

std::vector<int> resolve(const std::vector<std::string>& ids, const ConceptIndex& index,
                         std::vector<std::string>& unknown) {
  std::vector<int> out;
  for (const auto& id : ids) {
    int c = index.find(id);
    if (c < 0)
      unknown.push_back(id);
    else
      out.push_back(c);
  }
  return out;
}

// A sentence (not a heading) that names concepts from both sides of a connection. Hits come in
// answer order, so each sentence's hits are one run.
int prose_connection(const Analysis& a, const std::vector<int>& from, const std::vector<int>& to,
                     const ConceptIndex& index) {
  for (std::size_t i = 0; i < a.hits.size();) {
    const int si = a.hits[i].sentence;
    bool f = false, t = false;
    for (; i < a.hits.size() && a.hits[i].sentence == si; ++i) {
      const ConceptHit& h = a.hits[i];
      if (h.negated || h.use == Use::Heading) continue;
      for (int c : index.implied(h.concept_idx)) {
        f = f || std::find(from.begin(), from.end(), c) != from.end();
        t = t || std::find(to.begin(), to.end(), c) != to.end();
      }
    }
    if (f && t && a.sentences[static_cast<std::size_t>(si)].glue >= 2) return si;
  }
  return -1;
}

}  // namespace

CheckResult run_diagram_check(const pack::Check& check, const CheckContext& ctx) {
  CheckResult r;
  Diagram d = read_diagram(ctx.doc, ctx.index);
  std::vector<std::string> unknown;
  double comp_score = 0, conn_score = 0;
  std::vector<std::string> missing;
  for (const auto& group : check.components) {
    std::vector<int> ids = resolve(group, ctx.index, unknown);
    const DiagramNode* node = nullptr;
    for (const auto& n : d.nodes)
      if (node_has(n, ids)) {
        node = &n;
        break;
      }
    if (node != nullptr) {
      comp_score += 1;
      r.evidence.push_back({node->line, node->label});
      continue;
    }
    int best = -1;
    for (int c : ids)
      if (ctx.analysis.best_hit[c] >= 0 &&
          (best < 0 || credit_for(ctx.analysis.hits[ctx.analysis.best_hit[c]].use) >
                           credit_for(ctx.analysis.hits[best].use)))
        best = ctx.analysis.best_hit[c];
    // Without a box for it, a component described in a sentence earns half; a list of names none.
    if (best >= 0 && ctx.analysis.hits[best].use >= Use::Used) {
      comp_score += 0.5;
      r.evidence.push_back(evidence_for_hit(ctx.analysis, ctx.analysis.hits[best]));
    } else if (!ids.empty()) {
      missing.push_back(concept_label(ctx.index, ids.front()));
    }
  }
  std::vector<std::string> missing_links;
  for (const auto& conn : check.connections) {
    std::vector<int> from = resolve(conn.from, ctx.index, unknown);
    std::vector<int> to = resolve(conn.to, ctx.index, unknown);
    bool drawn = false;
    for (const auto& [a, b] : d.edges) {
      const DiagramNode& na = d.nodes[a];
      const DiagramNode& nb = d.nodes[b];
      if ((node_has(na, from) && node_has(nb, to)) || (node_has(na, to) && node_has(nb, from))) {
        drawn = true;
        r.evidence.push_back({na.line, na.label + " -> " + nb.label});
        break;
      }
    }
    if (drawn) {
      conn_score += 1;
      continue;
    }
    int s = prose_connection(ctx.analysis, from, to, ctx.index);
    if (s >= 0) {
      conn_score += 0.5;
      r.evidence.push_back({ctx.analysis.sentence_line(s), ctx.analysis.sentence_text(s)});
    } else {
      std::string text = conn.text;
      if (text.empty() && !from.empty() && !to.empty())
        text =
            concept_label(ctx.index, from.front()) + " -> " + concept_label(ctx.index, to.front());
      missing_links.push_back(text);
    }
  }
  if (!unknown.empty()) {
    r.status = Status::Error;
    r.feedback =
        fmt::format("{}:{}: check '{}' names concepts missing from the glossary: {}",
                    check.where.file, check.where.line, check.id, fmt::join(unknown, ", "));
    return r;
  }
  double parts = 0, score = 0;
  if (!check.components.empty()) {
    parts += 1;
    score += comp_score / static_cast<double>(check.components.size());
  }
  if (!check.connections.empty()) {
    parts += 1;
    score += conn_score / static_cast<double>(check.connections.size());
  }
  set_score(r, parts > 0 ? score / parts : 0);
  std::sort(r.evidence.begin(), r.evidence.end(),
            [](const Evidence& a, const Evidence& b) { return a.line < b.line; });
  std::vector<std::string> parts_text;
  parts_text.push_back(d.empty() ? "No diagram found (a Mermaid flowchart or arrow lines like "
                                   "\"Client -> LB -> App -> DB\")."
                                 : fmt::format("Diagram read: {} boxes, {} connections.",
                                               d.nodes.size(), d.edges.size()));
  if (!missing.empty())
    parts_text.push_back(fmt::format("Missing boxes: {}.", fmt::join(missing, ", ")));
  if (!missing_links.empty())
    parts_text.push_back(fmt::format("Missing connections: {}.", fmt::join(missing_links, "; ")));
  r.feedback = fmt::format("{}", fmt::join(parts_text, " "));
  if (r.status == Status::Pass && !check.praise.empty()) r.feedback += " " + check.praise;
  if (r.status != Status::Pass) r.suggestion = check.feedback;
  return r;
}

}  // namespace sdi::grade
