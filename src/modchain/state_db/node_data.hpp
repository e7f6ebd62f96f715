#pragma once
/// Internal: the data of one node of the fork tree and the merged-read algorithms over a chain of nodes.
/// Not part of the public API (include state_db.hpp instead).

#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "modchain/crypto/multihash.hpp"
#include "modchain/state_db/backend.hpp"
#include "modchain/state_db/block_info.hpp"

namespace modchain::state_db::detail {

/// Bytewise (memcmp) order over byte strings, usable with views for heterogeneous lookup.
struct BytesLess {
  using is_transparent = void;
  bool operator()(util::ByteView a, util::ByteView b) const noexcept {
    size_t n = a.size() < b.size() ? a.size() : b.size();
    int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
    return c != 0 ? c < 0 : a.size() < b.size();
  }
};

/// Hash of a key, computed once per read and reused for every node's filter.
inline uint64_t key_hash(util::ByteView key) noexcept {
  return std::hash<std::string_view>{}(
      std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
}

/// A grow-only blocked Bloom filter over the keys a node touched (written or removed): three bits in one
/// 64-bit word per key, so a probe costs one cache line. Point reads through a deep fork skip nodes whose
/// filter rules the key out without a tree lookup. Keys only ever join a node's
/// touched set (erase moves a key from written to removed), so the filter never needs deletions.
class KeyFilter {
 public:
  /// False only if `hash` was never added.
  bool may_contain(uint64_t hash) const noexcept {
    if (m_count == 0) return false;
    uint64_t bits = word_bits(hash);
    return (m_words[(hash >> 32) & m_mask] & bits) == bits;
  }
  /// Adds a hash; returns false when the filter is full and must be rebuilt larger (see rebuild).
  bool add(uint64_t hash);
  /// Clears and resizes for `expected` keys.
  void reset(size_t expected);
  /// Number of added hashes.
  size_t size() const noexcept { return m_count; }
  /// True when `extra` more hashes fit without a rebuild.
  bool has_room(size_t extra) const noexcept;

 private:
  static uint64_t word_bits(uint64_t hash) noexcept {
    return (uint64_t{1} << (hash & 63)) | (uint64_t{1} << ((hash >> 6) & 63)) | (uint64_t{1} << ((hash >> 12) & 63));
  }
  std::vector<uint64_t> m_words;
  uint64_t m_mask = 0;  // word index mask
  size_t m_count = 0;
};

/// What a node is.
enum class NodeKind {
  root,       ///< the committed state: reads go to the backend
  block,      ///< a block's delta, writable until finalized
  anonymous,  ///< a transaction's delta on top of another node, squashed or discarded
};

/// One node of the fork tree (or an anonymous node hanging off it).
struct NodeData {
  // Hot fields first: a read through a deep fork touches only these (plus one filter word) per level.
  NodeKind kind = NodeKind::block;
  bool alive = true;  ///< false once discarded, merged into a newer root or the database closed
  bool finalized = false;
  Backend* backend = nullptr;        ///< the database's backend; used only when alive
  std::shared_ptr<NodeData> parent;  ///< null for the root
  KeyFilter filter;                  ///< over puts ∪ removed
  /// Finalized block nodes only: a filter over the touched keys of this node and every ancestor down to
  /// the root at finalize time. Ancestors' deltas are immutable and later LIB commits only move keys into
  /// the backend, so a negative answer means "no live delta on the path has the key": read the backend.
  std::shared_ptr<const KeyFilter> chain_filter;
  std::map<util::Bytes, util::Bytes, BytesLess> puts;  ///< keys written in this node
  std::set<util::Bytes, BytesLess> removed;            ///< keys marked removed (see §6.4 quirks)
  BlockInfo info;                    ///< id, height (= revision), timestamp, signer
  util::Bytes parent_id;             ///< the parent block's id (kept after the parent is committed)
  util::Bytes header;                ///< block header bytes, opaque
  std::optional<crypto::Multihash> merkle_root;  ///< set at finalize (or from metadata for the root)

  /// Adds a key to the filter, rebuilding it larger when full.
  void note_key(util::ByteView key);
  /// Clears the delta (puts, removed marks, filter).
  void clear_delta();
};

/// Builds `node.chain_filter` (call when finalizing a block node): the parent's chain filter plus this
/// node's keys, rebuilt from the live chain when full or when more than half of it is stale.
void build_chain_filter(NodeData& node);

/// Merged point read from `node` down through its ancestors to the backend.
util::Result<std::optional<util::Bytes>> merged_get(const NodeData& node, util::ByteView key);

/// The first visible entry with key > `start` that begins with `prefix`, or nullopt.
util::Result<std::optional<KeyValue>> merged_next(const NodeData& node, util::ByteView start,
                                                  util::ByteView prefix);

/// The last visible entry with key < `start` that begins with `prefix`, or nullopt.
util::Result<std::optional<KeyValue>> merged_prev(const NodeData& node, util::ByteView start,
                                                  util::ByteView prefix);

/// Writes `value` under `key` in this node (does not clear a removed mark: §6.4).
void delta_put(NodeData& node, util::ByteView key, util::ByteView value);

/// Removes `key` in this node if it exists in the merged state (erase from puts + mark removed).
util::Status delta_erase(NodeData& node, util::ByteView key);

/// Squashes an anonymous node into its parent: removals first (erase + mark), then puts (put + unmark).
void squash_into_parent(NodeData& node);

/// The keys of this node's delta as the merkle root and delta entries see them: written keys plus removed
/// keys (a key in both appears twice), sorted bytewise; each with its current value in this delta.
std::vector<std::pair<const util::Bytes*, const util::Bytes*>> delta_key_list(const NodeData& node);

/// The per-block delta merkle root (§6.6) of this node's delta.
crypto::Multihash compute_delta_merkle_root(const NodeData& node);

/// Error for an operation on a node that is no longer part of the database.
util::Error dead_node_error(const NodeData& node);

}  // namespace modchain::state_db::detail
