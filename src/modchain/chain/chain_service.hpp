#pragma once
/// The chain service (koinos-chain's RPC surface, koinos-rpc.md §1.6/§1.7/§3): serves
/// `koinos.rpc.chain` requests from the bus on a kernel::Controller and publishes what the chain
/// publishes (`koinos.block.accept`, `koinos.block.irreversible`, `koinos.block.forks`,
/// `koinos.transaction.accept`).
///
/// Threading: the Controller is not thread-safe, so every use of it goes through one mutex here.
/// Broadcasts are published after that mutex is released, because in-process subscribers (the mempool
/// re-checking its transactions, the block store) call back into the chain. submit_transaction holds a
/// second mutex for its whole check → apply → publish sequence so that two submissions cannot both pass
/// the pending-pool checks.
///
/// Errors on the bus are `error_status{message, data}` where data is the JSON text
/// `{"code":<koinos error_code>,"logs":[…]}` (§1.4), which the JSON-RPC gateway forwards as
/// `{"code":-32603,"message":…,"data":…}`.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "koinos/chain/chain.pb.h"
#include "koinos/protocol/protocol.pb.h"
#include "modchain/bus/bus.hpp"
#include "modchain/chain/clock.hpp"
#include "modchain/kernel/controller.hpp"

namespace koinos::rpc::chain {
class chain_request;
class chain_response;
}  // namespace koinos::rpc::chain

namespace modchain::chain {

/// Name under which the chain is served on the bus.
inline constexpr const char* k_chain_service = "chain";

/// What the chain asks the mempool before it accepts a broadcast transaction (§1.7 step 2). Implemented
/// by mempool::Mempool; the node connects the two (the chain layer does not depend on the mempool).
class PendingPool {
 public:
  virtual ~PendingPool() = default;
  /// True if the rc_limits of `payer`'s pending transactions plus `rc_limit` fit in `max_payer_rc`.
  virtual bool check_pending_account_resources(const std::string& payer, uint64_t max_payer_rc,
                                               uint64_t rc_limit) const = 0;
  /// The highest pending nonce of the nonce account `account` (payee, else payer), if any is pending.
  virtual std::optional<uint64_t> pending_nonce(const std::string& account) const = 0;
  /// How many transactions paid by `payer` are pending.
  virtual uint64_t pending_count(const std::string& payer) const = 0;
  /// The most pending transactions one payer may have.
  virtual uint64_t pending_transaction_limit() const = 0;
};

/// A koinos error code and message plus the logs that go into the JSON-RPC error data.
struct ChainError {
  util::Error error;              ///< code and message
  std::vector<std::string> logs;  ///< contract logs (a reverted transaction)
};

/// The error_status `data` text for an error: `{"code":N,"logs":[...]}`.
std::string error_data_json(util::ErrorCode code, std::span<const std::string> logs);

/// The value_type{uint64_value} inside serialized nonce bytes; invalid_encoding if it does not parse.
util::Result<uint64_t> decode_nonce(const std::string& nonce_bytes);

/// The broadcast topic of a contract event: `koinos.event.<base58 source>.<name>` (koinos-rpc.md §3.2).
std::string event_topic(const koinos::protocol::event_data& event);

/// The nonce account of a transaction: the payee if set, else the payer.
const std::string& nonce_account(const koinos::protocol::transaction& trx);

/// The chain service (see the file comment).
class ChainService {
 public:
  /// `controller`, `bus` and `clock` must outlive the service.
  ChainService(kernel::Controller& controller, bus::Bus& bus, const Clock& clock);
  ~ChainService();
  ChainService(const ChainService&) = delete;
  ChainService& operator=(const ChainService&) = delete;

  /// Sets the mempool consulted by broadcast submissions (nullptr: no pending checks).
  void set_pending_pool(const PendingPool* pool) { m_pool = pool; }
  /// With `on`, submit_block stores each new block through `block_store.add_block` on the bus before it
  /// releases the chain (a block store must be on the bus); off (default): only koinos.block.accept.
  void set_store_blocks(bool on) { m_store_blocks = on; }
  /// Registers the `chain` service on the bus; detach() or the destructor removes it.
  util::Status attach();
  /// Removes the `chain` service from the bus (idempotent).
  void detach();

  /// Handles one serialized chain_request and returns the serialized chain_response (never throws).
  std::string handle(std::string_view request);

  /// Applies a block at the clock's time and, if it was new, publishes block.accept, block.irreversible
  /// and block.forks. A known block gives a receipt with only id and height and publishes nothing.
  util::Result<koinos::protocol::block_receipt> submit_block(const koinos::protocol::block& block);
  /// submit_transaction (§1.7): required fields, with `broadcast` the pending-pool checks (rc, count) and
  /// the kernel check on the head with the pool's pending nonces (a nonce follows the account's pending
  /// nonce if it has one, else the chain's); a reverted transaction is an error (code reversion, its
  /// logs); with `broadcast` the accepted transaction is published on koinos.transaction.accept.
  util::Result<koinos::protocol::transaction_receipt> submit_transaction(const koinos::protocol::transaction& trx,
                                                                         bool broadcast, ChainError* error = nullptr);
  /// The kernel check of a pending transaction against the current head (no publication). With
  /// `pending_nonce` its nonce must be that + 1 (it follows other pending transactions of its account).
  util::Result<koinos::protocol::transaction_receipt> check_transaction(
      const koinos::protocol::transaction& trx, std::optional<uint64_t> pending_nonce = std::nullopt);
  /// Builds and signs a block on the head (Controller::propose_block) without applying it.
  util::Result<kernel::ProposedBlock> propose_block(std::span<const koinos::protocol::transaction> transactions,
                                                    uint64_t timestamp_ms, const crypto::PrivateKey& signer,
                                                    std::span<const std::string> approved_proposals = {});
  /// Head topology, head block time and LIB.
  util::Result<koinos::chain::head_info> head_info();
  /// The block resource limits on the head.
  util::Result<koinos::chain::resource_limit_data> resource_limits();
  /// The chain's nonce of `account` as a number.
  util::Result<uint64_t> account_nonce(const std::string& account);

  /// Restart: applies the blocks the block store (on the bus) holds above the current head, in height
  /// order along its highest block's chain, without publishing them again. Returns how many were applied.
  util::Result<uint64_t> replay_from_block_store(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

 private:
  util::Status check_pending(const koinos::protocol::transaction& trx, uint64_t payer_rc) const;
  void publish_block(const koinos::protocol::block& block, const koinos::protocol::block_receipt& receipt);
  util::Status store_block(const koinos::protocol::block& block, const koinos::protocol::block_receipt& receipt);
  void publish_events(const koinos::protocol::block& block, const koinos::protocol::block_receipt& receipt);
  std::string dispatch(const std::string& request_bytes);
  std::string dispatch_reads(const koinos::rpc::chain::chain_request& request,
                             koinos::rpc::chain::chain_response& response);

  kernel::Controller& m_controller;
  bus::Bus& m_bus;
  const Clock& m_clock;
  const PendingPool* m_pool = nullptr;
  std::mutex m_mutex;         // guards m_controller
  std::mutex m_submit_mutex;  // one submit_transaction at a time
  bool m_attached = false;
  bool m_store_blocks = false;
};

}  // namespace modchain::chain
