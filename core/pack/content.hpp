#pragma once
// What pack.lua (and plugins/checks/*.lua) declare through the `sdi` Lua API.

#include <optional>
#include <string>
#include <vector>

#include "pack/glossary.hpp"

namespace sdi::pack {

struct Where {
  std::string file;
  int line = 0;
};

struct Question {
  std::string id;
  std::string text;                    // the question as a candidate would ask it
  std::vector<std::string> phrasings;  // other ways to ask it (matched on stems)
  std::string answer;                  // the interviewer's reply
  Where where;
};

struct Assumption {
  std::string id;
  std::string title;
  std::string default_value;  // quantity text, e.g. "200M users"
  std::string low, high;      // plausible range, quantity text (may be empty)
  std::vector<std::string> names;
  Where where;
};

struct Estimate {
  std::string id;
  std::string title;
  std::string
      formula;  // a quantity expression over assumption ids, e.g. "dau * tweets_per_user / day"
  std::string unit;  // how to show it, e.g. "/s", "TB"
  std::vector<std::string> names;
  Where where;
};

enum class CheckKind { Concepts, Estimate, Diagram, Questions, Custom };

struct Connection {
  std::vector<std::string> from;  // alternatives: concept ids
  std::vector<std::string> to;
  std::string
      text;  // how to say it in feedback, e.g. "a cache between the app tier and the database"
};

struct Check {
  std::string id;
  std::string title;
  std::string facet;
  CheckKind kind = CheckKind::Concepts;
  double weight = 1;
  std::string feedback;  // what to say when it is missed: what, why, what a strong answer says
  std::string praise;    // optional: what to say when it passes
  // concepts: groups of alternatives; `need` groups must be hit (0 = all)
  std::vector<std::vector<std::string>> concepts;
  int need = 0;
  // estimate
  std::string estimate;
  // diagram
  std::vector<std::vector<std::string>> components;
  std::vector<Connection> connections;
  // questions: how many of the pack's questions earn full credit (0 = a third of them, at least 3)
  int questions_for_full = 0;
  // custom: a Lua function kept in the pack's registry
  int lua_ref = -2;      // LUA_NOREF
  bool generic = false;  // from plugins/checks: applies when a template lists it
  Where where;
};

struct Hint {
  std::string facet;
  std::vector<std::string> levels;  // gentle first, specific last
  Where where;
};

struct Content {
  std::vector<Question> questions;
  std::vector<Assumption> assumptions;
  std::vector<Estimate> estimates;
  std::vector<Check> checks;          // the pack's own checks
  std::vector<Check> generic_checks;  // the library templates pick from
  std::vector<Hint> hints;
  std::vector<Concept> concepts;  // concepts the pack adds to the glossary
  std::string cache_rule;         // which reading of the 80/20 rule the pack uses
};

const char* kind_name(CheckKind k);

}  // namespace sdi::pack
