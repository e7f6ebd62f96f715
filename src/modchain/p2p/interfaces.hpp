#pragma once
/// What the p2p service needs from the node (docs/p2p.md "Wiring"). The node implements these over its
/// chain, block_store and mempool; tests implement them with an in-memory chain.
///
/// Threading: the service calls every method below from its single I/O thread, one call at a time (calls
/// into the sinks are serialized). Implementations may block briefly (a block application) but must not
/// call back into P2pService methods that wait for the I/O thread.

#include <cstdint>
#include <vector>

#include "koinos/protocol/protocol.pb.h"
#include "modchain/util/bytes.hpp"
#include "modchain/util/error.hpp"

namespace modchain::p2p {

/// A block's place in the chain (koinos block_topology with the id as raw multihash bytes).
struct Topology {
  util::Bytes id;        ///< block id multihash; empty for the genesis "no block" head
  uint64_t height = 0;   ///< 0 = no block applied yet
  util::Bytes previous;  ///< parent id multihash
};

/// Read access to the local chain and block store.
class ChainView {
 public:
  virtual ~ChainView() = default;

  /// The chain id multihash (sha2-256 of the genesis data); peers with another id are refused.
  virtual util::Bytes chain_id() const = 0;

  /// The current head block (fork choice is the kernel's: whatever the chain reports as head).
  virtual Topology head() const = 0;

  /// The last irreversible block (height 0 if none). Sync restarts from here when a peer's blocks do
  /// not connect to our head (a fork below our head).
  virtual Topology last_irreversible() const = 0;

  /// Up to `count` consecutive blocks starting at `start_height` on the chain that ends at `head_id`
  /// (empty = our head). Fewer (or none) if the chain is shorter; errors only for storage failures.
  virtual util::Result<std::vector<koinos::protocol::block>> blocks_by_height(const util::Bytes& head_id,
                                                                               uint64_t start_height,
                                                                               uint32_t count) const = 0;
};

/// Where received blocks go (the chain's submit_block).
class BlockSink {
 public:
  virtual ~BlockSink() = default;

  /// Applies a block. Success if it was applied or is already known (must be idempotent). Failures carry
  /// the Koinos error code: unknown_previous_block (parent missing: p2p fetches the range), a validity
  /// failure (the sender is scored), pre_irreversibility_block (stale, lightly scored).
  virtual util::Status submit_block(const koinos::protocol::block& block) = 0;
};

/// Where received transactions go (the chain's submit_transaction with broadcast = true).
class TransactionSink {
 public:
  virtual ~TransactionSink() = default;

  /// Checks and adds a transaction to the pending set. Success = relay it. invalid_nonce and reversions
  /// are not scored (the sender may simply be behind); other failures are.
  virtual util::Status submit_transaction(const koinos::protocol::transaction& transaction) = 0;
};

}  // namespace modchain::p2p
