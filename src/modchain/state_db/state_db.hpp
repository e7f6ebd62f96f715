#pragma once
/// The fork-aware state database (koinos-protocol.md §6): a tree of per-block deltas over a committed
/// state, anonymous transaction nodes, per-block delta merkle roots, fork heads and head selection, and
/// atomic LIB commits into the backend (memory or RocksDB). Design and on-disk layout: docs/state_db.md.
///
/// Thread safety: not internally synchronised. The caller serialises every mutating call (node
/// creation, finalize, discard, commit, put/remove, anonymous commit) — the kernel owns the one writer.
/// Read-only calls (get/next/prev, merkle_root, delta_entries, head, fork_heads, get_node) do not modify
/// any shared data (merkle roots are computed eagerly at finalize, filters only grow on writes, RocksDB
/// reads are thread-safe), so any number of readers may run concurrently while no writer runs.

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "modchain/state_db/backend.hpp"
#include "modchain/state_db/block_info.hpp"
#include "modchain/state_db/database_key.hpp"
#include "modchain/state_db/rocksdb_backend.hpp"
#include "modchain/state_db/state_node.hpp"

namespace modchain::state_db {

/// Head selection among blocks of equal height (§6.4).
enum class ForkResolution {
  fifo,        ///< keep the current head
  block_time,  ///< the earlier timestamp wins; a tie keeps the current head
  pob,         ///< mainnet: block_time for different signers, double-production handling for the same signer
};

/// Which backend holds the committed state.
enum class BackendKind { memory, rocksdb };

/// How to open a database.
struct DatabaseOptions {
  BackendKind backend = BackendKind::rocksdb;         ///< memory: fresh and volatile
  RocksDbOptions rocksdb;                             ///< path, read-only, env (RocksDB backend only)
  ForkResolution fork_resolution = ForkResolution::fifo;  ///< comparator for equal heights
};

/// One genesis object (koinos.chain.genesis_entry).
struct GenesisEntry {
  ObjectSpace space;  ///< the object's space
  util::Bytes key;    ///< the object's key
  util::Bytes value;  ///< the object's value
};

/// The state database. Create with `open`; destroying it closes the backend and kills every node handle.
class Database {
 public:
  /// Opens the configured backend. The root is the last committed LIB (id, revision, merkle root,
  /// header from the stored metadata), or for a fresh database the genesis root: revision 0, id = zero
  /// multihash, merkle root = zero multihash.
  static util::Result<std::unique_ptr<Database>> open(const DatabaseOptions& options);
  /// Opens over an existing backend (tests, tools).
  static util::Result<std::unique_ptr<Database>> open(std::unique_ptr<Backend> backend, ForkResolution resolution);

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  /// True until something was committed (genesis or a LIB): the caller should apply genesis.
  bool is_fresh() const;
  /// Writes the genesis objects into the root node (one synced batch with the genesis metadata). Only on
  /// a fresh database without block nodes; a duplicate (space, key) is `invalid_argument`.
  util::Status apply_genesis(std::span<const GenesisEntry> entries);

  /// The root (last irreversible block).
  StateNode root() const;
  /// The head chosen by the fork comparator.
  StateNode head() const;
  /// The finalized leaves of the fork tree (Koinos fork heads bookkeeping), ordered by id.
  std::vector<StateNode> fork_heads() const;
  /// The node with this block id, or a null handle.
  StateNode get_node(util::ByteView id) const;
  /// The ancestor at `revision` of the node `child_id` (empty id = head). Errors: revision below the root
  /// or above the child (`invalid_argument`), unknown child (`unknown_previous_block`).
  util::Result<StateNode> node_at_revision(uint64_t revision, util::ByteView child_id = {}) const;
  /// Number of block nodes including the root.
  size_t node_count() const;

  /// A writable block node as child of `parent_id`. Errors: height at/below the root height →
  /// `pre_irreversibility_block`; unknown parent → `unknown_previous_block`; parent not finalized or id
  /// already present → `block_state_error`; height ≠ parent height + 1 → `unexpected_height`.
  util::Result<StateNode> create_block_node(util::ByteView parent_id, const BlockInfo& info,
                                            util::ByteView header);
  /// Finalizes a block node: computes its merkle root, updates fork heads and selects the head.
  util::Status finalize_node(util::ByteView id);
  /// Removes a block node and all its descendants. The root, the head and the head's ancestors cannot
  /// be discarded (`block_state_error`). Unknown id: no-op.
  util::Status discard_node(util::ByteView id);
  /// LIB commit: writes every delta from the root to this finalized node into the backend in one atomic
  /// durable batch together with the node's metadata; it becomes the root and every node not descending
  /// from it is discarded. The head must descend from it. On a backend error nothing changes in memory.
  util::Status commit_node(util::ByteView id);

  /// The backend's description ("memory", "rocksdb:<path>").
  std::string describe() const;

 private:
  struct Impl;
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace modchain::state_db
