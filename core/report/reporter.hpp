#pragma once
// Runs one reporter plugin (plugins/reporters/NAME.lua) over a stream of results. A reporter is a
// Lua file returning { description, start(run), result(r, run), finish(summary, run) }, each
// returning text to append (or nil). It runs in its own sandbox.
//
// A reporter may also have `render(r, run)`: a pure function of one result that each grading
// worker runs in its own instance of the reporter (a Renderer), so formatting scales with the
// workers. What it returns (a Rendered value) reaches `result(rendered, run)` on the main thread
// in input order, where separators and counters live; without a `result` hook a rendered string
// is written as is, after the text of the reporter's `before(run)` hook when it has one (a
// separator that needs no look at the text, which then never enters the sandbox again).

#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "grade/result.hpp"
#include "lua/sandbox.hpp"
#include "report/json_text.hpp"
#include "report/lua_values.hpp"
#include "report/summary.hpp"

namespace sdi::report {

struct RunInfo {
  bool color = false;
  double min_score = 0;
  std::string command;  // "grade", "pack test", "report merge"
  std::string shard;    // "K/N" when this run grades one shard of the inputs
};

// What a `render` hook returns, copied out of the worker's sandbox: nil, a string, or a table of
// string and number keys with string, number and boolean values (one level). The text of a hook
// sdi.json_render made stays in the buffer it was written in, handed over rather than copied.
struct Rendered {
  using Key = std::variant<std::string, lua_Integer>;
  using Value = std::variant<std::string, lua_Integer, lua_Number, bool>;
  enum class Kind { Nil, Text, Table };
  Kind kind = Kind::Nil;
  std::string text;  // Kind::Text, unless `in_json`
  // Kept when a Rendered is rendered into again, so the next result's JSON is written over the
  // last one's instead of into memory the worker has not touched yet.
  std::optional<JsonText> json;
  bool in_json = false;  // Kind::Text is in `json`
  std::vector<std::pair<Key, Value>> fields;

  std::string_view text_view() const { return in_json ? json->view() : std::string_view(text); }
};

class Reporter;

// A grading worker's own instance of a reporter with a `render` hook.
class Renderer {
 public:
  // Throws std::runtime_error naming the file and line on a broken plugin.
  Renderer(const std::filesystem::path& plugin, const RunInfo& info);
  ~Renderer();
  // Runs render(r, run); throws std::runtime_error naming the reporter when it fails or returns
  // something a Rendered cannot hold.
  Rendered render(const grade::GradeResult& r);
  // The same into `out`, reusing the buffers it holds from an earlier result.
  void render(const grade::GradeResult& r, Rendered& out);

 private:
  std::unique_ptr<Reporter> reporter_;
};

class Reporter {
 public:
  // Loads the plugin; throws std::runtime_error naming the file and line on a broken plugin.
  Reporter(const std::filesystem::path& plugin, RunInfo info,
           std::function<void(std::string_view)> sink);

  void start();
  // Formats one result: with a `render` hook, renders it here, then hands it to add(Rendered).
  void add(const grade::GradeResult& r);
  // Hands what a Renderer of the same plugin made of a result to the `result` hook (or writes
  // it, without one).
  void add(const Rendered& rendered);
  void finish(const Summary& s);
  const std::string& description() const { return description_; }
  bool renders() const { return renders_; }

 private:
  friend class Renderer;
  // Runs the `render` hook on `r` and copies out what it returns into `out`, reusing its buffers;
  // a hook sdi.json_render or sdi.text_render made is not run: its text is written here, from `r`
  // itself.
  void render(const grade::GradeResult& r, Rendered& out);
  // What the `render` hook is when the engine writes its text itself.
  struct NativeRender {
    std::optional<JsonRender> json;  // the layout of a hook sdi.json_render made
    bool text = false;               // a hook sdi.text_render made
  };
  NativeRender native_render();
  // Writes the text of a `render` hook the engine writes itself into `json` or `text` (cleared
  // first; either is kept for the next result); None when the hook is a Lua function.
  enum class Native { None, Json, Text };
  Native render_native(const grade::GradeResult& r, std::optional<JsonText>& json,
                       std::string& text);
  // Writes what `before` returns, ahead of a rendered string written as is (not for a rendered
  // nil or table, which write nothing).
  void write_before();
  // Calls a hook, leaving `nresults` results on the stack (nil for a missing hook).
  void call_hook(const char* name, int nargs, int nresults);
  void push_built(lua_CFunction push, const void* data);
  // Calls `result` on the value pushed at `first` and writes its text and appendix.
  void call_result(int first);
  // A temporary file that keeps report text until finish.
  struct Spool {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file{nullptr, &std::fclose};
  };
  // Writes the string at stack index `idx` (if it is one) to the output, or to `spool`.
  void write_value(int idx, Spool* spool);
  void write_text(std::string_view text, Spool* spool);
  void write_spool(Spool& spool);

  std::unique_ptr<lua::Sandbox> sandbox_;
  std::function<void(std::string_view)> sink_;
  // With `prologue`, what start and result return waits in a temporary file until finish gives
  // the head that goes before it (a root element with totals). The appendices results return
  // wait until after finish's text. Either way memory stays flat.
  bool prologue_ = false;
  bool renders_ = false;     // has a `render` hook
  bool has_result_ = false;  // has a `result` hook
  bool has_before_ = false;  // has a `before` hook
  bool color_ = false;       // the run's `color`, for a hook sdi.text_render made
  Spool body_, appendix_;
  // What a json_render hook writes, made on its first result and reused for the next.
  std::optional<JsonText> json_text_;
  std::size_t json_capacity_ = 0;  // of the last buffer a result's JSON was written in
  std::string text_report_;        // what a text_render hook writes, likewise
  Rendered rendered_;              // what `render` makes of a result added here, likewise
  std::string display_;
  std::string description_;
  int module_ref_ = -2;
  int run_ref_ = -2;
};

// Reads the description of a reporter without running it for results.
std::string reporter_description(const std::filesystem::path& plugin);

}  // namespace sdi::report
