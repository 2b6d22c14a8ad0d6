#include "memory.h"

#include <fstream>
#include <sstream>
#include <string>

namespace edge {

MemoryReading read_memory() {
  MemoryReading reading;
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    std::istringstream fields(line);
    std::string key;
    int64_t kb = 0;
    if (!(fields >> key >> kb)) continue;
    if (key == "VmRSS:") reading.rss_kb = kb;
    if (key == "VmHWM:") reading.hwm_kb = kb;
  }
  return reading;
}

}  // namespace edge
