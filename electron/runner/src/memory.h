// The runner's own memory, from /proc/self/status (VmRSS = now, VmHWM = peak RSS).
#pragma once

#include <cstdint>

namespace edge {

struct MemoryReading {
  int64_t rss_kb = 0;
  int64_t hwm_kb = 0;
};

/** Reads /proc/self/status; zeros where the kernel does not say (never fails). */
MemoryReading read_memory();

}  // namespace edge
