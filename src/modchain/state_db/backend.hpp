#pragma once
/// Storage backends of the state database: the committed (irreversible) state below the root node.
///
/// A backend is a sorted map of serialized database_key → value (bytewise order) plus the metadata of the
/// root node it represents. It only changes through `write`, which applies a whole LIB commit atomically
/// and durably. Two implementations: memory (tests, tools) and RocksDB (see rocksdb_backend.hpp).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "modchain/util/bytes.hpp"
#include "modchain/util/error.hpp"

namespace modchain::state_db {

/// Metadata of the committed root node, stored in the same atomic batch as its state.
struct RootMeta {
  util::Bytes id;           ///< block id (multihash bytes); zero multihash for genesis
  uint64_t revision = 0;    ///< block height; 0 for genesis
  util::Bytes merkle_root;  ///< the root block's own delta merkle root (multihash bytes)
  util::Bytes header;       ///< the root block's header bytes, opaque (empty for genesis)
  uint64_t timestamp = 0;   ///< the root block's timestamp (fork choice input)
  util::Bytes signer;       ///< the root block's signer (fork choice input)

  friend bool operator==(const RootMeta&, const RootMeta&) = default;
};

/// A stored key and its value.
struct KeyValue {
  util::Bytes key;    ///< serialized database_key (backend) or object key (node API)
  util::Bytes value;  ///< the stored value

  friend bool operator==(const KeyValue&, const KeyValue&) = default;
};

/// One write of a commit batch; applied in order. No value = delete.
struct BatchOp {
  util::Bytes key;                   ///< serialized database_key
  std::optional<util::Bytes> value;  ///< the new value, or nullopt to delete
};

/// The committed state. Reads may run concurrently with each other; `write` is called by the single writer.
class Backend {
 public:
  virtual ~Backend() = default;

  /// The value stored under `key`, or nullopt.
  virtual util::Result<std::optional<util::Bytes>> get(util::ByteView key) const = 0;

  /// The first entry whose key is strictly greater than `key`, or nullopt.
  virtual util::Result<std::optional<KeyValue>> next(util::ByteView key) const = 0;

  /// The last entry whose key is strictly less than `key`, or nullopt.
  virtual util::Result<std::optional<KeyValue>> prev(util::ByteView key) const = 0;

  /// The stored root metadata, or nullopt for a database that has never been written.
  virtual util::Result<std::optional<RootMeta>> load_meta() const = 0;

  /// Applies `ops` in order and replaces the root metadata, all or nothing, durable before returning
  /// (RocksDB: one WriteBatch, synced). On error nothing of the batch is visible.
  virtual util::Status write(const std::vector<BatchOp>& ops, const RootMeta& meta) = 0;

  /// "memory" or "rocksdb:<path>", for error messages.
  virtual std::string describe() const = 0;
};

/// A fresh, empty in-memory backend.
std::unique_ptr<Backend> make_memory_backend();

}  // namespace modchain::state_db
