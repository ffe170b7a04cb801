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
      // Streamed to a temporary beside the target, so memory stays flat however long the report.
      out->file = std::make_unique<AtomicFile>(spec.file);
      sink = [raw](std::string_view s) { raw->file->write(s); };
    }
    out->reporter = std::make_unique<Reporter>(path, ri, sink);
    out->plugin = path;
    out->info = ri;
    outputs_.push_back(std::move(out));
  }
}

void Outputs::start() {
  for (auto& o : outputs_) o->reporter->start();
}

void Outputs::add(const grade::GradeResult& r) {
  for (auto& o : outputs_) o->reporter->add(r);
}

void Outputs::add(const grade::GradeResult& r, Rendering& rendering) {
  for (std::size_t i = 0; i < outputs_.size(); ++i) {
    // The outputs before the one that failed get the result, as when rendering here.
    if (rendering.error && i == rendering.failed_at) std::rethrow_exception(rendering.error);
    auto& o = outputs_[i];
    if (i < rendering.outputs.size() && rendering.outputs[i])
      o->reporter->add(*rendering.outputs[i]);
    else
      o->reporter->add(r);
  }
}

bool Outputs::renders() const {
  for (const auto& o : outputs_)
    if (o->reporter->renders()) return true;
  return false;
}

std::unique_ptr<WorkerRenderers> Outputs::worker_renderers() const {
  // Here, a Renderer would be a second sandbox running the same plugin on the same thread; the
  // reporter's own render hook gives the same bytes (its result is copied out and back alike).
  if (std::this_thread::get_id() == owner_) return std::make_unique<WorkerRenderers>();
  std::vector<std::filesystem::path> plugins;
  std::vector<RunInfo> infos;
  std::vector<bool> renders;
  for (const auto& o : outputs_) {
    plugins.push_back(o->plugin);
    infos.push_back(o->info);
    renders.push_back(o->reporter->renders());
  }
  return std::make_unique<WorkerRenderers>(plugins, infos, renders);
}

WorkerRenderers::WorkerRenderers(const std::vector<std::filesystem::path>& plugins,
                                 const std::vector<RunInfo>& infos,
                                 const std::vector<bool>& renders) {
  for (std::size_t i = 0; i < plugins.size(); ++i) {
    std::unique_ptr<Renderer> r;
    // A plugin that fails to load here loaded on the main thread; the main thread then renders.
    if (renders[i]) try {
        r = std::make_unique<Renderer>(plugins[i], infos[i]);
      } catch (const std::exception&) {
      }
    renderers_.push_back(std::move(r));
  }
}

void WorkerRenderers::render(const grade::GradeResult& r, Rendering& out) {
  out.error = nullptr;
  out.failed_at = 0;
  out.outputs.resize(renderers_.size());
  for (std::size_t i = 0; i < renderers_.size(); ++i) {
    if (!renderers_[i]) continue;
    auto& rendered = out.outputs[i];
    if (!rendered) rendered.emplace();
    try {
      renderers_[i]->render(r, *rendered);
    } catch (...) {
      out.error = std::current_exception();
      out.failed_at = i;
      break;
    }
  }
}

std::vector<std::string> Outputs::finish(const Summary& s) {
  std::vector<std::string> problems;
  for (auto& o : outputs_) {
    o->reporter->finish(s);
    if (o->spec.file.empty()) continue;
    try {
      o->file->commit();
    } catch (const std::exception& e) {
      problems.push_back(e.what());
    }
  }
  return problems;
}

}  // namespace sdi::report
