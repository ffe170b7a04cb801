#include "cli/parallel_grade.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "cli/teardown.hpp"

namespace sdi::cli {

namespace {

// One grading worker: its own sandboxes and compiled packs, and its own rendering step.
struct Worker {
  Worker(const pack::Library& library, const std::function<WorkerStep()>& make_step)
      : session(std::make_unique<grade::Session>(library)),
        step(std::make_unique<WorkerStep>(make_step ? make_step() : WorkerStep())) {}

  // Grades `file` into `g`, whose rendering may hold the buffers of an earlier result to render
  // this one into.
  void grade(std::string_view file, const grade::GradeOptions& options, Graded& g) {
    g.result = session->grade_file(std::string(file), options);
    if (*step) (*step)(g);
  }

  // Left for the process's end like the rest of a command's objects (teardown.hpp): tearing down
  // a worker's Lua states only delays the end of the run.
  void retire() {
    done_with(std::move(step));
    done_with(std::move(session));
  }

  std::unique_ptr<grade::Session> session;
  std::unique_ptr<WorkerStep> step;
};

// The results graded but not yet emitted, in a ring of slots: file i goes to slot i % size, which
// file i - size has left by the time file i fits in the window (i < emitted + size). No node is
// allocated per result, and a result is moved in and out, never copied.
//
// The main thread grades too and emits in input order; helper threads only grade. A helper's
// result, once emitted, goes back to that helper to be destroyed: freeing memory on the thread
// that allocated it keeps each thread's allocator caches filled, where freeing it on the main
// thread made every allocation of the helper a slow one and every free of the main a remote one.
// Its rendering is kept there, and the next result is rendered into its buffers.
class ResultWindow {
 public:
  static constexpr std::size_t kMain = static_cast<std::size_t>(-1);

  ResultWindow(std::size_t files, std::size_t size, std::size_t helpers)
      : files_(files), slots_(size), spent_(helpers) {}

  // The next file nobody has claimed, or `files` when all are.
  std::size_t claim() { return next_.fetch_add(1); }

  // Blocks a helper until file i fits in the window (false: the run stopped), and hands it what
  // it graded that has been emitted since.
  bool wait_for_room(std::size_t i, std::size_t helper, std::vector<Graded>& spent) {
    std::unique_lock lock(mutex_);
    if (!stop_ && !fits(i)) {
      ++helpers_waiting_;
      room_cv_.wait(lock, [&] { return stop_ || fits(i); });
      --helpers_waiting_;
    }
    spent.swap(spent_[helper]);
    return !stop_;
  }

  // Keeps what `grader` (a helper's index, or kMain) made of file i, which fits in the window.
  void put(std::size_t i, std::size_t grader, Graded g) {
    std::lock_guard lock(mutex_);
    Slot& slot = slots_[i % slots_.size()];
    slot.graded.emplace(std::move(g));
    slot.grader = grader;
    if (i == main_waits_for_) ready_cv_.notify_one();
  }

  // The main thread: emits, in order, the results that are ready; with `until`, first waits for
  // every file before `until` to have been emitted.
  void emit_ready(const std::function<void(std::size_t, Graded&)>& emit, std::size_t until = 0) {
    while (emitted_ < files_) {
      Slot& slot = slots_[emitted_ % slots_.size()];
      {
        std::unique_lock lock(mutex_);
        if (!slot.graded) {
          if (emitted_ >= until) return;
          main_waits_for_ = emitted_;
          ready_cv_.wait(lock, [&] { return slot.graded.has_value(); });
          main_waits_for_ = kNone;
        }
      }
      // Only the main thread empties a slot, and no helper writes a filled one.
      Graded g = std::move(*slot.graded);
      const std::size_t grader = slot.grader;
      emit(emitted_, g);
      bool wake = false;
      {
        std::lock_guard lock(mutex_);
        slot.graded.reset();
        if (grader != kMain) spent_[grader].push_back(std::move(g));
        ++emitted_;
        wake = helpers_waiting_ > 0;
      }
      if (wake) room_cv_.notify_all();
    }
  }

  // How many files must have been emitted before the main thread may keep file i.
  std::size_t room_for(std::size_t i) const {
    return i + 1 > slots_.size() ? i + 1 - slots_.size() : 0;
  }

  void stop() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    room_cv_.notify_all();
  }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  struct Slot {
    std::optional<Graded> graded;
    std::size_t grader = kMain;
  };
  bool fits(std::size_t i) const { return i < emitted_ + slots_.size(); }

  const std::size_t files_;
  std::atomic<std::size_t> next_{0};
  std::mutex mutex_;
  // A wake-up costs a system call and a context switch, so a thread is only woken when it sleeps
  // on exactly what just happened: the main thread on the next result in order, a helper on room.
  std::condition_variable ready_cv_, room_cv_;
  std::vector<Slot> slots_;
  std::vector<std::vector<Graded>> spent_;  // per helper: its results, emitted
  std::size_t emitted_ = 0;                 // written by the main thread only
  std::size_t main_waits_for_ = kNone;
  std::size_t helpers_waiting_ = 0;
  bool stop_ = false;
};

}  // namespace

void grade_in_order(const pack::Library& library, const PathList& files,
                    const grade::GradeOptions& options, int jobs,
                    const std::function<WorkerStep()>& make_step,
                    const std::function<void(std::size_t, Graded&)>& emit) {
  // The main thread is one of the workers: a run on N jobs starts N - 1 helpers.
  const std::size_t helpers =
      files.empty() || jobs <= 1 ? 0 : std::min(static_cast<std::size_t>(jobs), files.size()) - 1;
  if (helpers == 0) {
    Worker worker(library, make_step);
    for (std::size_t i = 0; i < files.size(); ++i) {
      Graded g;
      worker.grade(files[i], options, g);
      emit(i, g);
    }
    worker.retire();
    return;
  }
  // Workers may run ahead of the reporter by a bounded window, so memory stays flat however many
  // files there are.
  ResultWindow window(files.size(), static_cast<std::size_t>(jobs) * 8, helpers);
  // The helpers start first, so that making their sandboxes overlaps the main thread's.
  std::vector<std::thread> threads;
  for (std::size_t h = 0; h < helpers; ++h) {
    threads.emplace_back([&, h] {
      Worker worker(library, make_step);
      std::vector<Graded> spent;
      // Renderings of emitted results: a report handed over to the main thread comes back here
      // to have the next one written over it, so no result renders into memory never touched.
      // One is kept; the rest go back to the allocator, which hands their memory out again.
      // Keeping them all would hold on to the most the window ever had in flight.
      constexpr std::size_t kSpares = 1;
      std::vector<report::Rendering> spare;
      for (std::size_t i = window.claim(); i < files.size(); i = window.claim()) {
        if (!window.wait_for_room(i, h, spent)) break;
        for (Graded& done : spent)
          if (spare.size() < kSpares) spare.push_back(std::move(done.rendering));
        spent.clear();
        Graded g;
        if (!spare.empty()) {
          g.rendering = std::move(spare.back());
          spare.pop_back();
        }
        worker.grade(files[i], options, g);
        window.put(i, h, std::move(g));
      }
      worker.retire();
    });
  }
  auto grade_here = [&] {
    Worker worker(library, make_step);
    for (std::size_t i = window.claim(); i < files.size(); i = window.claim()) {
      window.emit_ready(emit, window.room_for(i));
      Graded g;
      worker.grade(files[i], options, g);
      window.put(i, ResultWindow::kMain, std::move(g));
    }
    window.emit_ready(emit, files.size());
    worker.retire();
  };
  auto join = [&] {
    window.stop();
    for (auto& t : threads) t.join();
  };
  try {
    grade_here();
  } catch (...) {
    join();
    throw;
  }
  join();
}

}  // namespace sdi::cli
