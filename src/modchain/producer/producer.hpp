#pragma once
/// The federated block producer (koinos-block-producer, `algorithm: federated`; koinos-rpc.md §4.4).
///
/// Every interval: take the head, pick pending transactions from the mempool in arrival order while
/// their receipts' disk, network and compute usage stay within `resources_upper_bound_percent` of the
/// block limits, let the chain build and sign the block (Controller::propose_block drops transactions
/// that fail on the head; they leave the pool and are published on koinos.transaction.fail), then submit
/// it to the chain, which applies it and publishes koinos.block.accept (the block store stores it, the
/// mempool removes its transactions). The block timestamp is max(clock now, head time + 1) ms.
///
/// Time comes from an injected Clock, and produce_once() can be driven directly, so tests are
/// deterministic; start() runs produce_once() on a thread every `interval_ms` of real time.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "modchain/bus/bus.hpp"
#include "modchain/chain/chain_service.hpp"
#include "modchain/chain/clock.hpp"
#include "modchain/crypto/secp256k1.hpp"
#include "modchain/mempool/mempool.hpp"

namespace modchain::producer {

/// Knobs of the producer.
struct ProducerOptions {
  uint64_t interval_ms = 5000;                  ///< time between blocks (Koinos federated default)
  size_t max_inclusion_attempts = 2000;         ///< pending transactions considered per block
  uint32_t resources_upper_bound_percent = 90;  ///< share of each block resource limit to fill at most
  /// Governance proposal ids (operation merkle roots) voted for in every produced block's
  /// `approved_proposals` (Koinos: block_producer.approve-proposals).
  std::vector<std::string> approve_proposals;
};

/// What one produce_once() did.
struct ProducedBlock {
  uint64_t height = 0;        ///< the new block's height
  std::string id;             ///< its id (multihash bytes)
  uint64_t timestamp_ms = 0;  ///< its timestamp
  size_t transactions = 0;    ///< transactions included
  size_t dropped = 0;         ///< pending transactions dropped because they failed on the head
};

/// Called after every attempt of the production thread.
using ProducedCallback = std::function<void(const util::Result<ProducedBlock>&)>;

/// The producer (see the file comment).
class BlockProducer {
 public:
  /// Every reference must outlive the producer.
  BlockProducer(chain::ChainService& chain, mempool::Mempool& pool, bus::Bus& bus, const chain::Clock& clock,
                crypto::PrivateKey key, ProducerOptions options);
  ~BlockProducer();
  BlockProducer(const BlockProducer&) = delete;
  BlockProducer& operator=(const BlockProducer&) = delete;

  /// Produces, applies and publishes one block on the current head.
  util::Result<ProducedBlock> produce_once();
  /// Starts the production thread; `on_block` (may be empty) sees every result. Idempotent.
  void start(ProducedCallback on_block);
  /// Stops the thread after the block in progress, if any; idempotent.
  void stop();
  /// The producer's address (the block signer).
  std::string signer_address() const;

 private:
  std::vector<koinos::protocol::transaction> select_transactions(
      const koinos::chain::resource_limit_data& limits) const;
  void run(ProducedCallback on_block);

  chain::ChainService& m_chain;
  mempool::Mempool& m_pool;
  bus::Bus& m_bus;
  const chain::Clock& m_clock;
  crypto::PrivateKey m_key;
  ProducerOptions m_options;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stopping = false;
  std::thread m_thread;
};

}  // namespace modchain::producer
