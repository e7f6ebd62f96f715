#pragma once
/// Test fixture for the system contracts (contracts/system/*.wasm) on the in-process kernel tester:
/// install a contract the way the node's installer does (upload by its deterministic key with all three
/// `authorizes_*` flags, then set_system_contract), override system calls, call and read entry points.
/// For the per-contract unit tests in contracts/system/tests; the node itself uses modchain::system.

#include <cstdint>
#include <string>
#include <string_view>

#include "koinos/protocol/protocol.pb.h"
#include "modchain/kernel/testing/tester.hpp"

namespace modchain::system_tests {

/// contracts/system/<module>.wasm
std::string wasm_path(std::string_view module);
/// The committed bytes of contracts/system/<module>.wasm (aborts the test when missing).
util::Bytes load_wasm(std::string_view module);
/// The deterministic upload key of a system contract module: PrivateKey::from_seed("modchain system
/// contract " + module). Its address is the contract id.
crypto::PrivateKey contract_key(std::string_view module);

/// A tester chain plus helpers. Every helper that produces a block fails the current gtest on error.
class SystemChain {
 public:
  explicit SystemChain(kernel::testing::TesterOptions options = {});

  kernel::testing::Tester& tester() { return m_tester; }
  kernel::Controller& controller() { return m_tester.controller(); }

  /// Uploads `module` under contract_key(module) (authorizes_call_contract, _transaction_application and
  /// _upload_contract all true, so the contract's own `authorize` decides), marks it a system contract;
  /// two blocks. Returns the contract id (25-byte address).
  std::string install(std::string_view module);
  /// Uploads `module` as a plain user contract under `key` (one block). Returns the contract id.
  std::string upload(std::string_view module, const crypto::PrivateKey& key);
  /// set_system_call(call_id → contract/entry_point), genesis-signed, one block; effective from the next.
  void override_call(uint32_t call_id, const std::string& contract, uint32_t entry_point);

  /// One block holding one transaction by `signer` calling contract.entry_point(args). Returns its
  /// receipt (check `reverted()` and the logs); an error when the transaction was dropped from the block
  /// (a failure) or the block was rejected.
  util::Result<koinos::protocol::transaction_receipt> call(const crypto::PrivateKey& signer, const std::string& contract,
                                                           uint32_t entry_point, std::string args = {},
                                                           kernel::testing::TransactionOptions options = {});
  /// One block with these operations in one transaction by `signer`; as call().
  util::Result<koinos::protocol::transaction_receipt> submit(const crypto::PrivateKey& signer,
                                                             std::vector<koinos::protocol::operation> operations,
                                                             kernel::testing::TransactionOptions options = {});
  /// read_contract on the head (user mode, read compute limit); the result bytes.
  util::Result<std::string> read(const std::string& contract, uint32_t entry_point, std::string args = {});
  /// `count` empty blocks.
  void produce(size_t count = 1);
  /// Head height.
  uint64_t height();

 private:
  kernel::testing::Tester m_tester;
};

}  // namespace modchain::system_tests
