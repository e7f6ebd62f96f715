#pragma once
/// The chain controller (koinos-protocol.md §12.1): owns the state database and the VM runtime, applies
/// blocks and transactions, proposes blocks, serves read-only calls. Owns no threads, sockets or clock:
/// the current time is an argument. Not thread-safe: one caller at a time.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "koinos/chain/chain.pb.h"
#include "koinos/common.pb.h"
#include "koinos/protocol/protocol.pb.h"
#include "modchain/crypto/secp256k1.hpp"
#include "modchain/kernel/resource_meter.hpp"
#include "modchain/kernel/types.hpp"
#include "modchain/state_db/state_db.hpp"

namespace modchain::kernel {

/// How to open a controller.
struct ControllerOptions {
  state_db::DatabaseOptions database;                  ///< backend, path, fork resolution
  uint64_t read_compute_bandwidth_limit = 10'000'000;  ///< compute for read_contract / invoke_system_call
  uint64_t max_block_time_drift_ms = 5'000;            ///< timestamp ≤ now + this
};

/// Result of a read-only call.
struct ReadResult {
  std::string result;             ///< the returned bytes
  std::vector<std::string> logs;  ///< logs emitted by the call
};

/// A proposed block and the indices of the given transactions that were dropped.
struct ProposedBlock {
  koinos::protocol::block block;
  std::vector<size_t> dropped;
};

/// The chain controller.
class Controller {
 public:
  /// Opens the database; a fresh one gets `genesis`, an existing one must have its chain id.
  static util::Result<std::unique_ptr<Controller>> open(const ControllerOptions& options,
                                                        const koinos::chain::genesis_data& genesis);
  ~Controller();
  Controller(const Controller&) = delete;
  Controller& operator=(const Controller&) = delete;

  /// submit_block (§12.1) at local time `now_ms`. Returns the block receipt; an already known block
  /// returns a receipt with only id and height set. Any error leaves no trace of the block.
  util::Result<koinos::protocol::block_receipt> apply_block(const koinos::protocol::block& block, uint64_t now_ms);
  /// Checks a transaction against the head state (mempool intent) and discards its effects. With
  /// `pending_nonces`, an account that has pending transactions must use its last pending nonce + 1.
  util::Result<koinos::protocol::transaction_receipt> apply_transaction(const koinos::protocol::transaction& trx,
                                                                        const PendingNonceLookup& pending_nonces = {});
  /// Builds and signs the next block on the head with `transactions` (those that fail are dropped).
  /// `approved_proposals` go to the header: the governance proposal ids this producer votes for.
  util::Result<ProposedBlock> propose_block(std::span<const koinos::protocol::transaction> transactions,
                                            uint64_t timestamp_ms, const crypto::PrivateKey& signer,
                                            std::span<const std::string> approved_proposals = {});
  /// Calls a contract read-only on the head state.
  util::Result<ReadResult> read_contract(const std::string& contract_id, uint32_t entry_point, const std::string& args);
  /// Runs system call `id` read-only on the head state (the invoke_system_call RPC).
  util::Result<std::string> invoke_system_call(uint32_t id, const std::string& arguments);

  /// Head topology, head block time and LIB.
  util::Result<koinos::chain::head_info> head_info();
  /// The chain id (34-byte multihash).
  util::Result<std::string> chain_id();
  /// Fork heads as block topologies.
  std::vector<koinos::block_topology> fork_heads() const;
  /// get_resource_limits on the head.
  util::Result<koinos::chain::resource_limit_data> resource_limits();
  /// get_account_rc on the head.
  util::Result<uint64_t> account_rc(const std::string& account);
  /// get_account_nonce on the head (serialized value_type).
  util::Result<std::string> account_nonce(const std::string& account);
  /// The state database.
  state_db::Database& database();

 private:
  struct Impl;
  explicit Controller(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

/// Structural checks of submit_block step 1 (missing_required_arguments).
util::Status check_block_structure(const koinos::protocol::block& block);

/// Signs a block the native way (compact signature over sha256(header)) and sets its id.
void sign_block(koinos::protocol::block& block, const crypto::PrivateKey& signer);

}  // namespace modchain::kernel
