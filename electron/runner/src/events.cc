#include "events.h"

#include <unistd.h>

#include <cstdio>

#include "memory.h"

namespace edge {

using json = nlohmann::ordered_json;

namespace {

/** A warm-up repetition's line carries `"warmup": true`; a measured one has no such key. */
json marked(json line, bool warmup) {
  if (warmup) line["warmup"] = true;
  return line;
}

}  // namespace

Events::Events() : started_(std::chrono::steady_clock::now()) {}

void Events::hello(const std::string& ort_version, const std::string& ep, int threads) const {
  emit({{"ev", "hello"},
        {"runner", "edge-runner"},
        {"version", "1"},
        {"pid", static_cast<int64_t>(getpid())},
        {"runtime", "onnxruntime"},
        {"ort", ort_version},
        {"ep", ep},
        {"threads", threads}});
}

void Events::load(double ms, uint64_t weights_bytes) const {
  emit({{"ev", "load"}, {"ms", ms}, {"weights_bytes", weights_bytes}});
}

void Events::chunk(int rep, bool warmup, int index, int tokens, double compute_ms,
                   double state_ms) const {
  emit(marked({{"ev", "chunk"},
               {"rep", rep},
               {"i", index},
               {"tokens", tokens},
               {"compute_ms", compute_ms},
               {"state_ms", state_ms}},
              warmup));
}

void Events::first_token(int rep, bool warmup, double ttft_ms) const {
  emit(marked({{"ev", "first_token"}, {"rep", rep}, {"ttft_ms", ttft_ms}}, warmup));
}

void Events::token(int rep, bool warmup, int index, double ms) const {
  emit(marked({{"ev", "token"}, {"rep", rep}, {"i", index}, {"ms", ms}}, warmup));
}

void Events::held(int rep, bool warmup, double ms) const {
  emit(marked({{"ev", "held"}, {"rep", rep}, {"ms", ms}}, warmup));
}

void Events::memory(const MemoryReading& reading) const {
  emit({{"ev", "mem"},
        {"t_ms", since_start_ms()},
        {"rss_kb", reading.rss_kb},
        {"hwm_kb", reading.hwm_kb}});
}

void Events::output(int rep, const std::vector<int64_t>& tokens, const std::string& logits_file,
                    size_t rows, size_t vocab) const {
  json line = {
      {"ev", "output"}, {"rep", rep}, {"tokens", tokens}, {"rows", rows}, {"vocab", vocab}};
  if (!logits_file.empty()) line["logits_file"] = logits_file;
  emit(line);
}

void Events::ep_unavailable(const std::string& ep, const std::string& fallback) const {
  json line = {{"ev", "ep-unavailable"}, {"ep", ep}};
  if (!fallback.empty()) line["fallback"] = fallback;
  emit(line);
}

void Events::done() const { emit({{"ev", "done"}}); }

void Events::error(const std::string& code, const std::string& message) const {
  emit({{"ev", "error"}, {"code", code}, {"message", message}});
}

void Events::emit(const json& line) const {
  // Invalid UTF-8 (a file name from the plan, an ORT message) is replaced, never thrown on.
  const std::string text = line.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

double Events::since_start_ms() const {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
      .count();
}

}  // namespace edge
