#include "initializers.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iterator>
#include <map>
#include <stdexcept>

namespace edge {

namespace {

/** Bits per element by ONNX type number (onnx.proto TensorProto.DataType); 0: not shared. */
constexpr int kBits[] = {0,  32, 8,   8,  16, 16, 32, 64, /*string*/ 0, 8, 16, 64, 32,
                         64, 64, 128, 16, 8,  8,  8,  8,  /*4-bit*/ 4,  4, 4};

// Protobuf wire types (developers.google.com/protocol-buffers/docs/encoding).
constexpr int kVarint = 0;
constexpr int kFixed64 = 1;
constexpr int kLengthDelimited = 2;
constexpr int kFixed32 = 5;

struct Malformed : std::runtime_error {
  Malformed() : std::runtime_error("malformed protobuf") {}
};

/** A cursor over one protobuf message's bytes. */
class Reader {
 public:
  Reader(const uint8_t* begin, const uint8_t* end) : at_(begin), end_(end) {}
  bool done() const { return at_ >= end_; }
  const uint8_t* at() const { return at_; }

  uint64_t varint() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at_ >= end_) throw Malformed();
      const uint8_t byte = *at_++;
      value |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    throw Malformed();
  }

  /** The next field's number and wire type. */
  std::pair<uint64_t, int> tag() {
    const uint64_t key = varint();
    return {key >> 3, static_cast<int>(key & 7)};
  }

  Reader nested() {
    const uint64_t length = varint();
    if (length > static_cast<uint64_t>(end_ - at_)) throw Malformed();
    const uint8_t* begin = at_;
    at_ += length;
    return Reader(begin, at_);
  }

  std::string text() {
    const Reader bytes = nested();
    return std::string(reinterpret_cast<const char*>(bytes.at_), bytes.end_ - bytes.at_);
  }

  void skip(int wire_type) {
    if (wire_type == kVarint) varint();
    if (wire_type == kLengthDelimited) nested();
    if (wire_type == kFixed64 || wire_type == kFixed32) {
      const ptrdiff_t size = wire_type == kFixed64 ? 8 : 4;
      if (end_ - at_ < size) throw Malformed();
      at_ += size;
    }
    if (wire_type != kVarint && wire_type != kLengthDelimited && wire_type != kFixed64 &&
        wire_type != kFixed32)
      throw Malformed();  // groups (3, 4) are not in onnx.proto
  }

 private:
  const uint8_t* at_;
  const uint8_t* end_;
};

/** StringStringEntryProto: key = 1, value = 2. */
std::pair<std::string, std::string> entry(Reader message) {
  std::pair<std::string, std::string> pair;
  while (!message.done()) {
    const auto [field, wire] = message.tag();
    if (field == 1 && wire == kLengthDelimited)
      pair.first = message.text();
    else if (field == 2 && wire == kLengthDelimited)
      pair.second = message.text();
    else
      message.skip(wire);
  }
  return pair;
}

enum class Stored { External, Embedded, Other };

/** TensorProto: dims = 1, data_type = 2, name = 8, external_data = 13, data_location = 14. */
Stored tensor(Reader message, ExternalInitializer& out) {
  uint64_t location_kind = 0;
  bool has_offset = false, has_length = false;
  while (!message.done()) {
    const auto [field, wire] = message.tag();
    if (field == 1 && wire == kVarint) {
      out.dims.push_back(static_cast<int64_t>(message.varint()));
    } else if (field == 1 && wire == kLengthDelimited) {
      for (Reader packed = message.nested(); !packed.done();)
        out.dims.push_back(static_cast<int64_t>(packed.varint()));
    } else if (field == 2 && wire == kVarint) {
      out.data_type = static_cast<int32_t>(message.varint());
    } else if (field == 8 && wire == kLengthDelimited) {
      out.name = message.text();
    } else if (field == 13 && wire == kLengthDelimited) {
      const auto [key, value] = entry(message.nested());
      if (key == "location") out.location = value;
      if (key == "offset") has_offset = true, out.offset = std::stoull(value);
      if (key == "length") has_length = true, out.length = std::stoull(value);
    } else if (field == 14 && wire == kVarint) {
      location_kind = message.varint();
    } else {
      message.skip(wire);  // raw_data and the typed data fields are skipped, never read
    }
  }
  if (location_kind != 1) return Stored::Embedded;
  // Without a length the tensor's size would have to come from its type: left to ORT.
  return !out.name.empty() && !out.location.empty() && has_offset && has_length ? Stored::External
                                                                                : Stored::Other;
}

GraphInitializers graph_initializers(Reader graph) {
  GraphInitializers found;
  while (!graph.done()) {
    const auto [field, wire] = graph.tag();
    if (field != 5 || wire != kLengthDelimited) {
      graph.skip(wire);
      continue;
    }
    ExternalInitializer initializer;
    const Stored stored = tensor(graph.nested(), initializer);
    if (stored == Stored::External) found.external.push_back(std::move(initializer));
    if (stored == Stored::Embedded)
      found.embedded_bytes += tensor_bytes(initializer.data_type, initializer.dims);
  }
  return found;
}

/** ModelProto.graph = 7. */
GraphInitializers model_initializers(Reader model) {
  while (!model.done()) {
    const auto [field, wire] = model.tag();
    if (field == 7 && wire == kLengthDelimited) return graph_initializers(model.nested());
    model.skip(wire);
  }
  return {};
}

void put_varint(std::string& out, uint64_t value) {
  for (; value >= 0x80; value >>= 7) out.push_back(static_cast<char>((value & 0x7f) | 0x80));
  out.push_back(static_cast<char>(value));
}

void put_bytes(std::string& out, uint64_t field, const std::string& body) {
  put_varint(out, field << 3 | kLengthDelimited);
  put_varint(out, body.size());
  out += body;
}

/** `message` again, with its (length-delimited) field `field` replaced by `edit(field)`. */
template <typename Edit>
std::string rewrite(Reader message, uint64_t field, Edit edit) {
  std::string out;
  while (!message.done()) {
    const uint8_t* start = message.at();
    const auto [number, wire] = message.tag();
    if (number == field && wire == kLengthDelimited) {
      put_bytes(out, field, edit(message.nested()));
      continue;
    }
    message.skip(wire);
    out.append(reinterpret_cast<const char*>(start), static_cast<size_t>(message.at() - start));
  }
  return out;
}

/** ModelProto.graph (7) → GraphProto.initializer (5) → TensorProto.external_data (13). */
std::string relocate_model(Reader model, const std::map<std::string, std::string>& renames) {
  const auto entry_edit = [&](Reader message) {
    auto [key, value] = entry(message);
    const auto renamed = renames.find(value);
    if (key == "location" && renamed != renames.end()) value = renamed->second;
    std::string body;
    put_bytes(body, 1, key);
    put_bytes(body, 2, value);
    return body;
  };
  const auto tensor_edit = [&](Reader tensor) { return rewrite(tensor, 13, entry_edit); };
  const auto graph_edit = [&](Reader graph) { return rewrite(graph, 5, tensor_edit); };
  return rewrite(model, 7, graph_edit);
}

/**
 * `parse` over the bytes of the file at `path`, mapped, not read (the pages of inline tensors the
 * reader skips are never touched); a default Result when it cannot be read or is not ONNX (or is
 * cut short): ORT reads it next and says what is wrong with it.
 */
template <typename Result, typename Parse>
Result parse_file(const std::string& path, Parse parse) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  struct stat info {};
  void* bytes = MAP_FAILED;
  if (fstat(fd, &info) == 0 && info.st_size > 0)
    bytes = mmap(nullptr, static_cast<size_t>(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (bytes == MAP_FAILED) return {};
  const auto* begin = static_cast<const uint8_t*>(bytes);
  Result result{};
  try {
    result = parse(Reader(begin, begin + info.st_size));
  } catch (const std::exception&) {
    result = {};
  }
  munmap(bytes, static_cast<size_t>(info.st_size));
  return result;
}

}  // namespace

uint64_t tensor_bytes(int32_t data_type, const std::vector<int64_t>& dims) {
  const int bits =
      data_type >= 0 && data_type < static_cast<int32_t>(std::size(kBits)) ? kBits[data_type] : 0;
  uint64_t count = 1;
  for (const int64_t dim : dims) count *= dim < 0 ? 0 : static_cast<uint64_t>(dim);
  return (count * bits + 7) / 8;
}

std::string relocated(const std::string& path, const std::map<std::string, std::string>& renames) {
  return parse_file<std::string>(path,
                                 [&](Reader model) { return relocate_model(model, renames); });
}

GraphInitializers read_initializers(const std::string& path) {
  return parse_file<GraphInitializers>(path, model_initializers);
}

}  // namespace edge
