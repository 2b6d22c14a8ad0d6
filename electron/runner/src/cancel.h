// SIGTERM / SIGINT without a global: the signals are blocked in every thread (ORT's pools
// inherit the mask) and one watcher thread waits for them with sigwait, then sets the flag and
// terminates the ORT run in flight through the shared RunOptions.
#pragma once

#include <atomic>
#include <thread>

#include "onnxruntime_cxx_api.h"

namespace edge {

class Cancel {
 public:
  /** Must be built before any other thread starts, so that they all inherit the blocked mask. */
  Cancel();
  ~Cancel();
  Cancel(const Cancel&) = delete;
  Cancel& operator=(const Cancel&) = delete;

  bool requested() const { return requested_.load(); }
  /** The options every Run uses; terminated when a signal arrives. */
  Ort::RunOptions& run_options() { return run_options_; }

 private:
  void watch();
  std::atomic<bool> requested_{false};
  std::atomic<bool> stopping_{false};
  Ort::RunOptions run_options_;
  std::thread watcher_;
};

}  // namespace edge
