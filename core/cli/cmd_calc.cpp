#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "quantity/quantity.hpp"

namespace sdi::cli {

int cmd_calc(Context& ctx, const std::vector<std::string>& words) {
  std::string expr;
  for (const auto& w : words) expr += (expr.empty() ? "" : " ") + w;
  quantity::Result r = quantity::evaluate(expr);
  if (!r.ok()) {
    std::cerr << "sdi: calc: cannot read the expression\n"
              << quantity::render_error(expr, *r.error) << "\n";
    return kExitError;
  }
  bool color = ctx.color_for(1);
  std::string value = quantity::format(r.value);
  std::cout << (color ? "\x1b[1m" + value + "\x1b[0m" : value) << "\n";
  std::string reading = r.echo.empty() ? expr : r.echo;
  std::cout << (color ? "\x1b[2m" : "") << "  read as: " << reading << (color ? "\x1b[0m" : "")
            << "\n";
  for (const auto& note : r.notes)
    std::cout << (color ? "\x1b[2m" : "") << "  " << note << (color ? "\x1b[0m" : "") << "\n";
  return kExitOk;
}

}  // namespace sdi::cli
