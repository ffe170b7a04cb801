// The natives behind sdi.helpers that read the answer being graded, run as a custom check runs
// them: in a pack's sandbox, on the `answer` table the grader builds.

#include <doctest/doctest.h>
#include <lauxlib.h>

#include <string>

#include "grade/answer_lua.hpp"
#include "grade/answer_reading.hpp"
#include "grade/check_context.hpp"
#include "grade/estimates.hpp"
#include "grade/questions.hpp"
#include "grade/reading_lua.hpp"
#include "pack/loaded_pack.hpp"
#include "support.hpp"

namespace {

using namespace sdi;

// The shipped packs, their check plugins handed the engine's natives as `sdi grade` hands them.
const pack::Library& library() {
  static const pack::Library lib = [] {
    pack::SearchPath sp;
    sp.plugin_dirs.push_back(std::string(SDI_SOURCE_DIR) + "/plugins");
    sp.problem_dirs.push_back(std::string(SDI_SOURCE_DIR) + "/problems");
    pack::Library found = pack::Library::discover(sp);
    found.set_check_plugin_natives(grade::push_reading_library);
    return found;
  }();
  return lib;
}

// A url-shortener answer with its `answer` table built, as the grader has it while checks run.
class GradedAnswer {
 public:
  explicit GradedAnswer(const std::string& markdown)
      : analysed_(markdown),
        pack_(library(), *library().find_pack("url-shortener")),
        reading_(analysed_.analysis),
        questions_(grade::find_questions(analysed_.analysis, pack_.content().questions)),
        ctx_{analysed_.doc,      test::classic(), pack_,      test::glossary_index(),
             analysed_.analysis, estimates_,      questions_, &reading_} {
    lua_State* L = pack_.sandbox().state();
    lua_pushcfunction(L, grade::build_answer);
    lua_pushlightuserdata(L, &ctx_);
    pack_.sandbox().call(1, 1);
    answer_ref_ = luaL_ref(L, LUA_REGISTRYINDEX);
  }
  ~GradedAnswer() {
    lua_State* L = pack_.sandbox().state();
    grade::release_answer(L);
    luaL_unref(L, LUA_REGISTRYINDEX, answer_ref_);
  }
  GradedAnswer(const GradedAnswer&) = delete;
  GradedAnswer& operator=(const GradedAnswer&) = delete;

  // Ends grading of the answer, as the grader does once its checks ran.
  void release() { grade::release_answer(pack_.sandbox().state()); }

  // Runs `body` with `answer` and `H` (sdi.helpers) in scope; returns what it returns, as text.
  std::string run(const std::string& body) {
    lua::Sandbox& sb = pack_.sandbox();
    lua_State* L = sb.state();
    sb.load("local answer = ...\nlocal H = sdi.helpers\n" + body, "check");
    lua_rawgeti(L, LUA_REGISTRYINDEX, answer_ref_);
    sb.call(1, 1);
    std::string out = luaL_tolstring(L, -1, nullptr);
    lua_pop(L, 2);
    return out;
  }

 private:
  test::Analysed analysed_;
  pack::LoadedPack pack_;
  grade::AnswerReading reading_;
  grade::EstimateFindings estimates_;
  grade::QuestionFindings questions_;
  grade::CheckContext ctx_;
  int answer_ref_ = LUA_NOREF;
};

const char* const kAnswer =
    "+++\n"
    "questions = [\"How many new URLs per month?\", \"What is the read to write ratio?\", "
    "\"How many URLs a month?\"]\n"
    "+++\n"
    "# Design\n"
    "\n"
    "We put a cache in front of the database.\n"
    "\n"
    "Do we need a cache?\n"
    "\n"
    "We don't need a cache for writes.\n"
    "\n"
    "- cache, queue, shard, replica\n"
    "\n"
    "A cache keeps hot links; the cache is warm.\n";

}  // namespace

TEST_CASE("a search's limit keeps only its first hits by line") {
  GradedAnswer a(kAnswer);
  // Line 6 states a cache; line 8 asks, line 10 negates, line 12 lists; line 14 states it.
  CHECK(a.run("local out = {} for _, h in ipairs(H.said_any(answer, { 'cache' })) do "
              "out[#out + 1] = h.line end return table.concat(out, ',')") == "6,14");
  CHECK(a.run("local h = H.said_any(answer, { 'cache' }, 1) return #h .. ' ' .. h[1].line") ==
        "1 6");
  CHECK(a.run("return #H.said_any(answer, { 'cache' }, 0)") == "0");
  CHECK(a.run("return #H.found_any(answer, { 'cache' }, 2)") == "2");
  CHECK(a.run("return #H.structured_any(answer, { 'cache' })") ==
        a.run("return #H.structured_any(answer, { 'cache' }, 99)"));
}

TEST_CASE("a search's kinds and with keep the hits a filter of the whole result would") {
  GradedAnswer a(
      "# Data\n"
      "\n"
      "We keep the user_id of each link.\n"
      "\n"
      "| field | type |\n"
      "|---|---|\n"
      "| user_id | bigint |\n"
      "\n"
      "```\n"
      "get(user_id)\n"
      "```\n");
  const std::string lines_of =
      "local function lines(hits) local out = {} for _, h in ipairs(hits) do "
      "out[#out + 1] = h.line .. h.kind end return table.concat(out, ',') end\n";
  CHECK(a.run(lines_of + "return lines(H.structured_any(answer, { 'user_id' }))") ==
        "3paragraph,7table_row,10code");
  CHECK(
      a.run(lines_of +
            "return lines(H.structured_any(answer, { 'user_id' }, { kinds = { 'table_row' } }))") ==
      "7table_row");
  CHECK(a.run(lines_of + "return lines(H.found_any(answer, { 'user_id' }, { limit = 1, kinds = "
                         "{ 'code', 'table_row' } }))") == "7table_row");
  CHECK(a.run(lines_of +
              "return lines(H.said_any(answer, { 'user_id' }, { kinds = { 'code' } }))") == "");
  CHECK(a.run(lines_of + "return lines(H.said_any(answer, { 'user_id' }, { limit = 1 }))") ==
        "3paragraph");
  CHECK(a.run(lines_of + "return lines(H.found_any(answer, { 'user_id' }, { with = { 'BIGINT', "
                         "'get(' } }))") == "7table_row,10code");
  CHECK(a.run(lines_of + "return lines(H.found_any(answer, { 'user_id' }, { kinds = { 'code', "
                         "'paragraph' }, with = { 'link', 'get(' }, limit = 1 }))") ==
        "3paragraph");
  CHECK(a.run(lines_of + "return lines(H.found_any(answer, { 'user_id' }, { with = {} }))") == "");
  CHECK_THROWS_WITH(a.run("return H.found_any(answer, { 'user_id' }, { with = 'x' })"),
                    doctest::Contains("options.with: a list of words expected"));
  CHECK_THROWS_WITH(a.run("return H.said_any(answer, { 'user_id' }, { limit = 'all' })"),
                    doctest::Contains("options.limit: an integer expected"));
  CHECK_THROWS_WITH(a.run("return H.said_any(answer, { 'user_id' }, { kinds = 'code' })"),
                    doctest::Contains("options.kinds: a list of block kinds expected"));
}

TEST_CASE("said_together and said_in_block keep the blocks holding a word of every list") {
  GradedAnswer a(kAnswer);
  CHECK(a.run("local out = {} for _, s in ipairs(H.said_together(answer, { 'cache' }, "
              "{ 'hot', 'warm' })) do out[#out + 1] = s.line .. ':' .. s.text end "
              "return table.concat(out, '|')") ==
        "14:A cache keeps hot links;|14:the cache is warm.");
  CHECK(a.run("local out = {} for _, h in ipairs(H.said_in_block(answer, { 'cache' }, "
              "{ 'database', 'links' })) do out[#out + 1] = h.line end "
              "return table.concat(out, ',')") == "6,14");
  CHECK(a.run("return #H.said_in_block(answer, { 'cache' }, { 'nowhere' })") == "0");
  // A number after the lists keeps the first hits by line.
  CHECK(a.run("local s = H.said_together(answer, { 'cache' }, { 'hot', 'warm' }, 1) "
              "return #s .. ':' .. s[1].text") == "1:A cache keeps hot links;");
  CHECK(a.run("return #H.said_together(answer, { 'cache' }, { 'hot', 'warm' }, 0)") == "0");
  CHECK(a.run("local h = H.said_in_block(answer, { 'cache' }, { 'database', 'links' }, 1) "
              "return #h .. ':' .. h[1].line") == "1:6");
  CHECK(a.run("return #H.said_in_block(answer, { 'cache' }, { 'database', 'links' }, 5)") == "2");
  // Lists are reported on in order, the first as a search reports its words.
  CHECK_THROWS_WITH(a.run("return H.said_together(answer, { 'cache', {} }, { 'x', {} })"),
                    doctest::Contains("bad word #2 in the list"));
  CHECK_THROWS_WITH(a.run("return H.said_in_block(answer, { 'cache' }, { 1, {} })"),
                    doctest::Contains("bad word #2 in list #2"));
  CHECK_THROWS_WITH(a.run("return H.said_together(answer, { 'cache' }, { 'hot' }, 'warm')"),
                    doctest::Contains("bad argument #4"));
}

TEST_CASE("best_use takes the best counting mention, ties to the earlier id and mention") {
  GradedAnswer a(kAnswer);
  const std::string show =
      "local function show(b, c) if not b then return 'none ' .. c end "
      "return b.line .. ' ' .. b.use .. ' ' .. c end\n";
  const std::string caching = a.run(show + "return show(H.best_use(answer, { 'caching' }))");
  const std::string database = a.run(show + "return show(H.best_use(answer, { 'database' }))");
  CHECK(caching == "6 used 0.8");
  CHECK(database == "6 used 0.8");
  // Either order of the ids finds the same best mention; a concept the answer never names
  // changes nothing.
  CHECK(a.run(show + "return show(H.best_use(answer, { 'database', 'caching' }))") == caching);
  CHECK(a.run(show + "return show(H.best_use(answer, { 'load_balancer', 'caching' }))") == caching);
  CHECK(a.run(show + "return show(H.best_use(answer, { 'load_balancer' }))") == "none 0");
}

TEST_CASE("said_lines gives the answer.said hits of all the words, one per line, by line") {
  GradedAnswer a(kAnswer);
  // Prose blocks only: the question and the list are not prose; negation is not read.
  CHECK(a.run("local out = {} for _, h in ipairs(H.said_lines(answer, { 'hot', 'cache', "
              "'database' })) do out[#out + 1] = h.line .. h.kind end "
              "return table.concat(out, ',')") == "6paragraph,10paragraph,14paragraph");
  CHECK(a.run("return #H.said_lines(answer, { 'nowhere' })") == "0");
  // A limit keeps the first hits; the count is of them all.
  CHECK(a.run("local hits, n = H.said_lines(answer, { 'hot', 'cache', 'database' }, 2) "
              "return #hits .. ' ' .. n .. ' ' .. hits[2].line") == "2 3 10");
  CHECK(a.run("local hits, n = H.said_lines(answer, { 'cache' }, 0) return #hits .. ' ' .. n") ==
        "0 3");
  CHECK(a.run("return select(2, pcall(H.said_lines, answer, { 'cache' }, 'two'))") ==
        "limit: an integer expected, got string");
}

TEST_CASE("a list of words with a metatable is read as indexing reads it") {
  GradedAnswer a(kAnswer);
  const char* const proxy =
      "local words = setmetatable({}, { __index = function(_, i) "
      "return ({ 'nowhere', 'hot' })[i] end }) ";
  CHECK(a.run(std::string(proxy) + "return H.said_any(answer, words, 1)[1].line") == "14");
  CHECK(a.run(std::string(proxy) + "return H.contains_any('a HOT link', words)") == "hot");
  CHECK(a.run("return #H.said_any(answer, { 'nowhere', 'hot' })") == "1");
}

TEST_CASE("words an __index makes afresh are still read after a collection frees them") {
  GradedAnswer a(kAnswer);
  // Each word is built at run time (no constant holds it) amid enough garbage for the collector
  // to run while the list is read; under AddressSanitizer, reading a freed word would fail here.
  CHECK(a.run("local words = setmetatable({}, { __index = function(_, i) "
              "  if i > 40 then return nil end "
              "  local junk = {} for k = 1, 2000 do junk[k] = { k } end "
              "  if i == 40 then return string.char(104, 111, 116) end "
              "  return string.rep('nowhere', 8) .. i end }) "
              "return H.said_any(answer, words, 1)[1].line") == "14");
}

TEST_CASE("the answer's natives refuse to run once the answer is no longer graded") {
  GradedAnswer a(kAnswer);
  CHECK(a.run("return #H.said_any(answer, { 'cache' })") == "2");
  a.release();
  const std::string refused = "the answer is no longer being graded; query it inside run()";
  CHECK(a.run("return select(2, pcall(H.said_any, answer, { 'cache' }))") == refused);
  CHECK(a.run("return select(2, pcall(H.asked, answer, { 'scale' }))") == refused);
  CHECK(a.run("return select(2, pcall(H.best_use, answer, { 'caching' }))") == refused);
}

TEST_CASE("said_each counts the words the answer states, with the first hit of each by line") {
  GradedAnswer a(kAnswer);
  CHECK(a.run("local n, hits = H.said_each(answer, { 'hot', 'front', 'cache', 'nowhere', "
              "'database' }) local out = {} for _, h in ipairs(hits) do out[#out + 1] = h.line .. "
              "h.kind end return n .. ' ' .. table.concat(out, ',')") ==
        "4 6paragraph,6paragraph,6paragraph,14paragraph");
  // Asked on line 8 and negated on line 10: never stated.
  CHECK(a.run("local n, hits = H.said_each(answer, { 'need' }) return n .. ' ' .. #hits") == "0 0");
  CHECK(a.run("local n, hits = H.said_each(answer, {}) return n .. ' ' .. #hits") == "0 0");
  CHECK(a.run("return select(2, pcall(H.said_each, answer, { 'cache', true }))") ==
        "bad word #2 in the list: a string expected, got boolean");
}

TEST_CASE("groups_score counts the groups found, with the first hit of each as evidence") {
  GradedAnswer a(kAnswer);
  CHECK(a.run("local n, ev = H.groups_score(answer, { { 'nowhere', 'hot' }, { 'queue' }, "
              "{ 'database' } }) return n .. ' ' .. ev[1].line .. ' ' .. ev[2].text") ==
        "2 14 We put a cache in front of the database.");
  // found_any reads the list item too.
  CHECK(a.run("local n, ev = H.groups_score(answer, { { 'queue' } }, H.found_any) "
              "return n .. ' ' .. ev[1].line") == "1 12");
}

TEST_CASE("asked and asked_each read the candidate's questions in answer order") {
  GradedAnswer a(kAnswer);
  CHECK(a.run("local q = H.asked(answer, { 'read_write_ratio', 'scale' }) "
              "return q.matches .. '@' .. q.line .. ' ' .. q.text") ==
        "scale@0 How many new URLs per month?");
  CHECK(a.run("return tostring(H.asked(answer, { 'auth', 7 }))") == "nil");
  // Each pack question counts once, however often it is asked or listed.
  CHECK(a.run("local n, ev = H.asked_each(answer, { 'scale', 'read_write_ratio', 'scale' }) "
              "return n .. ' ' .. #ev .. ' ' .. ev[2].text") ==
        "2 2 What is the read to write ratio?");
}
