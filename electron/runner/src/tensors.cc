#include "tensors.h"

#include <cstring>

#include "failure.h"

namespace edge {

namespace {

Ort::Value allocate(const TensorSpec& spec) {
  Ort::AllocatorWithDefaultOptions allocator;
  return Ort::Value::CreateTensor(allocator, spec.shape.data(), spec.shape.size(), spec.type);
}

template <typename T>
void fill(Ort::Value& value, const std::vector<T>& values) {
  T* data = value.GetTensorMutableData<T>();
  for (size_t i = 0; i < values.size(); ++i) data[i] = values[i];
}

}  // namespace

std::string type_name(ONNXTensorElementDataType type) {
  switch (type) {
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT:
      return "float32";
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16:
      return "float16";
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64:
      return "int64";
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32:
      return "int32";
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8:
      return "int8";
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8:
      return "uint8";
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL:
      return "bool";
    default:
      return "type " + std::to_string(static_cast<int>(type));
  }
}

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? "," : "") + std::to_string(shape[i]);
  return text + "]";
}

TensorSpec spec_of(const Ort::Value& value) {
  const auto info = value.GetTensorTypeAndShapeInfo();
  return {info.GetElementType(), info.GetShape()};
}

Ort::Value zeros(const TensorSpec& spec) {
  Ort::Value value = allocate(spec);
  std::memset(value.GetTensorMutableRawData(), 0, value.GetTensorSizeInBytes());
  return value;
}

Ort::Value constant(const ConstantSpec& constant, const TensorSpec& wanted) {
  if (type_name(wanted.type) != constant.type || wanted.shape != constant.shape)
    throw Failure("graph-mismatch", "constant " + constant.name + " is " + constant.type + " " +
                                        shape_text(constant.shape) + " but the graph wants " +
                                        type_name(wanted.type) + " " + shape_text(wanted.shape));
  Ort::Value value = allocate(wanted);
  if (constant.type == "float32")
    fill(value, std::vector<float>(constant.values.begin(), constant.values.end()));
  if (constant.type == "int64")
    fill(value, std::vector<int64_t>(constant.values.begin(), constant.values.end()));
  if (constant.type == "int32")
    fill(value, std::vector<int32_t>(constant.values.begin(), constant.values.end()));
  return value;
}

Ort::Value integers(const std::vector<int64_t>& values, const TensorSpec& spec) {
  Ort::Value value = allocate(spec);
  if (spec.type == ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64)
    fill(value, values);
  else
    fill(value, std::vector<int32_t>(values.begin(), values.end()));
  return value;
}

Ort::Value floats(const std::vector<float>& values, const TensorSpec& spec) {
  Ort::Value value = allocate(spec);
  fill(value, values);
  return value;
}

}  // namespace edge
