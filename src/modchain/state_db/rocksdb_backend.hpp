#pragma once
/// The RocksDB backend. RocksDB headers stay inside rocksdb_backend.cpp; only rocksdb::Env is
/// forward-declared so tests can inject a failing environment.
///
/// On-disk layout (format version 1), one RocksDB database per directory:
/// * column family "default": one record per object, key = serialized database_key, value = object value,
///   default bytewise comparator (the order §6.2 requires).
/// * column family "modchain_meta": the root node's metadata — keys "format" (u32 BE = 1), "id",
///   "revision" (u64 BE), "merkle_root", "header", "timestamp" (u64 BE), "signer".
/// Every LIB commit is one WriteBatch over both column families written with sync=true, so a crash leaves
/// either the previous or the new root (state and metadata together), never a mix.

#include <memory>
#include <string>

#include "modchain/state_db/backend.hpp"

namespace rocksdb {
class Env;
}  // namespace rocksdb

namespace modchain::state_db {

/// How to open a RocksDB backend.
struct RocksDbOptions {
  std::string path;               ///< database directory, created if missing (unless read_only)
  bool read_only = false;         ///< open with OpenForReadOnly; every write is an io_error
  rocksdb::Env* env = nullptr;    ///< custom environment (tests inject failures); nullptr = default
  size_t block_cache_bytes = 64u << 20;  ///< LRU block cache size
};

/// Opens (creating if needed) the RocksDB database. Every RocksDB failure is an `io_error` naming the path
/// and carrying RocksDB's message; a database written by another format version is `unexpected_state`.
util::Result<std::unique_ptr<Backend>> open_rocksdb_backend(const RocksDbOptions& options);

}  // namespace modchain::state_db
