#pragma once
/// A handle on one node of the state database: a block node, the root, or an anonymous (transaction) node.
///
/// Reads see the merged state: this node's delta over its ancestors' deltas over the committed state.
/// Handles are cheap to copy (one shared_ptr). A handle outlives its node safely: once the node is
/// discarded, merged into a newer root or the database is closed, every operation is an
/// `unexpected_state` error instead of a stale read.

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "modchain/crypto/multihash.hpp"
#include "modchain/state_db/backend.hpp"
#include "modchain/state_db/block_info.hpp"
#include "modchain/state_db/database_key.hpp"

namespace modchain::state_db {

namespace detail {
struct NodeData;
}  // namespace detail

/// One koinos.protocol.state_delta_entry: an object written (value set) or removed (no value).
struct DeltaEntry {
  ObjectSpace space;                 ///< the object's space
  util::Bytes key;                   ///< the object's key
  std::optional<util::Bytes> value;  ///< the value in this delta, absent for a removal

  friend bool operator==(const DeltaEntry&, const DeltaEntry&) = default;
};

/// A node of the state database. A default-constructed handle is null (see `operator bool`).
class StateNode {
 public:
  StateNode() = default;
  /// Wraps node data; used by Database.
  explicit StateNode(std::shared_ptr<detail::NodeData> data) : m_data(std::move(data)) {}

  /// True for a non-null handle.
  explicit operator bool() const noexcept { return m_data != nullptr; }

  /// Block id (the parent's id for an anonymous node; zero multihash bytes for the genesis root).
  const util::Bytes& id() const;
  /// Revision = block height (the parent's for an anonymous node).
  uint64_t revision() const;
  /// The parent block's id (empty for the root).
  const util::Bytes& parent_id() const;
  /// Block header bytes as given to create_block_node (empty for an anonymous node or the genesis root).
  const util::Bytes& header() const;
  /// Id, height, timestamp and signer of the block.
  const BlockInfo& block_info() const;
  /// True once finalized (the root is always finalized; anonymous nodes never are).
  bool is_finalized() const;
  /// True for an anonymous (transaction) node.
  bool is_anonymous() const;
  /// True for the current root.
  bool is_root() const;
  /// False once the node was discarded, merged into a newer root, or the database closed.
  bool is_alive() const;

  /// The object's value in the merged state, or nullopt.
  util::Result<std::optional<util::Bytes>> get_object(const ObjectSpace& space, util::ByteView key) const;
  /// The first object in `space` whose serialized key is strictly greater than (space, key); `key` and
  /// `value` of the result are the object key (not serialized) and value. Empty key = start of the space
  /// (an object stored under the empty key is skipped, as in Koinos).
  util::Result<std::optional<KeyValue>> get_next_object(const ObjectSpace& space, util::ByteView key) const;
  /// The last object in `space` whose serialized key is strictly less than (space, key).
  util::Result<std::optional<KeyValue>> get_prev_object(const ObjectSpace& space, util::ByteView key) const;

  /// Writes an object. Returns the disk storage delta of §6.3: len(value) − len(old value) if the object
  /// exists, else len(serialized key) + len(value). Fails on a finalized node or the root.
  util::Result<int64_t> put_object(const ObjectSpace& space, util::ByteView key, util::ByteView value);
  /// Removes an object if it exists. Returns −(len(old value) + len(serialized key)), or 0 when absent
  /// (then nothing is recorded). Fails on a finalized node or the root.
  util::Result<int64_t> remove_object(const ObjectSpace& space, util::ByteView key);

  /// The node's delta merkle root (§6.6). Only finalized nodes have one (`block_state_error` otherwise);
  /// the root reports the value stored with it (zero multihash for genesis).
  util::Result<crypto::Multihash> merkle_root() const;
  /// This node's delta as state_delta_entries: written and removed keys sorted by serialized key (a key
  /// both removed and re-written appears twice). Empty for the root (its delta is in the backend).
  util::Result<std::vector<DeltaEntry>> delta_entries() const;

  /// A new empty anonymous node on top of this one (for one transaction or message).
  util::Result<StateNode> create_anonymous_node() const;
  /// Anonymous nodes only: squashes this delta into the parent (removals first, then puts; §6.4) and
  /// leaves this node empty and usable. The parent must be writable.
  util::Status commit();
  /// Anonymous nodes only: drops this delta (the transaction is reverted); the node stays usable.
  util::Status discard();

  /// Raw access by serialized database_key (tools, tests, the model test).
  util::Result<std::optional<util::Bytes>> get_raw(util::ByteView db_key) const;

  /// Identity of the underlying node (two handles on the same node compare equal).
  friend bool operator==(const StateNode& a, const StateNode& b) noexcept { return a.m_data == b.m_data; }

 private:
  util::Status check_writable() const;
  std::shared_ptr<detail::NodeData> m_data;
};

}  // namespace modchain::state_db
