#pragma once
// One function per subcommand; each returns the process exit code.

#include <string>
#include <vector>

#include "cli/context.hpp"

namespace sdi::cli {

struct GradeArgs {
  std::vector<std::string> paths;
  std::string problem;
  std::string template_id;
  std::vector<std::string> formats;
  double min_score = 0;
  int jobs = 0;       // 0: the cores available
  std::string shard;  // "K/N"
};
int cmd_grade(Context& ctx, const GradeArgs& args);

int cmd_list(Context& ctx, bool json);

struct ShowArgs {
  std::string problem;
  std::string template_id;
  bool json = false;
};
int cmd_show(Context& ctx, const ShowArgs& args);

int cmd_calc(Context& ctx, const std::vector<std::string>& words);

struct PackTestArgs {
  std::vector<std::string> targets;  // pack ids or folders; empty: every pack
  std::vector<std::string> formats;
};
int cmd_pack_test(Context& ctx, const PackTestArgs& args);

int cmd_pack_lint(Context& ctx, const std::vector<std::string>& targets);

struct PackNewArgs {
  std::string id;
  std::string dir;    // where to create ID/ (default: the working directory)
  std::string title;  // default: "Design " + the id's words
};
int cmd_pack_new(Context& ctx, const PackNewArgs& args);

struct MergeArgs {
  std::vector<std::string> files;
  std::vector<std::string> formats;
};
int cmd_report_merge(Context& ctx, const MergeArgs& args);

struct RunArgs {
  std::string script;
  std::vector<std::string> args;
};
int cmd_run(Context& ctx, const RunArgs& args);

int cmd_welcome(Context& ctx);

}  // namespace sdi::cli
