#pragma once
// Reads the high-level design as a graph: Mermaid flowchart/graph blocks, and arrow lines such
// as "Client -> LB -> App servers -> Cache -> DB" anywhere in the answer.

#include <string>
#include <string_view>
#include <vector>

#include "grade/concept_index.hpp"
#include "text/document.hpp"

namespace sdi::grade {

struct DiagramNode {
  std::string label;
  int line = 0;
  std::vector<int> concepts;  // every concept the label names, with what they imply
};

struct Diagram {
  std::vector<DiagramNode> nodes;
  std::vector<std::pair<int, int>> edges;  // node indices, as drawn
  bool empty() const { return nodes.empty(); }
};

Diagram read_diagram(const text::Document& doc, const ConceptIndex& index);

// Parses one Mermaid flowchart; `first_line` is the file line of the block's first line.
void read_mermaid(std::string_view code, int first_line, const ConceptIndex& index, Diagram& into);
// Parses one line with arrows; returns false when the line has no arrow chain.
bool read_arrow_line(std::string_view line, int line_no, const ConceptIndex& index, Diagram& into);

}  // namespace sdi::grade
