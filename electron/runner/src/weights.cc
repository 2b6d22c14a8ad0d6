#include "weights.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <climits>
#include <cstdlib>
#include <iterator>

#include "failure.h"
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

SharedWeights::SharedWeights(const Plan& plan)
    : memory_(Ort::MemoryInfo::CreateCpu(OrtDeviceAllocator, OrtMemTypeDefault)) {
  for (const auto& [location, file] : plan.data_files)
    data_files_[location] = plan_path(plan, file);
}

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

/**
 * ORT checks that every external-data location exists beside the graph before it looks at
 * shared initializers. Given as external initializers too (the same values over the mapping), the
 * tensors found through data_files stop naming a location at all, so ORT never opens it. But ORT
 * copies such tensors into its graph (its API says so) and keeps the copy: README "Weights once"
 * gives the cost, and the way to drop it (the locations rewritten in a copy of the graph bytes).
 */
void SharedWeights::hand_over(const std::vector<std::pair<std::string, const OrtValue*>>& tensors,
                              Ort::SessionOptions& options) {
  if (tensors.empty()) return;
  std::vector<const char*> names;
  std::vector<const OrtValue*> values;
  for (const auto& [name, value] : tensors) {
    names.push_back(name.c_str());
    values.push_back(value);
  }
  // The C API borrows the values (the C++ wrapper would want to own them).
  Ort::ThrowOnError(Ort::GetApi().AddExternalInitializers(options, names.data(), values.data(),
                                                          names.size()));
}

std::string SharedWeights::share(const std::string& graph_path, Ort::SessionOptions& options) {
  const GraphInitializers initializers = read_initializers(graph_path);
  if (graphs_.insert(real_path(graph_path)).second) embedded_bytes_ += initializers.embedded_bytes;
  const std::string folder = folder_of(graph_path);
  std::vector<std::pair<std::string, const OrtValue*>> listed_tensors;  // through data_files
  std::map<std::string, std::string> renames;  // location → name of its file, in `folders`
  std::set<std::string> folders;               // of the files found through data_files
  bool beside = false;                         // some tensor's file is beside the graph
  for (const ExternalInitializer& tensor : initializers.external) {
    const auto listed = data_files_.find(tensor.location);
    const bool through_map = listed != data_files_.end();
    const std::string file =
        real_path(through_map ? listed->second : folder + "/" + tensor.location);
    if (file.empty())
      throw Failure("graph-unreadable",
                    graph_path + ": external data " + tensor.location +
                        (through_map ? " maps to " + listed->second + ", which cannot be read"
                                     : " is neither in data_files nor beside the graph"));
    beside = beside || !through_map;  // read from the graph's folder, by us or by ORT
    const Mapping* mapping = map(file);
    const bool fits = mapping != nullptr &&
                      tensor_bytes(tensor.data_type, tensor.dims) == tensor.length &&
                      tensor.length > 0 && tensor.offset <= mapping->size &&
                      tensor.length <= mapping->size - tensor.offset;
    if (!fits && through_map)
      throw Failure("graph-invalid", graph_path + ": initializer " + tensor.name +
                                         " does not fit in " + listed->second);
    // Beside the graph, anything unusual (a size that does not match, a range past the end) is
    // left to ORT's own loader, which reports it in its words.
    if (!fits) continue;
    if (through_map) {
      folders.insert(folder_of(file));
      renames[tensor.location] = file.substr(file.find_last_of('/') + 1);
    }
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
    if (through_map) listed_tensors.emplace_back(tensor.name, value->second);
  }
  if (listed_tensors.empty()) return {};
  if (!beside && folders.size() == 1) {
    std::string bytes = relocated(graph_path, renames);
    if (!bytes.empty()) {
      // ORT then checks (and, for the shared tensors, never reads) the files in that folder.
      options.AddConfigEntry("session.model_external_initializers_file_folder_path",
                             folders.begin()->c_str());
      return bytes;
    }
  }
  hand_over(listed_tensors, options);
  return {};
}

}  // namespace edge
