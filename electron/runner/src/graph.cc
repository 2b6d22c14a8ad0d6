#include "graph.h"

#include <dlfcn.h>
#include <sys/stat.h>

#include <algorithm>
#include <set>

#include "failure.h"

namespace edge {

namespace {

const std::map<std::string, std::string>& provider_names() {
  static const std::map<std::string, std::string> names = {{"cpu", "CPUExecutionProvider"},
                                                           {"xnnpack", "XnnpackExecutionProvider"},
                                                           {"nnapi", "NnapiExecutionProvider"},
                                                           {"qnn", "QNNExecutionProvider"}};
  return names;
}

using NnapiAppend = OrtStatus* (*)(OrtSessionOptions*, uint32_t);

void append_ep(Ort::SessionOptions& options, const std::string& ep, int threads) {
  if (ep == "xnnpack")
    options.AppendExecutionProvider("XNNPACK", {{"intra_op_num_threads", std::to_string(threads)}});
  if (ep == "qnn") options.AppendExecutionProvider("QNN", {{"backend_path", "libQnnHtp.so"}});
  if (ep == "nnapi") {
    // Only the Android library exports it: resolved at run time, so one source builds everywhere.
    const auto append = reinterpret_cast<NnapiAppend>(
        dlsym(RTLD_DEFAULT, "OrtSessionOptionsAppendExecutionProvider_Nnapi"));
    if (append == nullptr) throw Failure("ep-unavailable", "nnapi: no NNAPI entry point");
    Ort::ThrowOnError(append(options, 0));
  }
}

TensorSpec input_spec(const Ort::Session& session, size_t index) {
  const Ort::TypeInfo info = session.GetInputTypeInfo(index);
  if (info.GetONNXType() != ONNX_TYPE_TENSOR) return {};
  const auto tensor = info.GetTensorTypeAndShapeInfo();
  return {tensor.GetElementType(), tensor.GetShape()};
}

Ort::Session open_session(Ort::Env& env, const Plan& plan, const GraphSpec& spec,
                          const std::string& ep, SharedWeights& weights) {
  const std::string path = plan_path(plan, spec.file);
  struct stat info {};
  if (stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode))
    throw Failure("graph-unreadable", "cannot read graph " + spec.file);
  Ort::SessionOptions options;
  options.SetIntraOpNumThreads(plan.threads);
  options.SetInterOpNumThreads(1);
  options.SetExecutionMode(ORT_SEQUENTIAL);
  for (const auto& [dim, value] : spec.dims)
    options.AddFreeDimensionOverrideByName(dim.c_str(), value);
  append_ep(options, ep, plan.threads);
  // Activations come from the one arena on the Env (share_arena), not one arena per session.
  options.AddConfigEntry("session.use_env_allocators", "1");
  const std::string relocated = weights.share(path, options);
  try {
    Ort::Session session = weights.trimming([&] {
      return relocated.empty() ? Ort::Session(env, path.c_str(), options, weights.container())
                               : Ort::Session(env, relocated.data(), relocated.size(), options,
                                              weights.container());
    });
    weights.release_pages();  // what the trimmer's last pass missed
    return session;
  } catch (const Ort::Exception& error) {
    throw Failure("graph-invalid", spec.file + ": " + error.what());
  }
}

}  // namespace

void share_arena(Ort::Env& env) {
  const Ort::MemoryInfo cpu = Ort::MemoryInfo::CreateCpu(OrtArenaAllocator, OrtMemTypeDefault);
  const Ort::ArenaCfg defaults(0, -1, -1, -1);  // ORT's defaults for every field
  env.CreateAndRegisterAllocator(cpu, defaults);
}

EpChoice choose_ep(const Plan& plan) {
  const std::vector<std::string> available = Ort::GetAvailableProviders();
  const std::string& wanted = provider_names().at(plan.ep);
  if (std::find(available.begin(), available.end(), wanted) != available.end())
    return {plan.ep, true};
  return {"cpu", false};
}

Graph::Graph(Ort::Env& env, const Plan& plan, const GraphSpec& spec, const std::string& ep,
             SharedWeights& weights)
    : session_(open_session(env, plan, spec, ep, weights)), name_(spec.file) {
  Ort::AllocatorWithDefaultOptions allocator;
  for (size_t i = 0; i < session_.GetInputCount(); ++i) {
    inputs_.push_back(session_.GetInputNameAllocated(i, allocator).get());
    input_specs_[inputs_.back()] = input_spec(session_, i);
  }
  for (size_t i = 0; i < session_.GetOutputCount(); ++i)
    outputs_.push_back(session_.GetOutputNameAllocated(i, allocator).get());
  check_wiring(plan);
  chunk_ = input(plan.tokens_input).shape[1];
}

bool Graph::has_output(const std::string& name) const {
  return std::find(outputs_.begin(), outputs_.end(), name) != outputs_.end();
}

void Graph::check_wiring(const Plan& plan) const {
  const auto mismatch = [this](const std::string& why) {
    throw Failure("graph-mismatch", name_ + ": " + why);
  };
  std::set<std::string> wired = {plan.tokens_input};
  if (!plan.positions_input.empty()) wired.insert(plan.positions_input);
  if (!plan.chunk_mask_input.empty()) wired.insert(plan.chunk_mask_input);
  for (const auto& constant : plan.constants) wired.insert(constant.name);
  for (const auto& state : plan.state) {
    wired.insert(state.input);
    if (!has_output(state.output))
      mismatch("no output " + state.output + " (state of " + state.input + ")");
  }
  for (const auto& name : wired)
    if (!has_input(name)) mismatch("no input " + name);
  for (const auto& name : inputs_) {
    if (wired.count(name) == 0) mismatch("input " + name + " is not in the plan");
    const TensorSpec& spec = input(name);
    if (spec.type == ONNX_TENSOR_ELEMENT_DATA_TYPE_UNDEFINED)
      mismatch("input " + name + " is not a tensor");
    for (const int64_t dim : spec.shape)
      if (dim < 1)
        mismatch("input " + name + " has a symbolic dim " + shape_text(spec.shape) +
                 ": pin it in dims");
  }
  if (!has_output(plan.logits_output)) mismatch("no output " + plan.logits_output);
  const TensorSpec& tokens = input(plan.tokens_input);
  if (tokens.shape.size() != 2 || tokens.shape[0] != 1) mismatch("tokens input must be [1, C]");
  if (tokens.type != ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 &&
      tokens.type != ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32)
    mismatch("tokens input must be int64 or int32");
  const auto same_as_tokens = [&](const std::string& name, bool integer) {
    if (name.empty()) return;
    const TensorSpec& spec = input(name);
    const bool type_ok = integer ? (spec.type == ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 ||
                                    spec.type == ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32)
                                 : spec.type == ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT;
    if (!type_ok || spec.shape != tokens.shape)
      mismatch("input " + name + " must be " + (integer ? "int64 " : "float32 ") +
               shape_text(tokens.shape));
  };
  same_as_tokens(plan.positions_input, true);
  same_as_tokens(plan.chunk_mask_input, false);
}

}  // namespace edge
