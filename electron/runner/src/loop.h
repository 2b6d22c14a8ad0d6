// The generic loop: prefill the prompt chunk by chunk, then decode greedily one token at a time;
// every state input starts at zero and takes its paired output after each call. The cache policy
// lives inside the graphs (self-contained graphs), so nothing here knows about the model.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cancel.h"
#include "events.h"
#include "graph.h"
#include "plan.h"

namespace edge {

class Loop {
 public:
  Loop(const Plan& plan, Graph& prefill, Graph* decode, const Events& events, Cancel& cancel);
  /** Runs warm-up and measured repetitions; throws Failure on the first error. */
  void run(const std::vector<int64_t>& prompt);

 private:
  struct Rep {
    std::vector<int64_t> generated;
    std::vector<float> scored;  // logits rows of the scored positions
    size_t rows = 0;
  };
  /** One repetition; a warm-up one (`rep` counting warm-ups) prints no mem or output line. */
  void repetition(int rep, bool warmup, const std::vector<int64_t>& prompt);
  /** Waits while the plan's hold file exists (thermal gating), then prints `held`. */
  void wait_while_held(int rep, bool warmup) const;
  /** One call of `graph` on up to chunk() tokens; returns the logits rows of the real tokens. */
  std::vector<float> call(Graph& graph, const std::vector<int64_t>& tokens, int rep, int index,
                          bool warmup, bool decoding);
  /** Runs the graph on borrowed inputs; throws run-failed, or cancelled after a signal. */
  std::vector<Ort::Value> run_graph(Graph& graph, const std::vector<const OrtValue*>& inputs);
  /** The logits rows of the `real` tokens of a call; checks the output's type and shape. */
  std::vector<float> logits_rows(const Graph& graph, const Ort::Value& logits, size_t real);
  /** The graph's inputs in its order: fresh token tensors (kept in `fresh`), constants, state. */
  std::vector<const OrtValue*> inputs_for(Graph& graph, const std::vector<int64_t>& tokens,
                                          std::vector<Ort::Value>& fresh) const;
  void take_state(const Graph& graph, std::vector<Ort::Value>& outputs);
  void reset_state();
  void write_output(int rep, const Rep& result) const;
  void check_cancel() const;

  const Plan& plan_;
  std::string hold_path_;  // empty: the plan has no hold file
  Graph& prefill_;
  Graph* decode_;
  const Events& events_;
  Cancel& cancel_;
  std::map<std::string, Ort::Value> state_;
  std::map<std::string, Ort::Value> constants_;
  int64_t position_ = 0;
  size_t vocab_ = 0;
};

}  // namespace edge
