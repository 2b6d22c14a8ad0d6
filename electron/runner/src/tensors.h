// Building and checking the tensors the loop feeds: zero state, plan constants, token chunks.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "onnxruntime_cxx_api.h"
#include "plan.h"

namespace edge {

/** Type and (concrete) shape of a tensor input or output. */
struct TensorSpec {
  ONNXTensorElementDataType type = ONNX_TENSOR_ELEMENT_DATA_TYPE_UNDEFINED;
  std::vector<int64_t> shape;
};

std::string type_name(ONNXTensorElementDataType type);
std::string shape_text(const std::vector<int64_t>& shape);
TensorSpec spec_of(const Ort::Value& value);

/** A tensor of `spec` filled with zeros (the state before the first chunk). */
Ort::Value zeros(const TensorSpec& spec);
/** The plan's constant, in the type the graph wants; throws graph-mismatch if that differs. */
Ort::Value constant(const ConstantSpec& constant, const TensorSpec& wanted);
/** An int64 or int32 tensor of `values` with the given shape (token ids, positions). */
Ort::Value integers(const std::vector<int64_t>& values, const TensorSpec& spec);
/** A float32 tensor of `values` with the given shape (the chunk mask). */
Ort::Value floats(const std::vector<float>& values, const TensorSpec& spec);

}  // namespace edge
