#include "report/outputs.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <stdexcept>

namespace sdi::report {

FormatSpec parse_format_spec(const std::string& spec) {
  FormatSpec f;
  std::size_t colon = spec.find(':');
  f.format = spec.substr(0, colon);
  if (colon != std::string::npos) {
    f.file = spec.substr(colon + 1);
    if (f.file.empty())
      throw std::invalid_argument(fmt::format("--format {}: the file after ':' is empty", spec));
  }
  if (f.format.empty())
    throw std::invalid_argument(
        fmt::format("--format {}: name a format, e.g. json or junit:report.xml", spec));
  return f;
}

namespace {

// The temporary file being written, so a signal handler can remove it before the process dies:
// an interrupted run leaves the previous report, never a torn one or a stray temporary.
char pending_tmp[4096];
volatile std::sig_atomic_t pending = 0;

extern "C" void remove_pending_and_die(int sig) {
  if (pending) unlink(pending_tmp);
  signal(sig, SIG_DFL);
  raise(sig);
}

// Installed only while a temporary exists; the handlers in force before (the REPL's Ctrl-C) come
// back afterwards.
struct PendingGuard {
  explicit PendingGuard(const std::string& tmp) {
    if (tmp.size() >= sizeof pending_tmp) return;
    std::memcpy(pending_tmp, tmp.c_str(), tmp.size() + 1);
    pending = 1;
    struct sigaction sa {};
    sa.sa_handler = remove_pending_and_die;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGTERM, &sa, &old_term_);
    armed_ = true;
  }
  ~PendingGuard() {
    if (!armed_) return;
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
    pending = 0;
  }
  PendingGuard(const PendingGuard&) = delete;
  PendingGuard& operator=(const PendingGuard&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
  bool armed_ = false;
};

}  // namespace

void write_atomically(const std::string& path, const std::string& content) {
  std::filesystem::path target(path);
  std::error_code ec;
  // A device or pipe (/dev/stdout, a fifo) is written in place: renaming over it would replace it.
  if (std::filesystem::exists(target, ec) && !std::filesystem::is_regular_file(target, ec)) {
    FILE* f = std::fopen(path.c_str(), "wb");
    bool ok = f != nullptr && std::fwrite(content.data(), 1, content.size(), f) == content.size();
    if (f != nullptr) ok = std::fclose(f) == 0 && ok;
    if (!ok) throw std::runtime_error(fmt::format("{}: cannot be written", path));
    return;
  }
  std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
  std::filesystem::create_directories(dir, ec);
  std::string tmp =
      (dir / ("." + target.filename().string() + ".tmp." + std::to_string(getpid()))).string();
  PendingGuard guard(tmp);
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) throw std::runtime_error(fmt::format("{}: cannot be written", path));
  bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  ok = std::fflush(f) == 0 && ok;
  ok = fsync(fileno(f)) == 0 && ok;
  ok = std::fclose(f) == 0 && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw std::runtime_error(fmt::format("{}: cannot be written", path));
  }
}

Outputs::Outputs(const pack::Library& library, const std::vector<FormatSpec>& specs, RunInfo info,
                 bool stdout_color) {
  for (const auto& spec : specs) {
    auto path = library.find_reporter(spec.format);
    if (path.empty()) {
      std::string known;
      for (const auto& n : library.reporter_names()) known += (known.empty() ? "" : ", ") + n;
      throw std::runtime_error(
          fmt::format("unknown format '{}'; available: {}", spec.format, known));
    }
    auto out = std::make_unique<Output>();
    out->spec = spec;
    RunInfo ri = info;
    ri.color = spec.file.empty() && stdout_color;
    Output* raw = out.get();
    std::function<void(std::string_view)> sink;
    if (spec.file.empty()) {
      sink = [](std::string_view s) {
        std::cout << s;
        std::cout.flush();
      };
    } else {
      sink = [raw](std::string_view s) { raw->buffer.append(s); };
    }
    out->reporter = std::make_unique<Reporter>(path, ri, sink);
    outputs_.push_back(std::move(out));
  }
}

void Outputs::start() {
  for (auto& o : outputs_) o->reporter->start();
}

void Outputs::add(const grade::GradeResult& r) {
  for (auto& o : outputs_) o->reporter->add(r);
}

std::vector<std::string> Outputs::finish(const Summary& s) {
  std::vector<std::string> problems;
  for (auto& o : outputs_) {
    o->reporter->finish(s);
    if (o->spec.file.empty()) continue;
    try {
      write_atomically(o->spec.file, o->buffer);
    } catch (const std::exception& e) {
      problems.push_back(e.what());
    }
  }
  return problems;
}

}  // namespace sdi::report
