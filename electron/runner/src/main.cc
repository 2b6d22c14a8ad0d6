// edge-runner: runs a run plan on ONNX Runtime and prints the contract's JSON lines.
// Usage: edge-runner PLAN.json. Exit status: 0 done, 1 error line, 3 EP unavailable, 143 SIGTERM.
#include <new>
#include <string>

#include "cancel.h"
#include "events.h"
#include "failure.h"
#include "graph.h"
#include "loop.h"
#include "memory.h"
#include "onnxruntime_cxx_api.h"
#include "plan.h"
#include "weights.h"

namespace {

int run(const std::string& plan_file, const edge::Events& events, edge::Cancel& cancel) {
  const edge::Plan plan = edge::read_plan(plan_file);
  const std::vector<int64_t> prompt = edge::read_prompt(plan);
  const edge::EpChoice ep = edge::choose_ep(plan);
  if (!ep.available) {
    events.ep_unavailable(plan.ep, plan.ep_fallback ? "cpu" : "");
    if (!plan.ep_fallback) return 3;
  }
  events.hello(Ort::GetVersionString(), ep.used, plan.threads);
  Ort::Env env(ORT_LOGGING_LEVEL_ERROR, "edge-runner");
  edge::share_arena(env);
  const auto started = std::chrono::steady_clock::now();
  // Declared before the graphs: the sessions use its mappings and are destroyed first.
  edge::SharedWeights weights(plan);
  edge::Graph prefill(env, plan, plan.prefill, ep.used, weights);
  std::unique_ptr<edge::Graph> decode;
  if (plan.has_decode)
    decode = std::make_unique<edge::Graph>(env, plan, plan.decode, ep.used, weights);
  events.load(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                  .count(),
              weights.weights_bytes());
  events.memory(edge::read_memory());
  if (cancel.requested()) throw edge::Failure("cancelled", "stopped by a signal");
  edge::Loop(plan, prefill, decode.get(), events, cancel).run(prompt);
  events.done();
  return 0;
}

int fail(const edge::Events& events, const edge::Cancel& cancel, const std::string& code,
         const std::string& message) {
  if (cancel.requested()) {
    events.error("cancelled", "stopped by a signal");
    return 143;
  }
  events.error(code, message);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const edge::Events events;
  if (argc != 2) {
    events.error("usage", "usage: edge-runner PLAN.json");
    return 1;
  }
  edge::Cancel cancel;
  try {
    return run(argv[1], events, cancel);
  } catch (const edge::Failure& failure) {
    return fail(events, cancel, failure.code(), failure.what());
  } catch (const Ort::Exception& error) {
    return fail(events, cancel, "runtime", error.what());
  } catch (const std::bad_alloc&) {
    return fail(events, cancel, "out-of-memory", "out of memory");
  } catch (const std::exception& error) {
    return fail(events, cancel, "internal", error.what());
  } catch (...) {
    return fail(events, cancel, "internal", "unknown exception");
  }
}
