#include "loop.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

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

bool same_spec(const TensorSpec& a, const TensorSpec& b) { return a.type == b.type && a.shape == b.shape; }

}  // namespace

Loop::Loop(const Plan& plan, Graph& prefill, Graph* decode, const Events& events, Cancel& cancel)
    : plan_(plan), prefill_(prefill), decode_(decode), events_(events), cancel_(cancel) {
  for (const auto& spec : plan.constants) {
    constants_.emplace(spec.name, constant(spec, prefill.input(spec.name)));
    if (decode_ != nullptr) constant(spec, decode_->input(spec.name));  // same type and shape
  }
  for (const auto& state : plan.state)
    if (decode_ != nullptr && !same_spec(prefill.input(state.input), decode_->input(state.input)))
      throw Failure("graph-mismatch", "state " + state.input + " is " +
                                          shape_text(prefill.input(state.input).shape) +
                                          " in the prefill graph but " +
                                          shape_text(decode_->input(state.input).shape) + " in the decode graph");
}

void Loop::run(const std::vector<int64_t>& prompt) {
  for (int w = 0; w < plan_.warmup; ++w) repetition(-1, false, prompt);
  for (int rep = 0; rep < plan_.repetitions; ++rep) repetition(rep, true, prompt);
}

void Loop::repetition(int rep, bool measured, const std::vector<int64_t>& prompt) {
  reset_state();
  Rep result;
  const auto started = Clock::now();
  const size_t chunk = static_cast<size_t>(prefill_.chunk());
  std::vector<float> last;
  for (size_t start = 0, index = 0; start < prompt.size(); start += chunk, ++index) {
    const std::vector<int64_t> tokens(prompt.begin() + start,
                                      prompt.begin() + std::min(prompt.size(), start + chunk));
    last = call(prefill_, tokens, rep, static_cast<int>(index), measured, false);
    if (plan_.score == "all") result.scored.insert(result.scored.end(), last.begin(), last.end());
  }
  int64_t next = argmax(last.data() + last.size() - vocab_, vocab_);
  result.generated.push_back(next);
  if (plan_.score == "last") result.scored.assign(last.end() - vocab_, last.end());
  if (measured) events_.first_token(rep, ms_since(started));
  if (measured) events_.memory(read_memory());
  for (int step = 0; step < plan_.decode_tokens; ++step) {
    const auto step_started = Clock::now();
    const std::vector<float> row = call(*decode_, {next}, rep, step, measured, true);
    if (measured) events_.token(rep, step, ms_since(step_started));
    if (plan_.score == "all") result.scored.insert(result.scored.end(), row.begin(), row.end());
    next = argmax(row.data(), vocab_);
    result.generated.push_back(next);
  }
  if (!measured) return;
  events_.memory(read_memory());
  result.rows = vocab_ == 0 ? 0 : result.scored.size() / vocab_;
  write_output(rep, result);
}

std::vector<float> Loop::call(Graph& graph, const std::vector<int64_t>& tokens, int rep, int index,
                              bool measured, bool decoding) {
  check_cancel();
  const auto prepared = Clock::now();
  std::vector<Ort::Value> fresh;
  const std::vector<const OrtValue*> input_values = inputs_for(graph, tokens, fresh);
  std::vector<const char*> input_names;
  for (const std::string& name : graph.input_names()) input_names.push_back(name.c_str());
  std::vector<const char*> output_names = {plan_.logits_output.c_str()};
  for (const auto& state : plan_.state) output_names.push_back(state.output.c_str());
  std::vector<OrtValue*> raw_outputs(output_names.size(), nullptr);
  const double build_ms = ms_since(prepared);
  const auto computed = Clock::now();
  OrtStatus* status = Ort::GetApi().Run(graph.session(), cancel_.run_options(), input_names.data(),
                                        input_values.data(), input_values.size(), output_names.data(),
                                        output_names.size(), raw_outputs.data());
  std::vector<Ort::Value> outputs;
  for (OrtValue* raw : raw_outputs) outputs.emplace_back(raw);  // owned from here on
  if (status != nullptr) {
    const std::string message = Ort::GetApi().GetErrorMessage(status);
    Ort::GetApi().ReleaseStatus(status);
    check_cancel();
    throw Failure("run-failed", message);
  }
  const double compute_ms = ms_since(computed);
  const auto handed = Clock::now();
  const TensorSpec logits = spec_of(outputs[0]);
  const int64_t width = static_cast<int64_t>(tokens.size());
  if (logits.type != ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT || logits.shape.size() != 3 ||
      logits.shape[1] != graph.chunk() || logits.shape[2] < 1)
    throw Failure("graph-mismatch", plan_.logits_output + " must be float32 [1, " +
                                        std::to_string(graph.chunk()) + ", vocab], got " + shape_text(logits.shape));
  vocab_ = static_cast<size_t>(logits.shape[2]);
  const float* data = outputs[0].GetTensorData<float>();
  std::vector<float> rows(data, data + width * logits.shape[2]);
  take_state(graph, outputs);
  position_ += width;
  if (measured && !decoding)
    events_.chunk(rep, index, static_cast<int>(width), compute_ms, build_ms + ms_since(handed));
  return rows;
}

std::vector<const OrtValue*> Loop::inputs_for(Graph& graph, const std::vector<int64_t>& tokens,
                                             std::vector<Ort::Value>& fresh) const {
  const size_t chunk = static_cast<size_t>(graph.chunk());
  std::vector<int64_t> ids(chunk, plan_.pad_token);
  std::vector<int64_t> positions(chunk);
  std::vector<float> mask(chunk, 0.0f);
  for (size_t i = 0; i < chunk; ++i) {
    positions[i] = position_ + static_cast<int64_t>(i);
    if (i < tokens.size()) ids[i] = tokens[i], mask[i] = 1.0f;
  }
  std::vector<const OrtValue*> values;
  for (const std::string& name : graph.input_names()) {
    if (name == plan_.tokens_input) fresh.push_back(integers(ids, graph.input(name)));
    else if (name == plan_.positions_input) fresh.push_back(integers(positions, graph.input(name)));
    else if (name == plan_.chunk_mask_input) fresh.push_back(floats(mask, graph.input(name)));
    else if (constants_.count(name)) {
      values.push_back(constants_.at(name));
      continue;
    } else {
      values.push_back(state_.at(name));
      continue;
    }
    // Moving an Ort::Value keeps its OrtValue, so this pointer stays valid as `fresh` grows.
    values.push_back(fresh.back());
  }
  return values;
}

void Loop::take_state(const Graph& graph, std::vector<Ort::Value>& outputs) {
  for (size_t i = 0; i < plan_.state.size(); ++i) {
    const StateSpec& state = plan_.state[i];
    const TensorSpec got = spec_of(outputs[i + 1]);
    if (!same_spec(got, graph.input(state.input)))
      throw Failure("graph-mismatch", "output " + state.output + " is " + type_name(got.type) + " " +
                                          shape_text(got.shape) + " but state " + state.input + " is " +
                                          shape_text(graph.input(state.input).shape));
    state_.erase(state.input);
    state_.emplace(state.input, std::move(outputs[i + 1]));
  }
}

void Loop::reset_state() {
  state_.clear();
  for (const auto& state : plan_.state) state_.emplace(state.input, zeros(prefill_.input(state.input)));
  position_ = 0;
}

void Loop::write_output(int rep, const Rep& result) const {
  std::string relative;
  if (plan_.score != "none") {
    relative = (plan_.output_dir == "." ? "" : plan_.output_dir + "/") + "logits-" + std::to_string(rep) + ".f32";
    mkdir(plan_path(plan_, plan_.output_dir).c_str(), 0755);
    std::FILE* file = std::fopen(plan_path(plan_, relative).c_str(), "wb");
    const bool written = file != nullptr &&
                         std::fwrite(result.scored.data(), sizeof(float), result.scored.size(), file) ==
                             result.scored.size();
    if (file != nullptr && std::fclose(file) != 0) throw Failure("output-unwritable", "cannot write " + relative);
    if (!written) throw Failure("output-unwritable", "cannot write " + relative);
  }
  events_.output(rep, result.generated, relative, result.rows, vocab_);
}

void Loop::check_cancel() const {
  if (cancel_.requested()) throw Failure("cancelled", "stopped by a signal");
}

}  // namespace edge
