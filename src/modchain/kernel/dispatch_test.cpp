// In-band overrides (§7.2, §7.3): effective from the next block, system authority, `call` refused.
#include <gtest/gtest.h>

#include "modchain/kernel/test_helpers.hpp"

namespace modchain::kernel {
namespace {

using test::outcome;
using testing::Tester;
using util::ErrorCode;
namespace kc = koinos::chain;

constexpr uint32_t k_entry_true = 1;     // override contract: value = true
constexpr uint32_t k_entry_rc = 2;       // override contract: value = 5,000,000
constexpr uint64_t k_native_rc = 10'000'000;
constexpr uint64_t k_override_rc = 5'000'000;

struct OverrideChain {
  Tester tester;
  crypto::PrivateKey alice = Tester::key("alice");
  std::string override_id;

  OverrideChain() {
    auto id = tester.deploy(Tester::key("override"), testing::test_contract("override"), true);
    EXPECT_TRUE(id.ok()) << id.error().describe();
    override_id = id.value();
  }
};

TEST(Dispatch, GetAccountRcOverrideTakesEffectFromTheNextBlock) {
  OverrideChain chain;
  auto& t = chain.tester;
  const std::string alice = Tester::address(chain.alice);
  EXPECT_EQ(t.controller().account_rc(alice).value(), k_native_rc);
  auto set = t.transaction(t.genesis_key(), {Tester::set_system_call(kc::get_account_rc, chain.override_id, k_entry_rc)});
  auto same_block = t.transaction(chain.alice, {});
  auto receipt = t.produce_block({set, same_block});
  ASSERT_TRUE(receipt.ok()) << receipt.error().describe();
  ASSERT_EQ(receipt.value().transaction_receipts_size(), 2);
  EXPECT_FALSE(receipt.value().transaction_receipts(0).reverted());
  ASSERT_EQ(receipt.value().transaction_receipts(0).events_size(), 1);
  EXPECT_EQ(receipt.value().transaction_receipts(0).events(0).name(), "koinos.chain.set_system_call_event");
  // Same block: dispatch still reads the parent block's state → native value.
  EXPECT_EQ(receipt.value().transaction_receipts(1).max_payer_rc(), k_native_rc);
  // Next block (and head reads): the contract answers.
  EXPECT_EQ(t.controller().account_rc(alice).value(), k_override_rc);
  auto next = t.produce_block({t.transaction(chain.alice, {})});
  ASSERT_TRUE(next.ok());
  ASSERT_EQ(next.value().transaction_receipts_size(), 1);
  EXPECT_EQ(next.value().transaction_receipts(0).max_payer_rc(), k_override_rc);
  // Overriding back with the native thunk restores the default from the following block.
  ASSERT_TRUE(t.produce_block({t.transaction(t.genesis_key(), {Tester::set_system_call_thunk(kc::get_account_rc,
                                                                                             kc::get_account_rc)})})
                  .ok());
  EXPECT_EQ(t.controller().account_rc(alice).value(), k_native_rc);
}

TEST(Dispatch, ProcessBlockSignatureOverrideAcceptsAnySignerFromTheNextBlock) {
  OverrideChain chain;
  auto& t = chain.tester;
  auto by_mallory = [&]() {
    auto block = t.block_on(t.last_block().id(), {});
    EXPECT_TRUE(block.ok());
    block.value().mutable_header()->set_signer(Tester::address(Tester::key("mallory")));
    sign_block(block.value(), Tester::key("mallory"));
    return block.value();
  };
  EXPECT_EQ(outcome(t.push_block(by_mallory())).code, ErrorCode::invalid_signature);
  auto set = t.transaction(t.genesis_key(),
                           {Tester::set_system_call(kc::process_block_signature, chain.override_id, k_entry_true)});
  auto receipt = t.produce_block({set});
  ASSERT_TRUE(receipt.ok());
  ASSERT_EQ(receipt.value().transaction_receipts_size(), 1);
  ASSERT_FALSE(receipt.value().transaction_receipts(0).reverted()) << receipt.value().transaction_receipts(0).logs(0);
  kc::process_block_signature_arguments probe;
  auto probed = t.controller().invoke_system_call(kc::process_block_signature, protocol::serialize_to_string(probe));
  ASSERT_TRUE(probed.ok()) << probed.error().describe();
  EXPECT_EQ(probed.value(), std::string("\x08\x01", 2));
  auto accepted = t.push_block(by_mallory());
  ASSERT_TRUE(accepted.ok()) << accepted.error().describe();
}

TEST(Dispatch, OverrideWithoutSystemAuthorityIsASystemAuthorizationFailure) {
  OverrideChain chain;
  auto& t = chain.tester;
  auto op = Tester::set_system_call(kc::get_account_rc, chain.override_id, k_entry_rc);
  testing::TransactionOptions mempool;
  mempool.nonce = 1;
  EXPECT_EQ(outcome(t.controller().apply_transaction(t.transaction(chain.alice, {op}, mempool))).code,
            ErrorCode::system_authorization_failure);
  auto receipt = t.produce_block({t.transaction(chain.alice, {op})});  // a reversion: the block stays valid
  ASSERT_TRUE(receipt.ok());
  ASSERT_EQ(receipt.value().transaction_receipts_size(), 1);
  EXPECT_TRUE(receipt.value().transaction_receipts(0).reverted());
  EXPECT_EQ(receipt.value().transaction_receipts(0).logs(0), "transaction reverted: system authority required");
  ASSERT_TRUE(t.produce_block().ok());
  EXPECT_EQ(t.controller().account_rc(Tester::address(chain.alice)).value(), k_native_rc);
}

TEST(Dispatch, OverridingCallIsRefused) {
  OverrideChain chain;
  auto& t = chain.tester;
  auto trx = t.transaction(t.genesis_key(), {Tester::set_system_call(kc::call, chain.override_id, k_entry_true)});
  auto mempool = t.controller().apply_transaction(trx);
  EXPECT_EQ(outcome(mempool).code, ErrorCode::reversion);
  EXPECT_EQ(outcome(mempool).message, "the call system call cannot be overridden by a contract");
  auto receipt = t.produce_block({trx});
  ASSERT_TRUE(receipt.ok());
  EXPECT_TRUE(receipt.value().transaction_receipts(0).reverted());
}

TEST(Dispatch, OverrideTargetsMustBeSystemContractsOrExistingThunks) {
  Tester t;
  auto user = t.deploy(Tester::key("override"), testing::test_contract("override"), false);
  ASSERT_TRUE(user.ok());
  auto not_system = t.transaction(t.genesis_key(), {Tester::set_system_call(kc::get_account_rc, user.value(), 2)});
  EXPECT_EQ(outcome(t.controller().apply_transaction(not_system)).code, ErrorCode::invalid_contract);
  testing::TransactionOptions same_nonce;
  same_nonce.nonce = 1;
  auto no_thunk = t.transaction(t.genesis_key(), {Tester::set_system_call_thunk(kc::get_account_rc, 112)}, same_nonce);
  EXPECT_EQ(outcome(t.controller().apply_transaction(no_thunk)).code, ErrorCode::unknown_thunk);
}

TEST(Dispatch, UnenabledSystemCallsAreUnknownThunks) {
  test::ProxyChain chain;
  // nop (0) is not genesis-enabled; 112 has no native thunk; 9999 is not registered.
  EXPECT_EQ(chain.mempool_outcome(kc::get_contract_metadata, "").code, ErrorCode::unknown_thunk);
  EXPECT_EQ(chain.mempool_outcome(9999, "").code, ErrorCode::unknown_thunk);
}

}  // namespace
}  // namespace modchain::kernel
