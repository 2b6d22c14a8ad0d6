// Weights once: the prefill and decode graphs of an artifact point at one external weights
// file. Each data file is mapped once, read-only; every external initializer of every graph
// becomes an OrtValue over that mapping, handed to the session as a shared initializer
// (AddInitializer), and all sessions share one PrepackedWeightsContainer, so the packed form
// ORT's kernels make of a weight (MatMulNBits, MLAS GEMM) is made and held once too.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "onnxruntime_cxx_api.h"
#include "plan.h"

namespace edge {

class SharedWeights {
 public:
  /** Takes the plan's `data_files`: where an external-data location is, before the graph's folder. */
  explicit SharedWeights(const Plan& plan);
  SharedWeights(const SharedWeights&) = delete;
  SharedWeights& operator=(const SharedWeights&) = delete;
  ~SharedWeights();

  /**
   * Adds every external initializer of the graph at `graph_path` to `options`. A location is
   * looked up in the plan's `data_files` first, then beside the graph; found in neither is
   * graph-unreadable. A tensor found through `data_files` is always shared (ORT would look for
   * it beside the graph), so one that does not fit in its file is graph-invalid here.
   * Returns the graph bytes the session must load instead of the file (empty: load the file):
   * ORT refuses a graph whose locations are missing beside it, so a graph whose weights all come
   * through `data_files` (from one folder) is loaded with its locations renamed to those files.
   */
  std::string share(const std::string& graph_path, Ort::SessionOptions& options);
  /**
   * Drops the mapped pages from this process once a session is made: ORT's kernels have packed
   * what they read into their own buffers (held once, in the container), so most pages would
   * otherwise sit resident for nothing; a page still read (an embedding row) faults back in
   * from the page cache, since the mapping is read-only.
   */
  void release_pages();
  /**
   * Calls `create` (a session create) while a thread drops the mapped pages every few ms, so
   * that the pages ORT reads to pack a weight leave the resident set once packed, instead of
   * piling up until the create returns: the peak RSS is then the packed weights, not the
   * packed weights plus every mapped page. Safe because the mapping is read-only and private:
   * a dropped page that is read again faults back in from the page cache, unchanged.
   */
  template <typename Create>
  auto trimming(Create create) -> decltype(create()) {
    Trimmer trimmer(*this);
    return create();
  }
  /** The container every session of the run is created with. */
  OrtPrepackedWeightsContainer* container() { return container_; }
  /** Bytes of external weights handed to sessions (each counted once). */
  uint64_t shared_bytes() const { return shared_bytes_; }
  /**
   * The `load` event's `weights_bytes`: the shared external weights plus the initializers
   * embedded in the graph files (each distinct file counted once).
   */
  uint64_t weights_bytes() const { return shared_bytes_ + embedded_bytes_; }

 private:
  struct Mapping;
  class Trimmer {
   public:
    explicit Trimmer(SharedWeights& weights);
    ~Trimmer();

   private:
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread thread_;
  };
  /** The mapping of `file`, made on first use; null when it cannot be mapped. */
  const Mapping* map(const std::string& file);
  /** Hands ORT the tensors found through data_files as external initializers (ORT copies them). */
  static void hand_over(const std::vector<std::pair<std::string, const OrtValue*>>& tensors,
                        Ort::SessionOptions& options);

  // Key of one tensor: data file (real path), offset, length, type, dims.
  using Key = std::tuple<std::string, uint64_t, uint64_t, int32_t, std::string>;
  Ort::PrepackedWeightsContainer container_;
  Ort::MemoryInfo memory_;
  std::map<std::string, std::unique_ptr<Mapping>> files_;
  std::map<Key, Ort::Value> values_;
  std::map<std::string, std::string> data_files_;  // location → file, resolved against the plan
  std::set<std::string> graphs_;                   // graph files whose embedded bytes are counted
  uint64_t shared_bytes_ = 0;
  uint64_t embedded_bytes_ = 0;
};

}  // namespace edge
