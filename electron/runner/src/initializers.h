// The initializers a graph file keeps in external data files, read straight from the ONNX
// protobuf (ModelProto.graph.initializer) without a protobuf library: name, element type, dims
// and where the bytes are. The runner needs this to share one copy of each weight between the
// prefill and decode sessions (weights.h); ORT's API does not list a model's initializers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace edge {

struct ExternalInitializer {
  std::string name;
  int32_t data_type = 0;  // TensorProto.DataType: the same numbers as ONNXTensorElementDataType
  std::vector<int64_t> dims;
  std::string location;  // relative to the graph file's folder
  uint64_t offset = 0;
  uint64_t length = 0;
};

/**
 * The top-level initializers of the graph at `path` whose data is external (subgraph ones are
 * left to ORT). A file that is not a well-formed ONNX protobuf gives an empty list: ORT reads it
 * next and reports the error in its own words.
 */
std::vector<ExternalInitializer> external_initializers(const std::string& path);

}  // namespace edge
