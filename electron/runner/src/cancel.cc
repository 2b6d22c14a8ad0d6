#include "cancel.h"

#include <pthread.h>
#include <signal.h>

namespace edge {

namespace {

sigset_t watched_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGUSR1);  // sent by ~Cancel to end the watcher
  return set;
}

}  // namespace

Cancel::Cancel() {
  const sigset_t set = watched_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  // A closed stdout must become a write error, not a silent death.
  signal(SIGPIPE, SIG_IGN);
  watcher_ = std::thread([this] { watch(); });
}

Cancel::~Cancel() {
  stopping_.store(true);
  pthread_kill(watcher_.native_handle(), SIGUSR1);
  watcher_.join();
}

void Cancel::watch() {
  const sigset_t set = watched_signals();
  for (;;) {
    int received = 0;
    if (sigwait(&set, &received) != 0) continue;
    if (received == SIGUSR1) {
      if (stopping_.load()) return;
      continue;
    }
    requested_.store(true);
    run_options_.SetTerminate();
  }
}

}  // namespace edge
