#pragma once
/// Serves a Mempool on the bus as `koinos.rpc.mempool` and feeds it from the chain's broadcasts
/// (koinos-rpc.md §3.2): koinos.transaction.accept → add (then koinos.mempool.accept),
/// koinos.block.accept → on_block (then the same bytes on koinos.mempool.block_accepted),
/// koinos.transaction.fail → remove.
///
/// Methods (the pinned koinos-proto has these four): check_pending_account_resources,
/// get_pending_transactions (limit ≤ 2000), check_account_nonce, get_reserved_account_rc. The optional
/// `block_id` of the requests is ignored: the pool always answers for the current head. get_pending_nonce
/// and get_pending_transaction_count are not in the pinned koinos-proto; Mempool has them as C++ calls.

#include <memory>
#include <string>
#include <string_view>

#include "modchain/bus/bus.hpp"
#include "modchain/mempool/mempool.hpp"

namespace modchain::mempool {

/// Name under which the pool is served.
inline constexpr const char* k_mempool_service = "mempool";
/// Largest get_pending_transactions limit (Koinos').
inline constexpr uint64_t k_max_pending_request = 2000;

/// Handles one serialized mempool_request (pure; reusable with any bus).
std::string handle_mempool(const Mempool& pool, std::string_view request);

/// The pool attached to a bus; detaches in its destructor. Pool and bus must outlive it.
class MempoolService {
 public:
  /// Serves `mempool` and subscribes to the three topics. `check`/`chain_nonce` are used on new heads.
  static util::Result<std::unique_ptr<MempoolService>> attach(bus::Bus& bus, Mempool& pool, Checker check,
                                                              NonceReader chain_nonce);
  ~MempoolService();
  MempoolService(const MempoolService&) = delete;
  MempoolService& operator=(const MempoolService&) = delete;

 private:
  MempoolService(bus::Bus& bus, Mempool& pool, Checker check, NonceReader chain_nonce);
  util::Status subscribe();
  void on_transaction_accept(std::string_view payload);
  /// Publishes koinos.mempool.accept (or `topic`) for a transaction that entered the pool.
  void publish_accepted(const koinos::protocol::transaction& trx, const koinos::protocol::transaction_receipt& receipt,
                        uint64_t height, const char* topic = bus::topics::k_mempool_accept);
  void on_block_accept(std::string_view payload);

  bus::Bus& m_bus;
  Mempool& m_pool;
  Checker m_check;
  NonceReader m_chain_nonce;
  bool m_serving = false;
  std::vector<bus::SubscriptionId> m_subscriptions;
};

}  // namespace modchain::mempool
