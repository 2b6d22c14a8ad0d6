// One graph of the plan as an ORT session: created with the plan's dims, threads and EP, and
// checked against the plan's wiring so that a mismatch is a coded line before anything runs.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "onnxruntime_cxx_api.h"
#include "plan.h"
#include "tensors.h"
#include "weights.h"

namespace edge {

/** The EP a session gets: the plan's, or CPU when that is missing and the plan allows it. */
struct EpChoice {
  std::string used;       // "cpu" | "xnnpack" | "nnapi" | "qnn"
  bool available = true;  // false: the plan's EP is not in this library
};

/** Resolves the plan's EP against the providers this ORT library was built with. */
EpChoice choose_ep(const Plan& plan);

/**
 * Registers one CPU arena on `env` for every session of the run: the prefill and decode sessions
 * run one after the other, so the activation memory one grew is reused by the other instead of
 * each session keeping an arena of its own.
 */
void share_arena(Ort::Env& env);

class Graph {
 public:
  /** `weights` holds the graph's external weights and must outlive the session. */
  Graph(Ort::Env& env, const Plan& plan, const GraphSpec& spec, const std::string& ep,
        SharedWeights& weights);

  Ort::Session& session() { return session_; }
  const std::vector<std::string>& input_names() const { return inputs_; }
  const TensorSpec& input(const std::string& name) const { return input_specs_.at(name); }
  bool has_input(const std::string& name) const { return input_specs_.count(name) > 0; }
  bool has_output(const std::string& name) const;
  /** Tokens per call: dim 1 of the tokens input. */
  int64_t chunk() const { return chunk_; }

 private:
  void check_wiring(const Plan& plan) const;
  Ort::Session session_;
  std::vector<std::string> inputs_;
  std::vector<std::string> outputs_;
  std::map<std::string, TensorSpec> input_specs_;
  int64_t chunk_ = 0;
  std::string name_;
};

}  // namespace edge
