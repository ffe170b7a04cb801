#include "cli/parallel_grade.hpp"

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "cli/teardown.hpp"

namespace sdi::cli {

void grade_in_order(const pack::Library& library, const PathList& files,
                    const grade::GradeOptions& options, int jobs,
                    const std::function<WorkerStep()>& make_step,
                    const std::function<void(std::size_t, Graded&)>& emit) {
  if (jobs <= 1 || files.size() <= 1) {
    auto session = std::make_unique<grade::Session>(library);
    auto step = std::make_unique<WorkerStep>(make_step ? make_step() : WorkerStep());
    for (std::size_t i = 0; i < files.size(); ++i) {
      Graded g;
      g.result = session->grade_file(std::string(files[i]), options);
      if (*step) (*step)(g);
      emit(i, g);
    }
    done_with(std::move(step));
    done_with(std::move(session));
    return;
  }
  // Workers may run ahead of the reporter by a bounded window, so memory stays flat however many
  // files there are.
  const std::size_t window = static_cast<std::size_t>(jobs) * 8;
  std::mutex mutex;
  std::condition_variable ready_cv, room_cv;
  std::map<std::size_t, Graded> ready;
  std::size_t emitted = 0;
  bool stop = false;
  // A wake-up costs a system call and a context switch, so a thread is only woken when it sleeps
  // on exactly what just happened: the reporter on the next result in order, a worker on room.
  std::size_t reporter_waits_for = files.size();
  std::size_t workers_waiting = 0;
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < jobs; ++w) {
    workers.emplace_back([&] {
      grade::Session session(library);
      WorkerStep step = make_step ? make_step() : WorkerStep();
      while (true) {
        std::size_t i = next.fetch_add(1);
        if (i >= files.size()) return;
        {
          std::unique_lock lock(mutex);
          if (!stop && i >= emitted + window) {
            ++workers_waiting;
            room_cv.wait(lock, [&] { return stop || i < emitted + window; });
            --workers_waiting;
          }
          if (stop) return;
        }
        Graded g;
        g.result = session.grade_file(std::string(files[i]), options);
        if (step) step(g);
        std::lock_guard lock(mutex);
        ready.emplace(i, std::move(g));
        if (i == reporter_waits_for) ready_cv.notify_one();
      }
    });
  }
  auto stop_workers = [&] {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    room_cv.notify_all();
    for (auto& t : workers) t.join();
  };
  try {
    for (std::size_t i = 0; i < files.size(); ++i) {
      Graded g;
      {
        std::unique_lock lock(mutex);
        auto it = ready.find(i);
        if (it == ready.end()) {
          reporter_waits_for = i;
          ready_cv.wait(lock, [&] { return (it = ready.find(i)) != ready.end(); });
          reporter_waits_for = files.size();
        }
        g = std::move(it->second);
        ready.erase(it);
      }
      emit(i, g);
      bool wake = false;
      {
        std::lock_guard lock(mutex);
        emitted = i + 1;
        wake = workers_waiting > 0;
      }
      if (wake) room_cv.notify_all();
    }
  } catch (...) {
    stop_workers();
    throw;
  }
  stop_workers();
}

}  // namespace sdi::cli
