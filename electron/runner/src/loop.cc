#include "loop.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

#include "failure.h"
#include "memory.h"

namespace edge {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

int64_t argmax(const float* row, size_t vocab) {
  return static_cast<int64_t>(std::max_element(row, row + vocab) - row);
}

bool same_spec(const TensorSpec& a, const TensorSpec& b) {
  return a.type == b.type && a.shape == b.shape;
}

}  // namespace

Loop::Loop(const Plan& plan, Graph& prefill, Graph* decode, const Events& events, Cancel& cancel)
    : plan_(plan),
      hold_path_(plan.hold_file.empty() ? "" : plan_path(plan, plan.hold_file)),
      prefill_(prefill),
      decode_(decode),
      events_(events),
      cancel_(cancel) {
  for (const auto& spec : plan.constants) {
    constants_.emplace(spec.name, constant(spec, prefill.input(spec.name)));
    if (decode_ != nullptr) constant(spec, decode_->input(spec.name));  // same type and shape
  }
  for (const auto& state : plan.state)
    if (decode_ != nullptr && !same_spec(prefill.input(state.input), decode_->input(state.input)))
      throw Failure("graph-mismatch",
                    "state " + state.input + " is " + shape_text(prefill.input(state.input).shape) +
                        " in the prefill graph but " +
                        shape_text(decode_->input(state.input).shape) + " in the decode graph");
}

void Loop::run(const std::vector<int64_t>& prompt) {
  for (int w = 0; w < plan_.warmup; ++w) repetition(w, true, prompt);
  for (int rep = 0; rep < plan_.repetitions; ++rep) repetition(rep, false, prompt);
}

void Loop::wait_while_held(int rep, bool warmup) const {
  // One access() per repetition when the file is absent: nothing measurable.
  if (hold_path_.empty() || access(hold_path_.c_str(), F_OK) != 0) return;
  const auto held = Clock::now();
  while (access(hold_path_.c_str(), F_OK) == 0) {
    check_cancel();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  check_cancel();
  events_.held(rep, warmup, ms_since(held));
}

void Loop::repetition(int rep, bool warmup, const std::vector<int64_t>& prompt) {
  wait_while_held(rep, warmup);
  reset_state();
  Rep result;
  const auto started = Clock::now();
  const size_t chunk = static_cast<size_t>(prefill_.chunk());
  std::vector<float> last;
  for (size_t start = 0, index = 0; start < prompt.size(); start += chunk, ++index) {
    const std::vector<int64_t> tokens(prompt.begin() + start,
                                      prompt.begin() + std::min(prompt.size(), start + chunk));
    last = call(prefill_, tokens, rep, static_cast<int>(index), warmup, false);
    if (plan_.score == "all") result.scored.insert(result.scored.end(), last.begin(), last.end());
  }
  int64_t next = argmax(last.data() + last.size() - vocab_, vocab_);
  result.generated.push_back(next);
  if (plan_.score == "last") result.scored.assign(last.end() - vocab_, last.end());
  events_.first_token(rep, warmup, ms_since(started));
  if (!warmup) events_.memory(read_memory());
  for (int step = 0; step < plan_.decode_tokens; ++step) {
    const auto step_started = Clock::now();
    const std::vector<float> row = call(*decode_, {next}, rep, step, warmup, true);
    events_.token(rep, warmup, step, ms_since(step_started));
    if (plan_.score == "all") result.scored.insert(result.scored.end(), row.begin(), row.end());
    next = argmax(row.data(), vocab_);
    result.generated.push_back(next);
  }
  if (warmup) return;
  events_.memory(read_memory());
  result.rows = vocab_ == 0 ? 0 : result.scored.size() / vocab_;
  write_output(rep, result);
}

std::vector<float> Loop::call(Graph& graph, const std::vector<int64_t>& tokens, int rep, int index,
                              bool warmup, bool decoding) {
  check_cancel();
  const auto prepared = Clock::now();
  std::vector<Ort::Value> fresh;
  const std::vector<const OrtValue*> inputs = inputs_for(graph, tokens, fresh);
  const double build_ms = ms_since(prepared);
  const auto computed = Clock::now();
  std::vector<Ort::Value> outputs = run_graph(graph, inputs);
  const double compute_ms = ms_since(computed);
  const auto handed = Clock::now();
  std::vector<float> rows = logits_rows(graph, outputs[0], tokens.size());
  take_state(graph, outputs);
  position_ += static_cast<int64_t>(tokens.size());
  if (!decoding)
    events_.chunk(rep, warmup, index, static_cast<int>(tokens.size()), compute_ms,
                  build_ms + ms_since(handed));
  return rows;
}

std::vector<Ort::Value> Loop::run_graph(Graph& graph, const std::vector<const OrtValue*>& inputs) {
  std::vector<const char*> input_names;
  for (const std::string& name : graph.input_names()) input_names.push_back(name.c_str());
  std::vector<const char*> output_names = {plan_.logits_output.c_str()};
  for (const auto& state : plan_.state) output_names.push_back(state.output.c_str());
  // The C API takes borrowed inputs (constants and state stay owned by this loop).
  std::vector<OrtValue*> raw(output_names.size(), nullptr);
  OrtStatus* status =
      Ort::GetApi().Run(graph.session(), cancel_.run_options(), input_names.data(), inputs.data(),
                        inputs.size(), output_names.data(), output_names.size(), raw.data());
  std::vector<Ort::Value> outputs;
  for (OrtValue* value : raw) outputs.emplace_back(value);  // owned from here on
  if (status != nullptr) {
    const std::string message = Ort::GetApi().GetErrorMessage(status);
    Ort::GetApi().ReleaseStatus(status);
    check_cancel();  // a terminated run is a cancellation, not a failure
    throw Failure("run-failed", message);
  }
  return outputs;
}

std::vector<float> Loop::logits_rows(const Graph& graph, const Ort::Value& logits, size_t real) {
  const TensorSpec spec = spec_of(logits);
  if (spec.type != ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT || spec.shape.size() != 3 ||
      spec.shape[1] != graph.chunk() || spec.shape[2] < 1)
    throw Failure("graph-mismatch", plan_.logits_output + " must be float32 [1, " +
                                        std::to_string(graph.chunk()) + ", vocab], got " +
                                        shape_text(spec.shape));
  vocab_ = static_cast<size_t>(spec.shape[2]);
  const float* data = logits.GetTensorData<float>();
  return std::vector<float>(data, data + real * vocab_);
}

std::vector<const OrtValue*> Loop::inputs_for(Graph& graph, const std::vector<int64_t>& tokens,
                                              std::vector<Ort::Value>& fresh) const {
  const size_t chunk = static_cast<size_t>(graph.chunk());
  std::vector<int64_t> ids(chunk, plan_.pad_token);
  std::vector<int64_t> positions(chunk);
  std::vector<float> mask(chunk, 0.0f);
  for (size_t i = 0; i < chunk; ++i) {
    positions[i] = position_ + static_cast<int64_t>(i);
    if (i < tokens.size()) {
      ids[i] = tokens[i];
      mask[i] = 1.0f;
    }
  }
  // Moving an Ort::Value keeps its OrtValue, so these pointers stay valid as `fresh` grows.
  const auto keep = [&fresh](Ort::Value value) -> const OrtValue* {
    fresh.push_back(std::move(value));
    return fresh.back();
  };
  std::vector<const OrtValue*> values;
  for (const std::string& name : graph.input_names()) {
    const TensorSpec& spec = graph.input(name);
    if (name == plan_.tokens_input)
      values.push_back(keep(integers(ids, spec)));
    else if (name == plan_.positions_input)
      values.push_back(keep(integers(positions, spec)));
    else if (name == plan_.chunk_mask_input)
      values.push_back(keep(floats(mask, spec)));
    else if (constants_.count(name) > 0)
      values.push_back(constants_.at(name));
    else
      values.push_back(state_.at(name));
  }
  return values;
}

void Loop::take_state(const Graph& graph, std::vector<Ort::Value>& outputs) {
  for (size_t i = 0; i < plan_.state.size(); ++i) {
    const StateSpec& state = plan_.state[i];
    const TensorSpec got = spec_of(outputs[i + 1]);
    if (!same_spec(got, graph.input(state.input)))
      throw Failure("graph-mismatch", "output " + state.output + " is " + type_name(got.type) +
                                          " " + shape_text(got.shape) + " but state " +
                                          state.input + " is " +
                                          shape_text(graph.input(state.input).shape));
    state_.erase(state.input);
    state_.emplace(state.input, std::move(outputs[i + 1]));
  }
}

void Loop::reset_state() {
  state_.clear();
  for (const auto& state : plan_.state)
    state_.emplace(state.input, zeros(prefill_.input(state.input)));
  position_ = 0;
}

void Loop::write_output(int rep, const Rep& result) const {
  std::string relative;
  if (plan_.score != "none") {
    relative = (plan_.output_dir == "." ? "" : plan_.output_dir + "/") + "logits-" +
               std::to_string(rep) + ".f32";
    mkdir(plan_path(plan_, plan_.output_dir).c_str(), 0755);
    std::FILE* file = std::fopen(plan_path(plan_, relative).c_str(), "wb");
    const bool written =
        file != nullptr && std::fwrite(result.scored.data(), sizeof(float), result.scored.size(),
                                       file) == result.scored.size();
    if (file != nullptr && std::fclose(file) != 0)
      throw Failure("output-unwritable", "cannot write " + relative);
    if (!written) throw Failure("output-unwritable", "cannot write " + relative);
  }
  events_.output(rep, result.generated, relative, result.rows, vocab_);
}

void Loop::check_cancel() const {
  if (cancel_.requested()) throw Failure("cancelled", "stopped by a signal");
}

}  // namespace edge
