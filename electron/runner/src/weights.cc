#include "weights.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <climits>
#include <cstdlib>
#include <iterator>

#include "initializers.h"
#include "tensors.h"

namespace edge {

/** One data file mapped read-only (RAII): the only copy of its weights in the process. */
struct SharedWeights::Mapping {
  void* bytes = MAP_FAILED;
  uint64_t size = 0;
  ~Mapping() {
    if (bytes != MAP_FAILED) munmap(bytes, size);
  }
};

namespace {

/** Bits per element by ONNX type number (onnx.proto TensorProto.DataType); 0: not shared. */
constexpr int kBits[] = {0,  32, 8,   8,  16, 16, 32, 64, /*string*/ 0, 8, 16, 64, 32,
                         64, 64, 128, 16, 8,  8,  8,  8,  /*4-bit*/ 4,  4, 4};

/** Bytes of `count` elements of an ONNX type (4-bit ones packed two a byte); 0 if unknown. */
uint64_t byte_size(int32_t type, uint64_t count) {
  const int bits = type >= 0 && type < static_cast<int32_t>(std::size(kBits)) ? kBits[type] : 0;
  return (count * bits + 7) / 8;
}

std::string folder_of(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

std::string real_path(const std::string& path) {
  char resolved[PATH_MAX];
  return realpath(path.c_str(), resolved) != nullptr ? std::string(resolved) : std::string();
}

std::string dims_key(const std::vector<int64_t>& dims) { return shape_text(dims); }

}  // namespace

SharedWeights::SharedWeights()
    : memory_(Ort::MemoryInfo::CreateCpu(OrtDeviceAllocator, OrtMemTypeDefault)) {}

// The values go before the mappings under them: members are destroyed in reverse order.
SharedWeights::~SharedWeights() { values_.clear(); }

const SharedWeights::Mapping* SharedWeights::map(const std::string& file) {
  const auto found = files_.find(file);
  if (found != files_.end()) return found->second.get();
  auto mapping = std::make_unique<Mapping>();
  const int fd = open(file.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat info {};
  if (fd >= 0 && fstat(fd, &info) == 0 && info.st_size > 0) {
    mapping->size = static_cast<uint64_t>(info.st_size);
    // Read-only and private: a page is read from the file when first touched, and ORT never
    // writes to an initializer (a write would fault here instead of corrupting the file).
    mapping->bytes = mmap(nullptr, mapping->size, PROT_READ, MAP_PRIVATE, fd, 0);
  }
  if (fd >= 0) close(fd);
  const Mapping* kept = mapping->bytes == MAP_FAILED ? nullptr : mapping.get();
  files_.emplace(file, kept != nullptr ? std::move(mapping) : nullptr);
  return kept;
}

void SharedWeights::release_pages() {
  for (const auto& [file, mapping] : files_)
    if (mapping != nullptr) madvise(mapping->bytes, mapping->size, MADV_DONTNEED);
}

SharedWeights::Trimmer::Trimmer(SharedWeights& weights)
    : thread_([this, &weights] {
        std::unique_lock<std::mutex> lock(mutex_);
        while (!wake_.wait_for(lock, std::chrono::milliseconds(2), [this] { return stop_; }))
          weights.release_pages();
      }) {}

SharedWeights::Trimmer::~Trimmer() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void SharedWeights::share(const std::string& graph_path, Ort::SessionOptions& options) {
  const std::string folder = folder_of(graph_path);
  for (const ExternalInitializer& tensor : external_initializers(graph_path)) {
    uint64_t count = 1;
    for (const int64_t dim : tensor.dims) count *= dim < 0 ? 0 : static_cast<uint64_t>(dim);
    const std::string file = real_path(folder + "/" + tensor.location);
    const Mapping* mapping = file.empty() ? nullptr : map(file);
    // Anything unusual (a size that does not match, a range past the end) is left to ORT's own
    // loader, which reports it in its words.
    if (mapping == nullptr || byte_size(tensor.data_type, count) != tensor.length ||
        tensor.length == 0 || tensor.offset > mapping->size ||
        tensor.length > mapping->size - tensor.offset)
      continue;
    const Key key{file, tensor.offset, tensor.length, tensor.data_type, dims_key(tensor.dims)};
    auto value = values_.find(key);
    if (value == values_.end()) {
      void* data = static_cast<uint8_t*>(mapping->bytes) + tensor.offset;
      value = values_
                  .emplace(key,
                           Ort::Value::CreateTensor(
                               memory_, data, tensor.length, tensor.dims.data(), tensor.dims.size(),
                               static_cast<ONNXTensorElementDataType>(tensor.data_type)))
                  .first;
      shared_bytes_ += tensor.length;
    }
    options.AddInitializer(tensor.name.c_str(), value->second);
  }
}

}  // namespace edge
