#include "grade/answer_lua.hpp"

#include <lauxlib.h>

#include <algorithm>
#include <cctype>
#include <new>

#include "grade/answer_reading.hpp"
#include "grade/estimates.hpp"
#include "grade/questions.hpp"
#include "grade/reading.hpp"
#include "text/document.hpp"

namespace sdi::grade {

namespace {

// The registry keys under which the context of the answer being graded lives, and the Lua
// strings of its blocks' texts (each made once, on first use, and shared by every table that
// shows the block).
const char kContextKey = 0;
const char kTextsKey = 0;
// The answer table of the answer being graded, and the metatable all answer tables share.
const char kAnswerKey = 0;
const char kAnswerMetaKey = 0;
// The box natives read the answer being graded from.
const char kBoxKey = 0;

struct AnswerBox {
  const CheckContext* ctx = nullptr;
};

// The state's box, or nullptr before push_answer_box made it.
AnswerBox* answer_box(lua_State* L) {
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kBoxKey);
  auto* box = static_cast<AnswerBox*>(lua_touserdata(L, -1));
  lua_pop(L, 1);
  return box;
}

const CheckContext& current(lua_State* L) {
  return current_answer(L);
}

void set_field(lua_State* L, const char* key, const std::string& value) {
  lua_pushlstring(L, value.data(), value.size());
  lua_setfield(L, -2, key);
}

void set_field(lua_State* L, const char* key, lua_Integer value) {
  lua_pushinteger(L, value);
  lua_setfield(L, -2, key);
}

void push_hit(lua_State* L, const Analysis& a, const ConceptHit& h) {
  lua_createtable(L, 0, 5);
  lua_pushboolean(L, a.sentences[h.sentence].question);
  lua_setfield(L, -2, "question");
  set_field(L, "use", std::string(use_name(h.use)));
  set_field(L, "line", static_cast<lua_Integer>(h.line));
  set_field(L, "text", a.sentence_text(h.sentence));
  lua_pushboolean(L, h.negated);
  lua_setfield(L, -2, "negated");
}

// answer.concept(id) -> { use, line, text, negated } | nil
int answer_concept(lua_State* L) {
  const CheckContext& ctx = current(L);
  const char* id = luaL_checkstring(L, 1);
  int c = ctx.index.find(id);
  if (c < 0) return luaL_error(L, "concept '%s' is not in the glossary", id);
  int h = ctx.analysis.best_hit[c];
  if (h < 0) h = ctx.analysis.negated_hit[c];
  if (h < 0) return 0;
  push_hit(L, ctx.analysis, ctx.analysis.hits[h]);
  return 1;
}

// answer.concepts(id) -> every mention of the concept (or a narrower one), in answer order
int answer_concepts(lua_State* L) {
  const CheckContext& ctx = current(L);
  const char* id = luaL_checkstring(L, 1);
  int c = ctx.index.find(id);
  if (c < 0) return luaL_error(L, "concept '%s' is not in the glossary", id);
  lua_newtable(L);
  lua_Integer n = 0;
  for (const auto& h : ctx.analysis.hits) {
    const auto& implied = ctx.index.implied(h.concept_idx);
    if (std::find(implied.begin(), implied.end(), c) == implied.end()) continue;
    push_hit(L, ctx.analysis, h);
    lua_rawseti(L, -2, ++n);
  }
  return 1;
}

// answer.find(text) -> list of { line, text, kind, prose } for blocks containing the text
// (case-insensitive); answer.said(text) keeps only the blocks written as sentences.
int find_blocks(lua_State* L, bool prose_only) {
  const CheckContext& ctx = current(L);
  std::size_t size = 0;
  const char* raw = luaL_checklstring(L, 1, &size);
  std::string needle = reading::lower(std::string_view(raw, size));
  const auto hits = ctx.reading->find(needle, prose_only);
  lua_createtable(L, static_cast<int>(hits.size()), 0);
  lua_Integer n = 0;
  for (const auto& h : hits) {
    push_block_hit(L, ctx, h.block, h.line);
    lua_rawseti(L, -2, ++n);
  }
  return 1;
}

int answer_find(lua_State* L) {
  return find_blocks(L, false);
}
int answer_said(lua_State* L) {
  return find_blocks(L, true);
}

// answer.estimate(id) -> { stated, expected, ratio, credit, line, derivation } | nil
int answer_estimate(lua_State* L) {
  const CheckContext& ctx = current(L);
  std::string id = luaL_checkstring(L, 1);
  for (const auto& e : ctx.estimates.results) {
    if (e.id != id) continue;
    lua_createtable(L, 0, 6);
    set_field(L, "stated", e.stated);
    set_field(L, "expected", e.expected);
    set_field(L, "derivation", e.derivation);
    lua_pushnumber(L, e.ratio);
    lua_setfield(L, -2, "ratio");
    lua_pushnumber(L, e.credit);
    lua_setfield(L, -2, "credit");
    set_field(L, "line", static_cast<lua_Integer>(e.line));
    return 1;
  }
  return luaL_error(L, "the pack declares no estimate '%s'", id.c_str());
}

// A block's text as a Lua string, made on first use: most blocks never reach a check.
void push_block_text(lua_State* L, const CheckContext& ctx, std::size_t block) {
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kTextsKey);
  if (lua_rawgeti(L, -1, static_cast<lua_Integer>(block + 1)) == LUA_TNIL) {
    lua_pop(L, 1);
    const std::string& text = ctx.doc.blocks[block].text;
    lua_pushlstring(L, text.data(), text.size());
    lua_pushvalue(L, -1);
    lua_rawseti(L, -3, static_cast<lua_Integer>(block + 1));
  }
  lua_remove(L, -2);
}

// The texts of blocks first..last joined by newlines (a single block's shared string).
void push_run_text(lua_State* L, const CheckContext& ctx, int first, int last) {
  if (first == last) {
    push_block_text(L, ctx, static_cast<std::size_t>(first));
    return;
  }
  luaL_Buffer text;
  luaL_buffinit(L, &text);
  for (int i = first; i <= last; ++i) {
    if (i > first) luaL_addchar(&text, '\n');
    const std::string& t = ctx.doc.blocks[static_cast<std::size_t>(i)].text;
    luaL_addlstring(&text, t.data(), t.size());
  }
  luaL_pushresult(&text);
}

// The answer's bulky fields, made on a check's first read of them: most checks only search
// (answer.said, sdi.helpers), and building every block and section table for every answer cost
// more than the searches.
void push_answer_text(lua_State* L, const CheckContext& ctx) {
  const text::Document& doc = ctx.doc;
  std::size_t body = doc.body_line >= 1 && doc.body_line <= doc.line_count()
                         ? doc.line_offsets[doc.body_line - 1]
                         : 0;
  lua_pushlstring(L, doc.source.data() + body, doc.source.size() - body);
}

void push_sections(lua_State* L, const CheckContext& ctx) {
  const text::Document& doc = ctx.doc;
  const Analysis& a = ctx.analysis;
  lua_createtable(L, static_cast<int>(doc.sections.size()), 0);
  for (std::size_t i = 0; i < doc.sections.size(); ++i) {
    const auto& s = doc.sections[i];
    lua_createtable(L, 0, 5);
    set_field(L, "title", s.title);
    set_field(L, "level", static_cast<lua_Integer>(s.level));
    set_field(L, "line", static_cast<lua_Integer>(s.line));
    int step = a.section_step[i];
    if (step >= 0) {
      set_field(L, "step", ctx.tpl.steps[step].id);
      lua_createtable(L, 0, 0);
      lua_Integer k = 0;
      for (const auto& f : ctx.tpl.steps[step].facets) {
        lua_pushlstring(L, f.data(), f.size());
        lua_rawseti(L, -2, ++k);
      }
      lua_setfield(L, -2, "facets");
    }
    luaL_Buffer text;
    luaL_buffinit(L, &text);
    for (std::size_t b = s.first_block; b < s.end_block && b < doc.blocks.size(); ++b) {
      if (doc.blocks[b].kind == text::BlockKind::Heading) continue;
      luaL_addlstring(&text, doc.blocks[b].text.data(), doc.blocks[b].text.size());
      luaL_addchar(&text, '\n');
    }
    luaL_pushresult(&text);
    lua_setfield(L, -2, "text");
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
}

void push_blocks(lua_State* L, const CheckContext& ctx) {
  const text::Document& doc = ctx.doc;
  lua_createtable(L, static_cast<int>(doc.blocks.size()), 0);
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    push_answer_block(L, ctx, static_cast<int>(i), static_cast<int>(i));
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
}

// The candidate's question `i` as an `answer.questions` entry.
void push_question(lua_State* L, const CheckContext& ctx, std::size_t i) {
  const auto& q = ctx.questions.asked[i];
  lua_createtable(L, 0, 3);
  set_field(L, "text", q.text);
  set_field(L, "line", static_cast<lua_Integer>(q.line));
  if (q.matched >= 0) set_field(L, "matches", ctx.pack.content().questions[q.matched].id);
}

void push_questions(lua_State* L, const CheckContext& ctx) {
  lua_createtable(L, static_cast<int>(ctx.questions.asked.size()), 0);
  for (std::size_t i = 0; i < ctx.questions.asked.size(); ++i) {
    push_question(L, ctx, i);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
}

// The pack question ids in the list at `idx` (read as ipairs would); other values name none.
std::vector<std::string> question_ids(lua_State* L, int idx) {
  luaL_checktype(L, idx, LUA_TTABLE);
  std::vector<std::string> ids;
  for (lua_Integer i = 1;; ++i) {
    const int type = lua_geti(L, idx, i);
    if (type == LUA_TNIL) {
      lua_pop(L, 1);
      break;
    }
    if (type == LUA_TSTRING) {
      std::size_t size = 0;
      const char* s = lua_tolstring(L, -1, &size);
      ids.emplace_back(s, size);
    }
    lua_pop(L, 1);
  }
  return ids;
}

// The pack question id the candidate's question `i` asks, or nullptr.
const std::string* asks(const CheckContext& ctx, std::size_t i) {
  const int matched = ctx.questions.asked[i].matched;
  return matched >= 0 ? &ctx.pack.content().questions[static_cast<std::size_t>(matched)].id
                      : nullptr;
}

struct LazyField {
  const char* name;
  void (*push)(lua_State*, const CheckContext&);
};
// The answer's fields made on first read (kept in the table after that).
constexpr LazyField kLazyFields[] = {{"text", push_answer_text},
                                     {"sections", push_sections},
                                     {"blocks", push_blocks},
                                     {"questions", push_questions}};

// __index of answer tables: makes a lazy field of the answer being graded, once. An answer
// table kept from an earlier answer has the fields it had then, and no new ones.
int answer_lazy_field(lua_State* L) {
  if (lua_type(L, 2) != LUA_TSTRING) return 0;
  const std::string_view key = lua_tostring(L, 2);
  for (const LazyField& field : kLazyFields) {
    if (key != field.name) continue;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kAnswerKey);
    const bool current_table = lua_rawequal(L, -1, 1) != 0;
    lua_pop(L, 1);
    if (!current_table)
      return luaL_error(L, "answer.%s: this answer is no longer being graded; read it inside run()",
                        field.name);
    field.push(L, current(L));
    lua_pushvalue(L, 2);
    lua_pushvalue(L, -2);
    lua_rawset(L, 1);
    return 1;
  }
  return 0;
}

// The metatable every answer table shares; made once per Lua state.
void push_answer_metatable(lua_State* L) {
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kAnswerMetaKey) == LUA_TTABLE) return;
  lua_pop(L, 1);
  lua_createtable(L, 0, 2);
  lua_pushcfunction(L, answer_lazy_field);
  lua_setfield(L, -2, "__index");
  // Checks share the answer: none may swap its metatable for the others.
  lua_pushliteral(L, "the answer table's metatable is locked");
  lua_setfield(L, -2, "__metatable");
  lua_pushvalue(L, -1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kAnswerMetaKey);
}

}  // namespace

const CheckContext& current_answer(lua_State* L) {
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kContextKey);
  auto* ctx = static_cast<const CheckContext*>(lua_touserdata(L, -1));
  lua_pop(L, 1);
  if (ctx == nullptr) luaL_error(L, "the answer is no longer being graded; query it inside run()");
  return *ctx;
}

void push_answer_box(lua_State* L) {
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kBoxKey) == LUA_TUSERDATA) return;
  lua_pop(L, 1);
  new (lua_newuserdatauv(L, sizeof(AnswerBox), 0)) AnswerBox;
  lua_pushvalue(L, -1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kBoxKey);
}

const CheckContext& boxed_answer(lua_State* L, int idx) {
  const auto* box = static_cast<const AnswerBox*>(lua_touserdata(L, idx));
  if (box == nullptr || box->ctx == nullptr)
    luaL_error(L, "the answer is no longer being graded; query it inside run()");
  return *box->ctx;
}

void push_answer_block(lua_State* L, const CheckContext& ctx, int first, int last) {
  const text::Block& b = ctx.doc.blocks[static_cast<std::size_t>(first)];
  lua_createtable(L, 0, 5);
  set_field(L, "kind", std::string(text::to_string(b.kind)));
  push_run_text(L, ctx, first, last);
  lua_setfield(L, -2, "text");
  set_field(L, "line", static_cast<lua_Integer>(b.line));
  set_field(L, "end_line",
            static_cast<lua_Integer>(ctx.doc.blocks[static_cast<std::size_t>(last)].end_line));
  if (b.section >= 0) set_field(L, "section", static_cast<lua_Integer>(b.section + 1));
  if (!b.info.empty()) set_field(L, "info", b.info);
}

void push_block_hit(lua_State* L, const CheckContext& ctx, int block, int line) {
  const auto bi = static_cast<std::size_t>(block);
  const text::Block& b = ctx.doc.blocks[bi];
  lua_createtable(L, 0, 4);
  set_field(L, "line", static_cast<lua_Integer>(line));
  push_block_text(L, ctx, bi);
  lua_setfield(L, -2, "text");
  const std::string_view kind = text::to_string(b.kind);
  lua_pushlstring(L, kind.data(), kind.size());
  lua_setfield(L, -2, "kind");
  lua_pushboolean(L, ctx.analysis.prose[bi]);
  lua_setfield(L, -2, "prose");
}

int answer_asked(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  const CheckContext& ctx = boxed_answer(L, lua_upvalueindex(1));
  const std::vector<std::string> ids = question_ids(L, 2);
  for (std::size_t i = 0; i < ctx.questions.asked.size(); ++i) {
    const std::string* id = asks(ctx, i);
    if (id != nullptr && std::find(ids.begin(), ids.end(), *id) != ids.end()) {
      push_question(L, ctx, i);
      return 1;
    }
  }
  lua_pushnil(L);
  return 1;
}

int answer_asked_each(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  const CheckContext& ctx = boxed_answer(L, lua_upvalueindex(1));
  std::vector<std::string> wanted = question_ids(L, 2);
  lua_Integer got = 0;
  lua_newtable(L);
  for (std::size_t i = 0; i < ctx.questions.asked.size(); ++i) {
    const std::string* id = asks(ctx, i);
    if (id == nullptr) continue;
    // Each id counts once: the first question asking it.
    const auto before = wanted.size();
    std::erase(wanted, *id);
    if (wanted.size() == before) continue;
    const auto& q = ctx.questions.asked[i];
    lua_createtable(L, 0, 2);
    set_field(L, "line", static_cast<lua_Integer>(q.line));
    set_field(L, "text", q.text);
    lua_rawseti(L, -2, ++got);
  }
  lua_pushinteger(L, got);
  lua_insert(L, -2);
  return 2;
}

int build_answer(lua_State* L) {
  const CheckContext& ctx = *static_cast<const CheckContext*>(lua_touserdata(L, 1));
  lua_pushvalue(L, 1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kContextKey);
  if (AnswerBox* box = answer_box(L)) box->ctx = &ctx;

  const text::Document& doc = ctx.doc;
  lua_createtable(L, static_cast<int>(doc.blocks.size()), 0);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kTextsKey);

  lua_createtable(L, 0, 10);
  set_field(L, "file", doc.path);
  set_field(L, "problem", ctx.pack.manifest().id);
  set_field(L, "template", ctx.tpl.id);
  set_field(L, "words", static_cast<lua_Integer>(ctx.analysis.content_words));
  lua_pushcfunction(L, answer_concept);
  lua_setfield(L, -2, "concept");
  lua_pushcfunction(L, answer_concepts);
  lua_setfield(L, -2, "concepts");
  lua_pushcfunction(L, answer_find);
  lua_setfield(L, -2, "find");
  lua_pushcfunction(L, answer_said);
  lua_setfield(L, -2, "said");
  lua_pushcfunction(L, answer_estimate);
  lua_setfield(L, -2, "estimate");
  push_answer_metatable(L);
  lua_setmetatable(L, -2);
  lua_pushvalue(L, -1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kAnswerKey);
  return 1;
}

void release_answer(lua_State* L) {
  if (AnswerBox* box = answer_box(L)) box->ctx = nullptr;
  lua_pushnil(L);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kContextKey);
  lua_pushnil(L);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kAnswerKey);
  lua_pushnil(L);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kTextsKey);
}

}  // namespace sdi::grade
