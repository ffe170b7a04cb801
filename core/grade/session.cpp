#include "grade/session.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <map>
#include <set>

#include "grade/analysis.hpp"
#include "grade/match_tokens.hpp"
#include "pack/error.hpp"
#include "text/input.hpp"
#include "text/parse_error.hpp"

namespace sdi::grade {

namespace {

constexpr std::size_t kMaxAnswerBytes = text::kDefaultMaxInputBytes;

GradeResult failed(const std::string& file, std::string error) {
  GradeResult r;
  r.file = file;
  r.level = "error";
  r.errors.push_back(std::move(error));
  return r;
}

std::optional<std::string> front_string(const text::Document& doc, const char* key) {
  if (!doc.front_matter) return std::nullopt;
  if (auto v = (*doc.front_matter)[key].value<std::string>()) return *v;
  return std::nullopt;
}

}  // namespace

LoadedAnswer parse_answer(std::string bytes, const std::string& display) {
  LoadedAnswer out;
  if (auto problem = text::check_input(bytes, kMaxAnswerBytes)) {
    out.error = text::describe(*problem, display);
    return out;
  }
  try {
    out.doc = text::parse_document(std::move(bytes), display);  // which normalises the bytes
  } catch (const text::ParseError& e) {
    out.error = fmt::format("{}:{}: {}", display, e.line, e.message);
  }
  return out;
}

LoadedAnswer load_answer(const std::string& path) {
  // One open, one fstat and one read per answer: batch runs read thousands of small files.
  LoadedAnswer out;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    out.error = error == ENOENT || error == ENOTDIR
                    ? fmt::format("{}: no such file; check the path", path)
                    : fmt::format("{}: cannot be read ({})", path, std::strerror(error));
    return out;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    out.error = fmt::format("{}: cannot be read ({})", path, std::strerror(errno));
    return out;
  }
  if (S_ISDIR(info.st_mode)) {
    out.error = fmt::format("{}: is a folder; pass the answer files in it", path);
    return out;
  }
  const auto size = static_cast<std::uintmax_t>(info.st_size);
  if (S_ISREG(info.st_mode) && size > kMaxAnswerBytes) {
    out.error = fmt::format("{}: file is {:.1f} MB; answers are limited to {} MiB", path,
                            static_cast<double>(size) / 1e6, kMaxAnswerBytes >> 20);
    return out;
  }
  // Regular files are read at their size; pipes and devices until their end (one byte past the
  // limit is enough to know an answer is too large).
  std::string bytes;
  bytes.resize(S_ISREG(info.st_mode) ? static_cast<std::size_t>(size) + 1 : 64 * 1024);
  std::size_t have = 0;
  while (true) {
    if (have == bytes.size()) {
      if (bytes.size() > kMaxAnswerBytes) break;
      bytes.resize(std::min(bytes.size() * 2, kMaxAnswerBytes + 1));
    }
    const ssize_t got = ::read(fd, bytes.data() + have, bytes.size() - have);
    if (got < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      out.error = error == EISDIR
                      ? fmt::format("{}: is a folder; pass the answer files in it", path)
                      : fmt::format("{}: read error ({})", path, std::strerror(error));
      return out;
    }
    if (got == 0) break;
    have += static_cast<std::size_t>(got);
  }
  bytes.resize(have);
  return parse_answer(std::move(bytes), path);
}

Session::Session(const pack::Library& library, lua::Limits limits)
    : library_(library), limits_(limits) {}

Grader* Session::grader_for(const std::string& id, std::string& error) {
  auto it = compiled_.find(id);
  if (it == compiled_.end()) {
    Compiled c;
    const pack::Manifest* m = library_.find_pack(id);
    if (m == nullptr) {
      c.error = library_.unknown_pack_message(id) + " (see `sdi list`)";
    } else {
      try {
        c.pack = std::make_unique<pack::LoadedPack>(library_, *m, limits_);
        c.grader = std::make_unique<Grader>(library_, *c.pack);
      } catch (const pack::Error& e) {
        c.error = e.what();
      } catch (const lua::Error& e) {
        c.error = e.what();
      }
    }
    it = compiled_.emplace(id, std::move(c)).first;
  }
  error = it->second.error;
  return it->second.grader.get();
}

std::string Session::best_fit(const text::Document& doc, std::string& runner_up) {
  // Each pack's vocabulary: the concepts its own checks name, and the words of its id and title.
  // A concept that several packs share tells less than one only this pack names.
  struct Fit {
    std::string id;
    double score = 0;
  };
  std::vector<Fit> fits;
  std::map<std::string, int> shared;
  std::vector<std::pair<const pack::Manifest*, std::set<std::string>>> vocab;
  for (const auto& m : library_.packs()) {
    std::string error;
    Grader* g = grader_for(m.id, error);
    if (g == nullptr) continue;
    std::set<std::string> ids;
    for (const auto& c : g->pack().content().checks) {
      for (const auto& group : c.concepts) ids.insert(group.begin(), group.end());
      for (const auto& group : c.components) ids.insert(group.begin(), group.end());
    }
    for (const auto& id : ids) shared[id]++;
    vocab.push_back({&m, std::move(ids)});
  }
  if (vocab.empty()) return {};
  const ConceptIndex& index = grader_for(vocab.front().first->id, runner_up)->index();
  runner_up.clear();
  Analysis a = analyse(doc, *library_.find_template(vocab.front().first->template_id), index);
  std::set<std::string> body_stems;
  for (const auto& toks : a.tokens)
    for (const auto& t : toks) body_stems.emplace(t.stem);
  for (const auto& [m, ids] : vocab) {
    Fit f{m->id, 0};
    for (const auto& id : ids) {
      int c = index.find(id);
      if (c >= 0 && a.best_hit[c] >= 0) f.score += 1.0 / shared[id];
    }
    // The problem's own name in the answer ("twitter", "shortener", "logs") is a strong sign.
    for (const auto& word : phrase_stems(m->id))
      if (body_stems.count(word)) f.score += 2;
    fits.push_back(f);
  }
  std::stable_sort(fits.begin(), fits.end(),
                   [](const Fit& x, const Fit& y) { return x.score > y.score; });
  if (fits.front().score <= 0) return {};
  if (fits.size() > 1 && fits[1].score > 0) runner_up = fits[1].id;
  return fits.front().id;
}

GradeResult Session::grade_document(const text::Document& doc, const GradeOptions& options) {
  std::string problem;
  std::string matched_by;
  if (auto p = front_string(doc, "problem")) {
    problem = *p;
    matched_by = "front matter";
  } else if (!options.problem.empty()) {
    problem = options.problem;
    matched_by = "--problem";
  } else {
    std::string runner_up;
    problem = best_fit(doc, runner_up);
    if (problem.empty())
      return failed(
          doc.path,
          fmt::format("{}:1: no problem named and none fits; add front matter (+++ problem = "
                      "\"url-shortener\" +++) or pass --problem ID",
                      doc.path));
    matched_by =
        runner_up.empty() ? "best fit" : fmt::format("best fit (runner-up: {})", runner_up);
  }
  std::string error;
  Grader* grader = grader_for(problem, error);
  if (grader == nullptr) {
    // An unknown id is the answer's mistake; a broken pack is the pack's, named by its own file.
    bool unknown = library_.find_pack(problem) == nullptr;
    GradeResult r = failed(doc.path, unknown ? fmt::format("{}: {}", doc.path, error)
                                             : fmt::format("{} (needed by {})", error, doc.path));
    r.problem = problem;
    return r;
  }
  std::string tpl_id = grader->pack().manifest().template_id;
  if (!options.template_id.empty()) {
    tpl_id = options.template_id;
  } else if (auto t = front_string(doc, "template")) {
    tpl_id = *t;
  }
  const pack::Template* tpl = library_.find_template(tpl_id);
  if (tpl == nullptr) {
    std::string known;
    for (const auto& t : library_.templates()) known += (known.empty() ? "" : ", ") + t.id;
    GradeResult r = failed(doc.path, fmt::format("{}: unknown template '{}'; known templates: {}",
                                                 doc.path, tpl_id, known));
    r.problem = problem;
    return r;
  }
  GradeResult r = grader->grade(doc, *tpl);
  r.matched_by = matched_by;
  return r;
}

GradeResult Session::grade_file(const std::string& path, const GradeOptions& options) {
  LoadedAnswer a = load_answer(path);
  if (!a.doc) return failed(path, a.error);
  return grade_document(*a.doc, options);
}

}  // namespace sdi::grade
