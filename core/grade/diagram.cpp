#include "grade/diagram.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <string_view>

#include "text/byte_scan.hpp"

namespace sdi::grade {

namespace {

// The text without the spaces (std::isspace) at its ends.
std::string_view trimmed(std::string_view s) {
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// Calls `visit` with each piece std::getline reads from `text` split at `delim`: none from an
// empty text, and no empty piece after a final delimiter. Without a stream, which costs more to
// set up than most lines take to read, and without a list of the pieces.
template <typename Visit>
void for_each_piece(std::string_view text, char delim, Visit visit) {
  for (std::size_t from = 0; from < text.size();) {
    std::size_t end = text.find(delim, from);
    if (end == std::string_view::npos) end = text.size();
    visit(text.substr(from, end - from));
    from = end + 1;
  }
}

// Every concept `label` names, with what they imply.
std::vector<int> concepts_of(std::string_view label, const ConceptIndex& index) {
  // Kept for their memory: a diagram has many boxes.
  thread_local std::vector<ConceptIndex::Match> matches;
  index.scan(match_tokens(label), matches);
  std::vector<int> out;
  for (const auto& m : matches)
    for (int c : index.implied(m.concept_idx))
      if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  return out;
}

// The concepts of a box drawn with both a label and a key: "label key", read as one text.
std::vector<int> concepts_of(std::string_view label, std::string_view key,
                             const ConceptIndex& index) {
  thread_local std::string both;
  both.assign(label);
  both += ' ';
  both += key;
  return concepts_of(both, index);
}

// The node `existing` (-1 for a new one) named by `key` and `label`, returning its index.
int add_node(Diagram& d, int existing, std::string_view key, std::string_view label, int line,
             const ConceptIndex& index) {
  if (existing >= 0) {
    DiagramNode& n = d.nodes[static_cast<std::size_t>(existing)];
    if (!label.empty() && n.label == key) {
      n.label = label;
      n.concepts = concepts_of(label, key, index);
    }
    return existing;
  }
  DiagramNode n;
  n.label = label.empty() ? key : label;
  n.line = line;
  n.concepts = label.empty() ? concepts_of(key, index) : concepts_of(label, key, index);
  d.nodes.push_back(std::move(n));
  return static_cast<int>(d.nodes.size() - 1);
}

// The last node labelled `label`, or -1: arrow lines name their boxes by label.
int node_labelled(const Diagram& d, std::string_view label) {
  for (std::size_t i = d.nodes.size(); i-- > 0;)
    if (d.nodes[i].label == label) return static_cast<int>(i);
  return -1;
}

void add_edge(Diagram& d, int a, int b) {
  if (a == b) return;
  for (const auto& e : d.edges)
    if (e.first == a && e.second == b) return;
  d.edges.push_back({a, b});
}

// Splits "A[Label] -->|text| B(Label) --- C" into node texts, dropping edge labels. Each node
// text is the part of the line from the end of one arrow to the start of the next.
std::vector<std::string_view> split_mermaid_chain(std::string_view line) {
  std::vector<std::string_view> parts;
  std::size_t from = 0;
  int depth = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '[' || c == '(' || c == '{') ++depth;
    if ((c == ']' || c == ')' || c == '}') && depth > 0) --depth;
    if (depth == 0 && (c == '-' || c == '=' || c == '.') && i + 1 < line.size() &&
        (line[i + 1] == '-' || line[i + 1] == '>' || line[i + 1] == '.' || line[i + 1] == '=')) {
      std::size_t j = i;
      while (j < line.size() &&
             (line[j] == '-' || line[j] == '=' || line[j] == '.' || line[j] == '>' ||
              line[j] == 'o' || line[j] == 'x') &&
             !(std::isalpha(static_cast<unsigned char>(line[j])) && j + 1 < line.size() &&
               std::isalnum(static_cast<unsigned char>(line[j + 1]))))
        ++j;
      if (j < line.size() && line[j] == '|') {  // edge label
        std::size_t close = line.find('|', j + 1);
        j = close == std::string_view::npos ? line.size() : close + 1;
      }
      parts.push_back(line.substr(from, i - from));
      from = j;
      i = j - 1;
      continue;
    }
    // "A -- text --> B": text between the two arrow halves is an edge label.
  }
  parts.push_back(line.substr(std::min(from, line.size())));
  return parts;
}

// "A[Label]" -> key "A", label "Label"; "A" -> key "A".
std::pair<std::string_view, std::string_view> mermaid_node(std::string_view text) {
  const std::string_view t = trimmed(text);
  std::size_t open = t.find_first_of("[({>");
  if (open == std::string_view::npos) return {t, {}};
  const std::string_view key = trimmed(t.substr(0, open));
  std::string_view label = t.substr(open);
  constexpr std::string_view kOpeners = "[({>/\\", kClosers = "])}/\\";
  while (!label.empty() && kOpeners.find(label.front()) != std::string_view::npos)
    label.remove_prefix(1);
  while (!label.empty() && kClosers.find(label.back()) != std::string_view::npos)
    label.remove_suffix(1);
  if (label.size() >= 2 && label.front() == '"' && label.back() == '"')
    label = label.substr(1, label.size() - 2);
  return {key, trimmed(label)};
}

}  // namespace

void read_mermaid(std::string_view code, int first_line, const ConceptIndex& index, Diagram& into) {
  std::map<std::string, int, std::less<>> by_key;
  int line_no = first_line - 1;
  std::vector<std::vector<int>> groups;
  for_each_piece(code, '\n', [&](std::string_view line) {
    ++line_no;
    const std::string_view t = trimmed(line);
    if (t.empty() || t.starts_with("%%") || t.starts_with("graph") || t.starts_with("flowchart") ||
        t.starts_with("subgraph") || t == "end" || t.starts_with("style") ||
        t.starts_with("classDef") || t.starts_with("class ") || t.starts_with("direction"))
      return;
    groups.clear();
    for (const std::string_view part : split_mermaid_chain(t)) {
      std::vector<int> group;
      for_each_piece(part, '&', [&](std::string_view piece) {
        const auto [key, label] = mermaid_node(piece);
        if (key.empty() && label.empty()) return;
        const std::string_view name = key.empty() ? label : key;
        const auto known = by_key.find(name);
        const int node =
            add_node(into, known == by_key.end() ? -1 : known->second, name, label, line_no, index);
        if (known == by_key.end()) by_key.emplace(name, node);
        group.push_back(node);
      });
      if (!group.empty()) groups.push_back(std::move(group));
    }
    for (std::size_t i = 0; i + 1 < groups.size(); ++i)
      for (int a : groups[i])
        for (int b : groups[i + 1]) add_edge(into, a, b);
  });
}

bool read_arrow_line(std::string_view line, int line_no, const ConceptIndex& index, Diagram& into) {
  // Every arrow starts with one of these bytes; most lines have none.
  if (line.find_first_of("<-=\xE2") == std::string_view::npos) return false;
  // Normalise the arrow spellings to one separator.
  static constexpr std::string_view kArrows[] = {
      "<-->",         "<->",          "-->",          "->",  "==>", "=>",
      "\xE2\x86\x92", "\xE2\x86\x94", "\xE2\x9F\xB6", "<--", "<-",  "\xE2\x86\x90"};
  const std::string_view view = line;
  std::string s;
  s.reserve(line.size());
  bool any = false;
  for (std::size_t i = 0; i < view.size();) {
    // The bytes up to the next one an arrow can start with go over as they are.
    const std::size_t next = text::find_byte<'<', '-', '=', '\xE2'>(view, i);
    s.append(view, i, next - i);
    i = next;
    if (i == view.size()) break;
    const std::string_view rest = view.substr(i);
    bool matched = false;
    for (const std::string_view a : kArrows) {
      if (rest.starts_with(a)) {
        s += '\x1F';
        i += a.size();
        any = matched = true;
        break;
      }
    }
    if (!matched) s += view[i++];
  }
  if (!any) return false;
  std::vector<std::string_view> parts;  // views into `s`
  for_each_piece(s, '\x1F', [&](std::string_view part) { parts.push_back(trimmed(part)); });
  if (parts.size() < 2) return false;
  std::vector<std::vector<int>> groups;
  for (const std::string_view p : parts) {
    std::vector<int> group;
    // "App servers / Cache" or "(A, B)" fan out to several boxes.
    for_each_piece(p, ',', [&](std::string_view piece) {
      std::string_view label = trimmed(piece);
      constexpr std::string_view kLeading = "[](){}*`", kTrailing = "[](){}*`.:";
      while (!label.empty() && kLeading.find(label.front()) != std::string_view::npos)
        label.remove_prefix(1);
      while (!label.empty() && kTrailing.find(label.back()) != std::string_view::npos)
        label.remove_suffix(1);
      label = trimmed(label);
      if (label.empty() || label.size() > 60) return;
      // A box named before is that box, its concepts read from this same label already.
      const int known = node_labelled(into, label);
      group.push_back(known >= 0 ? known : add_node(into, -1, label, label, line_no, index));
    });
    groups.push_back(std::move(group));
  }
  for (std::size_t i = 0; i + 1 < groups.size(); ++i)
    for (int a : groups[i])
      for (int b : groups[i + 1]) add_edge(into, a, b);
  return true;
}

namespace {

bool is_mermaid(const text::Block& b) {
  if (b.kind != text::BlockKind::Code) return false;
  const std::string_view text = b.text;
  const std::string_view first = trimmed(text.substr(0, text.find('\n')));
  return b.info == "mermaid" || first.starts_with("graph") || first.starts_with("flowchart");
}

// Whether the text holds one of the arrows read_arrow_line reads: each contains "->", "=>",
// "<-" or one of the arrow characters. Most lines of an answer hold none, and need no more look.
bool has_arrow(std::string_view text) {
  for (std::size_t i = 0;; ++i) {
    i = text::find_byte<'<', '-', '=', '\xE2'>(text, i);
    if (i + 1 >= text.size()) return false;
    const char c = text[i], next = text[i + 1];
    if ((c == '-' || c == '=') && next == '>') return true;
    if (c == '<' && next == '-') return true;
    if (c == '\xE2' && i + 2 < text.size()) {
      const std::string_view three = text.substr(i, 3);
      if (three == "\xE2\x86\x92" || three == "\xE2\x86\x94" || three == "\xE2\x9F\xB6" ||
          three == "\xE2\x86\x90")
        return true;
    }
  }
}

// Arrow lines that are not a design: API signatures ("post(url) -> key"), table cells, prose
// that merely mentions a flow in passing.
bool arrow_candidate(std::string_view line) {
  if (line.find('(') != std::string_view::npos || line.find('|') != std::string_view::npos)
    return false;
  int words = 0;
  bool in_word = false;
  for (char c : line) {
    bool w = std::isalnum(static_cast<unsigned char>(c)) != 0;
    if (w && !in_word) ++words;
    in_word = w;
  }
  return words <= 24;
}

}  // namespace

Diagram read_diagram(const text::Document& doc, const ConceptIndex& index) {
  Diagram d;
  // A drawn diagram is the design; arrow lines elsewhere are then notes, not boxes.
  bool drawn = false;
  for (const auto& b : doc.blocks) {
    if (!is_mermaid(b)) continue;
    read_mermaid(b.text, b.line, index, d);
    drawn = true;
  }
  if (drawn) return d;
  for (const auto& b : doc.blocks) {
    if (b.kind == text::BlockKind::Heading || b.kind == text::BlockKind::TableRow) continue;
    if (!has_arrow(b.text)) continue;
    const std::string_view text = b.text;
    int n = b.line;
    for (std::size_t from = 0; from < text.size(); ++n) {
      std::size_t end = text.find('\n', from);
      if (end == std::string_view::npos) end = text.size();
      const std::string_view view = text.substr(from, end - from);
      if (has_arrow(view) && arrow_candidate(view))
        read_arrow_line(view, b.kind == text::BlockKind::Code ? n : b.line, index, d);
      from = end + 1;
    }
  }
  return d;
}

}  // namespace sdi::grade
