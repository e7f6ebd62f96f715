#pragma once
/// In-process chain tester (Leap's `tester` in spirit): a controller on a memory database with a dev
/// genesis, helpers to build signed transactions and operations, produce_block(), and blocks on any
/// parent to build forks. For tests and benchmarks; not part of the node.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modchain/crypto/secp256k1.hpp"
#include "modchain/kernel/controller.hpp"
#include "modchain/kernel/genesis.hpp"

namespace modchain::kernel::testing {

/// A kernel test contract built at build time from testing/contracts/<name>.c ("proxy", "override").
util::Bytes test_contract(std::string_view name);

/// Tester configuration.
struct TesterOptions {
  DevGenesisOptions genesis;                                               ///< limits, max account rc
  state_db::ForkResolution fork_resolution = state_db::ForkResolution::block_time;
  uint64_t start_time_ms = 1'700'000'000'000;                              ///< genesis "time"
  uint64_t block_interval_ms = 3'000;
  std::string genesis_seed = "modchain dev genesis";                       ///< PrivateKey::from_seed
};

/// Options of one transaction.
struct TransactionOptions {
  uint64_t rc_limit = 1'000'000;
  std::optional<uint64_t> nonce;                      ///< default: the tester's next nonce for the account
  std::string payee;                                  ///< nonce account when set and ≠ payer
  std::vector<const crypto::PrivateKey*> extra_signers;
};

/// Default options with another rc limit (designated initializers would warn about the other fields).
inline TransactionOptions with_rc_limit(uint64_t rc_limit) {
  TransactionOptions options;
  options.rc_limit = rc_limit;
  return options;
}

/// The tester.
class Tester {
 public:
  explicit Tester(TesterOptions options = {});

  /// The controller under test.
  Controller& controller() { return *m_controller; }
  /// The genesis (system authority, native block signer) key.
  const crypto::PrivateKey& genesis_key() const { return m_genesis_key; }
  /// The genesis data the chain was created from.
  const koinos::chain::genesis_data& genesis() const { return m_genesis; }
  /// The chain id bytes.
  const std::string& chain_id() const { return m_chain_id; }

  /// A deterministic key (PrivateKey::from_seed).
  static crypto::PrivateKey key(std::string_view seed);
  /// The 25-byte address of a key, as protobuf bytes.
  static std::string address(const crypto::PrivateKey& key);
  /// value_type{uint64_value: n} bytes.
  static std::string nonce_bytes(uint64_t n);

  /// Reserves and returns the next nonce of `account`, for a transaction built outside the tester.
  uint64_t take_nonce(const std::string& account) { return ++m_nonces[account]; }
  /// A signed transaction by `payer` (also signed by extra signers).
  koinos::protocol::transaction transaction(const crypto::PrivateKey& payer,
                                            std::vector<koinos::protocol::operation> operations,
                                            const TransactionOptions& options = {});

  /// Operations.
  static koinos::protocol::operation upload_contract(const std::string& contract_id, util::ByteView bytecode,
                                                     bool authorizes_call = false, bool authorizes_trx = false);
  static koinos::protocol::operation call_contract(const std::string& contract_id, uint32_t entry_point,
                                                   std::string args = {});
  static koinos::protocol::operation set_system_call(uint32_t call_id, const std::string& contract_id,
                                                     uint32_t entry_point);
  static koinos::protocol::operation set_system_call_thunk(uint32_t call_id, uint32_t thunk_id);
  static koinos::protocol::operation set_system_contract(const std::string& contract_id, bool system);

  /// The key produce_block and block_on sign with from now on (default: the genesis key); `key` must
  /// outlive the tester's use of it.
  void set_block_signer(const crypto::PrivateKey& key) { m_block_signer = &key; }
  /// The governance proposal ids the next blocks vote for (header.approved_proposals).
  void set_approved_proposals(std::vector<std::string> ids) { m_approved_proposals = std::move(ids); }

  /// Proposes a block on the head with `transactions` at the next timestamp and applies it.
  util::Result<koinos::protocol::block_receipt> produce_block(std::vector<koinos::protocol::transaction> transactions = {});
  /// The last block produce_block applied.
  const koinos::protocol::block& last_block() const { return m_last_block; }
  /// A signed block on `parent_id` (no dry run: failing transactions stay in it).
  util::Result<koinos::protocol::block> block_on(const std::string& parent_id,
                                                 std::vector<koinos::protocol::transaction> transactions,
                                                 uint64_t timestamp_offset_ms = 0);
  /// Applies a block with now = its timestamp.
  util::Result<koinos::protocol::block_receipt> push_block(const koinos::protocol::block& block);

  /// Uploads `bytecode` under the address of `contract_key` (one block); with `system` also marks it a
  /// system contract (one more block, genesis-signed). Returns the contract id.
  util::Result<std::string> deploy(const crypto::PrivateKey& contract_key, util::ByteView bytecode, bool system = false);

 private:
  TesterOptions m_options;
  crypto::PrivateKey m_genesis_key;
  const crypto::PrivateKey* m_block_signer = &m_genesis_key;
  std::vector<std::string> m_approved_proposals;
  koinos::chain::genesis_data m_genesis;
  std::string m_chain_id;
  std::unique_ptr<Controller> m_controller;
  std::map<std::string, uint64_t> m_nonces;
  koinos::protocol::block m_last_block;
};

}  // namespace modchain::kernel::testing
