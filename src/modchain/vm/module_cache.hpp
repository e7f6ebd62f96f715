#pragma once
/// A bounded, thread-safe cache of compiled modules keyed by the SHA-256 of the original code, so a
/// contract is decoded, validated, instrumented and engine-compiled once, not on every call. Not
/// consensus-relevant: a miss only costs time.

#include <array>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "modchain/crypto/hash.hpp"
#include "modchain/util/bytes.hpp"
#include "modchain/util/error.hpp"
#include "modchain/vm/engine.hpp"

namespace modchain::vm {

/// Cache bounds: least recently used entries are evicted when either bound is exceeded.
struct ModuleCacheLimits {
  size_t max_bytes = 256u << 20;  ///< by CompiledModule::memory_bytes()
  size_t max_entries = 1'024;
};

/// Counters for tests and metrics.
struct ModuleCacheStats {
  uint64_t hits = 0;
  uint64_t misses = 0;
  uint64_t evictions = 0;
  size_t entries = 0;
  size_t bytes = 0;
};

/// Cache for one engine and one set of PrepareOptions.
class ModuleCache {
 public:
  ModuleCache(Engine& engine, PrepareOptions options, ModuleCacheLimits limits = {});

  /// The compiled module for `wasm`, preparing and compiling it on a miss. Errors (invalid modules) are
  /// returned and not cached. Concurrent misses for the same code may compile twice; one result wins.
  util::Result<std::shared_ptr<const CompiledModule>> get(util::ByteView wasm);

  /// Same, with the code hash supplied by the caller (e.g. the contract metadata hash stored at upload),
  /// which saves hashing the code on every call (~0.1 ms for a 150 KB contract). The caller guarantees
  /// `code_hash == sha256(wasm)`: a wrong hash would run the wrong code.
  util::Result<std::shared_ptr<const CompiledModule>> get(const crypto::Digest256& code_hash, util::ByteView wasm);

  /// Snapshot of the counters.
  ModuleCacheStats stats() const;

 private:
  struct DigestHash {
    size_t operator()(const crypto::Digest256& digest) const noexcept;
  };
  struct Entry {
    crypto::Digest256 key;
    std::shared_ptr<const CompiledModule> module;
    size_t bytes = 0;
  };
  using Lru = std::list<Entry>;

  std::shared_ptr<const CompiledModule> lookup(const crypto::Digest256& key);
  void insert(const crypto::Digest256& key, std::shared_ptr<const CompiledModule> module);

  Engine& m_engine;
  const PrepareOptions m_options;
  const ModuleCacheLimits m_limits;
  mutable std::mutex m_mutex;
  Lru m_lru;  // front = most recently used
  std::unordered_map<crypto::Digest256, Lru::iterator, DigestHash> m_index;
  ModuleCacheStats m_stats;
};

}  // namespace modchain::vm
