// The contract's JSON lines (DESIGN.md "The device runner", schemas in shared/runner-events.ts).
// One line per event on stdout, flushed at once so the studio sees it live.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "nlohmann/json.hpp"

namespace edge {

struct MemoryReading;

class Events {
 public:
  Events();
  void hello(const std::string& ort_version, const std::string& ep, int threads) const;
  void load(double ms, uint64_t weights_bytes) const;
  // `warmup`: the line is of a warm-up repetition (its `rep` counts warm-ups from 0).
  void chunk(int rep, bool warmup, int index, int tokens, double compute_ms,
             double state_ms) const;
  void first_token(int rep, bool warmup, double ttft_ms) const;
  void token(int rep, bool warmup, int index, double ms) const;
  /** The repetition waited `ms` for the plan's hold file to go away. */
  void held(int rep, bool warmup, double ms) const;
  void memory(const MemoryReading& reading) const;
  void output(int rep, const std::vector<int64_t>& tokens, const std::string& logits_file,
              size_t rows, size_t vocab) const;
  void ep_unavailable(const std::string& ep, const std::string& fallback) const;
  void done() const;
  void error(const std::string& code, const std::string& message) const;

 private:
  void emit(const nlohmann::ordered_json& line) const;
  double since_start_ms() const;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace edge
