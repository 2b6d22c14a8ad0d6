// The run plan: what to load, how the graph's inputs and outputs are wired, and what to run.
// The JSON form is defined by `runnerPlanSchema` in shared/runner-plan.ts; this file checks it
// again, field by field, because the runner also runs plans the studio did not write.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace edge {

struct GraphSpec {
  std::string file;                     // resolved against the plan's folder
  std::map<std::string, int64_t> dims;  // free dimension overrides
};

struct ConstantSpec {
  std::string name;
  std::string type;  // "int64" | "int32" | "float32"
  std::vector<int64_t> shape;
  std::vector<double> values;
};

struct StateSpec {
  std::string input;
  std::string output;
};

struct Plan {
  std::string dir;  // the plan's folder: every relative path in the plan is resolved against it
  GraphSpec prefill;
  bool has_decode = false;
  GraphSpec decode;
  std::string tokens_input;
  std::string positions_input;   // empty: the graph takes no positions
  std::string chunk_mask_input;  // empty: the graph takes no chunk mask
  std::vector<ConstantSpec> constants;
  std::vector<StateSpec> state;
  std::string logits_output;
  int64_t pad_token = 0;
  std::string prompt_file;
  int decode_tokens = 0;
  std::string ep = "cpu";
  bool ep_fallback = false;  // run on CPU when the EP asked for is missing
  int threads = 1;
  int warmup = 0;
  int repetitions = 1;
  std::string score = "all";  // "all" | "last" | "none"
  std::string output_dir = ".";
  // External-data `location` as written in a graph → its file (relative to the plan or
  // absolute): graphs pushed into a content-addressed cache have no weights.data beside them.
  std::map<std::string, std::string> data_files;
  std::string hold_file;  // empty: never held; else each repetition waits while it exists
};

/** Reads and checks the plan at `path`; throws Failure plan-unreadable or plan-invalid. */
Plan read_plan(const std::string& path);

/** Reads the prompt: int32 little-endian tokens; throws Failure prompt-invalid. */
std::vector<int64_t> read_prompt(const Plan& plan);

/** `relative` resolved against the plan's folder (absolute paths are kept). */
std::string plan_path(const Plan& plan, const std::string& relative);

}  // namespace edge
