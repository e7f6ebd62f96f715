#pragma once
/// The pending-transaction pool (koinos-mempool; koinos-rpc.md §1.6, §1.7, §3.2).
///
/// Holds transactions the chain accepted against the head (koinos.transaction.accept) until a block
/// includes them, they expire, or a new head makes them invalid. Per payer it enforces the pending
/// transaction limit (pending_transaction_limit_exceeded −206) and reserves rc: the rc_limits of a payer's
/// pending transactions plus a new one must fit in the payer's rc. Per nonce account (payee, else payer)
/// it tracks the highest pending nonce; a new transaction must come next in order.
///
/// New head (on_block): the block's transactions leave the pool; so do expired ones, ones whose nonce
/// the chain has already used (a fork switch or a replay), and, per nonce account in nonce order, the
/// first that no longer passes the chain's check on the new head (with the pending nonce before it) and
/// every later one (a nonce gap can never be included). When the new head is not a child of the previous
/// one (a fork switch), the transactions of the blocks the switch orphaned come back as candidates and are
/// re-added if they pass the same check on the new head (remember_block keeps the last blocks for this, so
/// a sender does not have to resubmit after a reorganisation). Checks call back into the chain, so they run without the
/// pool's lock held (the chain calls the pool while it holds its own lock).
///
/// Sizes are small (a few per account), so the pool is a vector in arrival order with linear scans.

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "koinos/protocol/protocol.pb.h"
#include "modchain/chain/chain_service.hpp"
#include "modchain/chain/clock.hpp"

namespace modchain::mempool {

/// Knobs of the pool (Koinos defaults).
struct MempoolOptions {
  uint64_t pending_transaction_limit = 10;  ///< pending transactions per payer
  uint64_t expiration_ms = 120'000;         ///< a pending transaction older than this is dropped
  size_t max_transactions = 10'000;         ///< whole pool
};

/// One pending transaction.
struct PendingEntry {
  koinos::protocol::transaction transaction;      ///< the transaction as submitted
  koinos::protocol::transaction_receipt receipt;  ///< the chain's receipt when it was accepted
  uint64_t received_ms = 0;                       ///< clock time it entered the pool
  uint64_t nonce = 0;                             ///< decoded header nonce
};

/// Checks a transaction against the current head (ChainService::check_transaction); with a pending nonce
/// the transaction's nonce must follow it instead of the chain's.
using Checker = std::function<util::Result<koinos::protocol::transaction_receipt>(
    const koinos::protocol::transaction&, std::optional<uint64_t> pending_nonce)>;
/// The chain's nonce of an account (ChainService::account_nonce).
using NonceReader = std::function<util::Result<uint64_t>(const std::string& account)>;

/// The pool (see the file comment). Thread-safe.
class Mempool final : public chain::PendingPool {
 public:
  /// `clock` must outlive the pool.
  Mempool(MempoolOptions options, const chain::Clock& clock);

  bool check_pending_account_resources(const std::string& payer, uint64_t max_payer_rc,
                                       uint64_t rc_limit) const override;
  std::optional<uint64_t> pending_nonce(const std::string& account) const override;
  uint64_t pending_count(const std::string& payer) const override;
  uint64_t pending_transaction_limit() const override { return m_options.pending_transaction_limit; }

  /// The rc reserved by `payer`'s pending transactions (sum of their rc_limits).
  uint64_t reserved_rc(const std::string& payer) const;
  /// Adds an accepted transaction. A known id is ignored (ok). Errors: pending_transaction_limit_exceeded,
  /// invalid_nonce (not next after the pending nonce), invalid_argument (pool full).
  util::Status add(const koinos::protocol::transaction& trx, const koinos::protocol::transaction_receipt& receipt);
  /// Up to `limit` pending transactions in arrival order.
  std::vector<PendingEntry> pending(size_t limit) const;
  /// Removes a transaction by id; false if it was not pending.
  bool remove(const std::string& id);
  /// Number of pending transactions.
  size_t size() const;
  /// New head `block` (see the file comment). Returns how many transactions left the pool; the
  /// transactions a fork switch brought back are appended to `readded` when given (to gossip them again).
  size_t on_block(const koinos::protocol::block& block, const Checker& check, const NonceReader& chain_nonce,
                  std::vector<PendingEntry>* readded = nullptr);
  /// Drops transactions older than the expiration; returns how many.
  size_t prune_expired();
  /// Remembers an accepted block, head or not (the last k_remembered_blocks by height), so that a later
  /// fork switch can return the transactions of the blocks it orphans.
  void remember_block(const koinos::protocol::block& block);
  /// How many recent blocks remember_block keeps: deeper reorganisations lose their transactions.
  static constexpr size_t k_remembered_blocks = 256;

 private:
  struct RecentBlock {
    std::string previous;
    uint64_t height = 0;
    std::vector<koinos::protocol::transaction> transactions;
  };
  /// Transactions of the remembered blocks between the previous head and its common ancestor with `block`.
  std::vector<koinos::protocol::transaction> orphaned_by(const koinos::protocol::block& block) const;

  MempoolOptions m_options;
  const chain::Clock& m_clock;
  mutable std::mutex m_mutex;
  std::vector<PendingEntry> m_entries;  // arrival order
  std::map<std::string, RecentBlock> m_recent;  // block id → block (remember_block)
  std::string m_head;                           // id of the last on_block block
};

}  // namespace modchain::mempool
