#include "cli/app.hpp"

int main(int argc, char** argv) {
  return sdi::cli::run(argc, argv);
}
