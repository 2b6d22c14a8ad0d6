// The initializers a graph file keeps in external data files, read straight from the ONNX
// protobuf (ModelProto.graph.initializer) without a protobuf library: name, element type, dims
// and where the bytes are. The runner needs this to share one copy of each weight between the
// prefill and decode sessions (weights.h); ORT's API does not list a model's initializers.
#pragma once

#include <cstdint>
#include <map>
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

/** The top-level initializers of one graph file (subgraph ones are left to ORT). */
struct GraphInitializers {
  std::vector<ExternalInitializer> external;  // data in external files, with offset and length
  uint64_t embedded_bytes = 0;                // tensor bytes of those stored in the graph itself
};

/**
 * Reads the initializers of the graph at `path`. A file that is not a well-formed ONNX protobuf
 * gives nothing: ORT reads it next and reports the error in its own words.
 */
GraphInitializers read_initializers(const std::string& path);

/**
 * The bytes of the graph at `path` with each top-level initializer's external-data location
 * renamed by `renames` (others as they are); empty when the file cannot be read or parsed.
 */
std::string relocated(const std::string& path, const std::map<std::string, std::string>& renames);

/** Bytes of a tensor of an ONNX type and dims (4-bit types packed two a byte); 0 if unknown. */
uint64_t tensor_bytes(int32_t data_type, const std::vector<int64_t>& dims);

}  // namespace edge
