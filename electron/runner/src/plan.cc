#include "plan.h"

#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "failure.h"
#include "nlohmann/json.hpp"

namespace edge {

using nlohmann::json;

namespace {

[[noreturn]] void invalid(const std::string& field, const std::string& why) {
  throw Failure("plan-invalid", field + ": " + why);
}

/** Every key of `object` must be one of `known`: a misspelt field is an error, not a default. */
void only_keys(const json& object, const std::string& where, const std::set<std::string>& known) {
  for (const auto& item : object.items())
    if (known.count(item.key()) == 0) invalid(where + item.key(), "unknown field");
}

const json& member(const json& object, const std::string& key, const std::string& where) {
  const auto found = object.find(key);
  if (found == object.end()) invalid(where + key, "required");
  return *found;
}

std::string text(const json& value, const std::string& field) {
  if (!value.is_string() || value.get<std::string>().empty()) invalid(field, "expected a name");
  return value.get<std::string>();
}

int64_t integer(const json& value, const std::string& field, int64_t low, int64_t high) {
  if (!value.is_number_integer()) invalid(field, "expected an integer");
  const int64_t number = value.get<int64_t>();
  if (number < low || number > high)
    invalid(field, "expected " + std::to_string(low) + " to " + std::to_string(high));
  return number;
}

std::string optional_text(const json& object, const std::string& key, const std::string& where) {
  return object.contains(key) ? text(object[key], where + key) : std::string();
}

GraphSpec graph_spec(const json& value, const std::string& field) {
  if (!value.is_object()) invalid(field, "expected an object");
  only_keys(value, field + ".", {"file", "dims"});
  GraphSpec spec;
  spec.file = text(member(value, "file", field + "."), field + ".file");
  if (value.contains("dims")) {
    const json& dims = value["dims"];
    if (!dims.is_object()) invalid(field + ".dims", "expected an object");
    for (const auto& item : dims.items())
      spec.dims[item.key()] = integer(item.value(), field + ".dims." + item.key(), 1, 1 << 24);
  }
  return spec;
}

ConstantSpec constant_spec(const json& value, const std::string& field) {
  if (!value.is_object()) invalid(field, "expected an object");
  only_keys(value, field + ".", {"name", "type", "shape", "values"});
  ConstantSpec spec;
  spec.name = text(member(value, "name", field + "."), field + ".name");
  spec.type = text(member(value, "type", field + "."), field + ".type");
  if (spec.type != "int64" && spec.type != "int32" && spec.type != "float32")
    invalid(field + ".type", "expected int64, int32 or float32");
  const json& shape = member(value, "shape", field + ".");
  const json& values = member(value, "values", field + ".");
  if (!shape.is_array()) invalid(field + ".shape", "expected an array");
  if (!values.is_array()) invalid(field + ".values", "expected an array");
  int64_t count = 1;
  for (size_t i = 0; i < shape.size(); ++i) {
    spec.shape.push_back(integer(shape[i], field + ".shape." + std::to_string(i), 1, 1 << 24));
    count *= spec.shape.back();
    if (count > (1 << 24)) invalid(field + ".shape", "too many elements");
  }
  for (size_t i = 0; i < values.size(); ++i) {
    if (!values[i].is_number())
      invalid(field + ".values." + std::to_string(i), "expected a number");
    spec.values.push_back(values[i].get<double>());
  }
  if (static_cast<int64_t>(spec.values.size()) != count)
    invalid(field + ".values", "expected " + std::to_string(count) + " values for its shape");
  return spec;
}

StateSpec state_spec(const json& value, const std::string& field) {
  if (!value.is_object()) invalid(field, "expected an object");
  only_keys(value, field + ".", {"input", "output"});
  return {text(member(value, "input", field + "."), field + ".input"),
          text(member(value, "output", field + "."), field + ".output")};
}

void read_inputs(const json& inputs, Plan& plan) {
  if (!inputs.is_object()) invalid("inputs", "expected an object");
  only_keys(inputs, "inputs.", {"tokens", "positions", "chunk_mask"});
  plan.tokens_input = text(member(inputs, "tokens", "inputs."), "inputs.tokens");
  plan.positions_input = optional_text(inputs, "positions", "inputs.");
  plan.chunk_mask_input = optional_text(inputs, "chunk_mask", "inputs.");
}

void read_run(const json& root, Plan& plan) {
  if (root.contains("decode_tokens"))
    plan.decode_tokens =
        static_cast<int>(integer(root["decode_tokens"], "decode_tokens", 0, 1 << 20));
  if (plan.decode_tokens > 0 && !plan.has_decode) invalid("decode_tokens", "needs graphs.decode");
  if (root.contains("threads"))
    plan.threads = static_cast<int>(integer(root["threads"], "threads", 1, 256));
  if (root.contains("warmup"))
    plan.warmup = static_cast<int>(integer(root["warmup"], "warmup", 0, 1000));
  if (root.contains("repetitions"))
    plan.repetitions = static_cast<int>(integer(root["repetitions"], "repetitions", 1, 100000));
  if (root.contains("ep")) plan.ep = text(root["ep"], "ep");
  if (plan.ep != "cpu" && plan.ep != "xnnpack" && plan.ep != "nnapi" && plan.ep != "qnn")
    invalid("ep", "expected cpu, xnnpack, nnapi or qnn");
  if (root.contains("ep_fallback")) {
    if (!root["ep_fallback"].is_boolean()) invalid("ep_fallback", "expected true or false");
    plan.ep_fallback = root["ep_fallback"].get<bool>();
  }
  if (root.contains("score")) plan.score = text(root["score"], "score");
  if (plan.score != "all" && plan.score != "last" && plan.score != "none")
    invalid("score", "expected all, last or none");
  if (root.contains("output_dir")) plan.output_dir = text(root["output_dir"], "output_dir");
  plan.hold_file = optional_text(root, "hold_file", "");
}

void read_data_files(const json& root, Plan& plan) {
  if (!root.contains("data_files")) return;
  const json& files = root["data_files"];
  if (!files.is_object()) invalid("data_files", "expected an object");
  for (const auto& item : files.items()) {
    if (item.key().empty()) invalid("data_files", "expected a location, got an empty key");
    plan.data_files[item.key()] = text(item.value(), "data_files." + item.key());
  }
}

void read_wiring(const json& root, Plan& plan) {
  read_inputs(member(root, "inputs", ""), plan);
  if (root.contains("constants")) {
    const json& constants = root["constants"];
    if (!constants.is_array()) invalid("constants", "expected an array");
    for (size_t i = 0; i < constants.size(); ++i)
      plan.constants.push_back(constant_spec(constants[i], "constants." + std::to_string(i)));
  }
  const json& state = member(root, "state", "");
  if (!state.is_array()) invalid("state", "expected an array");
  for (size_t i = 0; i < state.size(); ++i)
    plan.state.push_back(state_spec(state[i], "state." + std::to_string(i)));
  plan.logits_output = text(member(root, "logits", ""), "logits");
  plan.pad_token = integer(member(root, "pad_token", ""), "pad_token", 0, INT32_MAX);
  plan.prompt_file = text(member(root, "prompt", ""), "prompt");
}

Plan parse_plan(const json& root, const std::string& dir) {
  if (!root.is_object()) invalid("plan", "expected a JSON object");
  only_keys(root, "",
            {"version", "graphs", "inputs", "constants", "state", "logits", "pad_token", "prompt",
             "decode_tokens", "ep", "ep_fallback", "threads", "warmup", "repetitions", "score",
             "output_dir", "data_files", "hold_file"});
  if (member(root, "version", "") != 1) invalid("version", "expected 1");
  Plan plan;
  plan.dir = dir;
  const json& graphs = member(root, "graphs", "");
  if (!graphs.is_object()) invalid("graphs", "expected an object");
  only_keys(graphs, "graphs.", {"prefill", "decode"});
  plan.prefill = graph_spec(member(graphs, "prefill", "graphs."), "graphs.prefill");
  plan.has_decode = graphs.contains("decode");
  if (plan.has_decode) plan.decode = graph_spec(graphs["decode"], "graphs.decode");
  read_wiring(root, plan);
  read_run(root, plan);
  read_data_files(root, plan);
  return plan;
}

std::string read_file(const std::string& path, const std::string& code, const std::string& name) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw Failure(code, "cannot read " + name + ": " + std::strerror(errno));
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

}  // namespace

Plan read_plan(const std::string& path) {
  const std::string bytes = read_file(path, "plan-unreadable", "the plan");
  const json root = json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) throw Failure("plan-invalid", "plan: not valid JSON");
  const size_t slash = path.find_last_of('/');
  return parse_plan(root, slash == std::string::npos ? "." : path.substr(0, slash));
}

std::vector<int64_t> read_prompt(const Plan& plan) {
  const std::string bytes =
      read_file(plan_path(plan, plan.prompt_file), "prompt-invalid", "the prompt");
  if (bytes.empty() || bytes.size() % 4 != 0)
    throw Failure("prompt-invalid",
                  "the prompt must be int32 tokens (a non-empty multiple of 4 bytes)");
  std::vector<int64_t> tokens(bytes.size() / 4);
  for (size_t i = 0; i < tokens.size(); ++i) {
    int32_t token = 0;
    std::memcpy(&token, bytes.data() + 4 * i, 4);  // little-endian on every target ABI
    if (token < 0) throw Failure("prompt-invalid", "token " + std::to_string(i) + " is negative");
    tokens[i] = token;
  }
  return tokens;
}

std::string plan_path(const Plan& plan, const std::string& relative) {
  if (!relative.empty() && relative[0] == '/') return relative;
  return plan.dir + "/" + relative;
}

}  // namespace edge
