// Transaction outcomes (§11, §12.3): reversion vs failure, nonces, signatures, rc, determinism.
#include <gtest/gtest.h>

#include "modchain/kernel/state_keys.hpp"
#include "modchain/kernel/test_helpers.hpp"
#include "modchain/protocol/ids.hpp"

namespace modchain::kernel {
namespace {

using test::outcome;
using testing::Tester;
using util::ErrorCode;
namespace kc = koinos::chain;
namespace kp = koinos::protocol;

TEST(Transaction, RevertedTransactionKeepsTheBlockChargesRcAndLeavesNoStateChange) {
  test::ProxyChain chain;
  auto& t = chain.tester;
  auto trx = t.transaction(chain.alice, {Tester::call_contract(chain.proxy_id, kc::put_object,
                                                               test::put_args(false, chain.proxy_id, "k", "v")),
                                         Tester::call_contract(chain.proxy_id, kc::put_object,
                                                               test::put_args(true, "", "k", "v"))});
  auto receipt = t.produce_block({trx});
  ASSERT_TRUE(receipt.ok()) << receipt.error().describe();
  ASSERT_EQ(receipt.value().transaction_receipts_size(), 1);
  const auto& r = receipt.value().transaction_receipts(0);
  EXPECT_TRUE(r.reverted());
  EXPECT_EQ(r.rc_limit(), 1'000'000u);
  EXPECT_EQ(r.max_payer_rc(), 10'000'000u);
  EXPECT_GT(r.rc_used(), 0u);
  EXPECT_EQ(r.rc_used(), r.network_bandwidth_used() * 5 + r.compute_bandwidth_used() * 1 + r.disk_storage_used() * 10);
  EXPECT_EQ(r.network_bandwidth_used(), protocol::serialized_size(trx));
  ASSERT_EQ(r.logs_size(), 1);
  EXPECT_EQ(r.logs(0), "transaction reverted: user mode cannot access a system object space");
  EXPECT_EQ(r.events_size(), 0);
  // The nonce advanced (written before the operations), the object did not.
  EXPECT_EQ(t.controller().account_nonce(Tester::address(chain.alice)).value(), Tester::nonce_bytes(1));
  auto read = t.controller().read_contract(chain.proxy_id, kc::get_object, test::get_args(false, chain.proxy_id, "k"));
  ASSERT_TRUE(read.ok());
  kc::get_object_result object;
  ASSERT_TRUE(object.ParseFromString(read.value().result));
  EXPECT_FALSE(object.value().exists());
  // Only the nonce and head_block are in the block's delta.
  EXPECT_EQ(receipt.value().state_delta_entries_size(), 2);
}

TEST(Transaction, AFailureRejectsTheBlockAndProposalsDropIt) {
  test::ProxyChain chain;
  auto& t = chain.tester;
  // Uploading under an address whose key did not sign: authorization_failure, a real failure (§11).
  const std::string victim = Tester::address(Tester::key("victim"));
  auto bad = t.transaction(chain.alice, {Tester::upload_contract(victim, testing::test_contract("override"))});
  auto block = t.block_on(t.last_block().id(), {bad});
  ASSERT_TRUE(block.ok());
  const auto head = util::to_string(t.controller().database().head().id());
  EXPECT_EQ(outcome(t.push_block(block.value())).code, ErrorCode::authorization_failure);
  EXPECT_EQ(util::to_string(t.controller().database().head().id()), head);
  auto proposed = t.controller().propose_block(std::vector<kp::transaction>{bad}, block.value().header().timestamp(),
                                               t.genesis_key());
  ASSERT_TRUE(proposed.ok());
  EXPECT_EQ(proposed.value().block.transactions_size(), 0);
  EXPECT_EQ(proposed.value().dropped, std::vector<size_t>{0});
}

TEST(Transaction, NonceReplayIsInvalidNonce) {
  test::ProxyChain chain;
  auto& t = chain.tester;
  auto first = t.transaction(chain.alice, {});
  ASSERT_TRUE(t.produce_block({first}).ok());
  EXPECT_EQ(outcome(t.controller().apply_transaction(first)).code, ErrorCode::invalid_nonce);
  auto replay = t.block_on(t.last_block().id(), {first});
  ASSERT_TRUE(replay.ok());
  EXPECT_EQ(outcome(t.push_block(replay.value())).code, ErrorCode::invalid_nonce);
  testing::TransactionOptions skip;
  skip.nonce = 3;  // must be exactly previous + 1
  EXPECT_EQ(outcome(t.controller().apply_transaction(t.transaction(chain.alice, {}, skip))).code,
            ErrorCode::invalid_nonce);
}

TEST(Transaction, MempoolChecksChainOnThePendingNonce) {
  Tester t;
  const auto alice = Tester::key("alice");
  const std::string account = Tester::address(alice);
  auto pending_one = [&](const std::string& who) -> std::optional<uint64_t> {
    if (who == account) return 1;
    return std::nullopt;
  };
  testing::TransactionOptions second;
  second.nonce = 2;
  EXPECT_TRUE(t.controller().apply_transaction(t.transaction(alice, {}, second), pending_one).ok());
  EXPECT_EQ(outcome(t.controller().apply_transaction(t.transaction(alice, {}, second))).code, ErrorCode::invalid_nonce);
  testing::TransactionOptions first;
  first.nonce = 1;
  EXPECT_EQ(outcome(t.controller().apply_transaction(t.transaction(alice, {}, first), pending_one)).code,
            ErrorCode::invalid_nonce);
  // Other accounts are unaffected by alice's pending nonce.
  EXPECT_TRUE(t.controller().apply_transaction(t.transaction(Tester::key("bob"), {}, first), pending_one).ok());
}

TEST(Transaction, BlockComputeLimitIsAFailureNotAReversion) {
  testing::TesterOptions options;
  options.genesis.limits.compute_bandwidth_limit = 400'000;
  Tester t(options);
  const auto alice = Tester::key("alice");
  auto proxy = t.deploy(Tester::key("proxy"), testing::test_contract("proxy"));
  ASSERT_TRUE(proxy.ok()) << proxy.error().describe();
  kc::call_arguments call;
  call.set_contract_id(proxy.value());
  call.set_entry_point(kc::get_head_info);
  for (int i = 0; i < 40; ++i) {
    kc::call_arguments outer;
    outer.set_contract_id(proxy.value());
    outer.set_entry_point(kc::call);
    outer.set_args(protocol::serialize_to_string(call));
    call = outer;
  }
  auto heavy = t.transaction(alice, {Tester::call_contract(proxy.value(), kc::call, protocol::serialize_to_string(call))});
  // The payer could pay (rc 1,000,000) but the block cannot: compute_bandwidth_limit_exceeded, a failure that
  // call_contract does not turn into a reversion.
  EXPECT_EQ(outcome(t.controller().apply_transaction(heavy)).code, ErrorCode::compute_bandwidth_limit_exceeded);
  auto block = t.block_on(t.last_block().id(), {heavy});
  ASSERT_TRUE(block.ok());
  EXPECT_EQ(outcome(t.push_block(block.value())).code, ErrorCode::compute_bandwidth_limit_exceeded);
  auto proposed = t.produce_block({heavy});  // a producer drops it instead
  ASSERT_TRUE(proposed.ok());
  EXPECT_EQ(proposed.value().transaction_receipts_size(), 0);
}

TEST(Transaction, BadSignaturesAreRejected) {
  Tester t;
  const auto alice = Tester::key("alice");
  auto trx = t.transaction(alice, {});
  auto wrong_key = trx;
  const auto other = Tester::key("bob").sign_compact(protocol::transaction_signing_digest(trx.header()));
  wrong_key.set_signatures(0, std::string(other.begin(), other.end()));
  EXPECT_EQ(outcome(t.controller().apply_transaction(wrong_key)).code, ErrorCode::authorization_failure);
  auto truncated = trx;
  truncated.set_signatures(0, trx.signatures(0).substr(0, 64));
  EXPECT_EQ(outcome(t.controller().apply_transaction(truncated)).code, ErrorCode::invalid_signature);
  auto bad_header_byte = trx;
  bad_header_byte.mutable_signatures(0)->at(0) = 40;  // generic crypto error in a native path → failure
  EXPECT_EQ(outcome(t.controller().apply_transaction(bad_header_byte)).code, ErrorCode::failure);
  auto block = t.block_on(util::to_string(t.controller().database().head().id()), {wrong_key});
  ASSERT_TRUE(block.ok());
  EXPECT_EQ(outcome(t.push_block(block.value())).code, ErrorCode::authorization_failure);
  EXPECT_TRUE(t.controller().apply_transaction(trx).ok());
}

TEST(Transaction, RcLimitAbovePayerRcIsRejected) {
  Tester t;
  testing::TransactionOptions options;
  options.rc_limit = 10'000'001;
  auto trx = t.transaction(Tester::key("alice"), {}, options);
  auto result = t.controller().apply_transaction(trx);
  EXPECT_EQ(outcome(result).code, ErrorCode::failure);
  EXPECT_EQ(outcome(result).message,
            "payer rc 10000000 is below rc_limit 10000001 (insufficient_rc in transaction pre-check)");
  auto block = t.block_on(util::to_string(t.controller().database().head().id()), {trx});
  ASSERT_TRUE(block.ok());
  EXPECT_EQ(outcome(t.push_block(block.value())).code, ErrorCode::failure);
}

TEST(Transaction, WrongChainIdAndTamperedIdsAreMalformed) {
  Tester t;
  auto trx = t.transaction(Tester::key("alice"), {});
  auto wrong_id = trx;
  wrong_id.set_id(std::string("\x12\x20", 2) + std::string(32, '\1'));
  EXPECT_EQ(outcome(t.controller().apply_transaction(wrong_id)).code, ErrorCode::malformed_transaction);
  auto wrong_ops = trx;
  *wrong_ops.add_operations() = Tester::call_contract("x", 1);
  EXPECT_EQ(outcome(t.controller().apply_transaction(wrong_ops)).code, ErrorCode::malformed_transaction);
}

TEST(Transaction, SameBlocksOnTwoFreshChainsGiveIdenticalReceiptsAndRoots) {
  test::ProxyChain a;
  Tester b;
  // Replay a's blocks so far (the proxy deployment) on b, then a mixed block.
  std::vector<kp::block> blocks;
  for (uint64_t h = 1; h <= a.tester.controller().database().head().revision(); ++h) {
    auto node = a.tester.controller().database().node_at_revision(h);
    ASSERT_TRUE(node.ok());
    auto head_block = a.tester.controller().database().get_node(node.value().id()).get_object(
        system_space(kc::metadata), util::as_bytes(metadata_key_bytes("head_block")));
    ASSERT_TRUE(head_block.ok() && head_block.value());
    kp::block block;
    ASSERT_TRUE(block.ParseFromArray(head_block.value()->data(), static_cast<int>(head_block.value()->size())));
    blocks.push_back(block);
  }
  auto put = a.proxy_call(kc::put_object, test::put_args(false, a.proxy_id, "key", "value"));
  auto reverted = a.proxy_call(kc::put_object, test::put_args(true, "", "k", "v"));
  auto receipt_a = a.tester.produce_block({put, reverted});
  ASSERT_TRUE(receipt_a.ok());
  blocks.push_back(a.tester.last_block());
  util::Result<kp::block_receipt> receipt_b = kp::block_receipt{};
  for (const auto& block : blocks) {
    receipt_b = b.push_block(block);
    ASSERT_TRUE(receipt_b.ok()) << receipt_b.error().describe();
  }
  EXPECT_EQ(protocol::serialize_to_string(receipt_a.value()), protocol::serialize_to_string(receipt_b.value()));
  EXPECT_EQ(receipt_a.value().transaction_receipts_size(), 2);
  EXPECT_EQ(a.tester.controller().database().head().merkle_root().value(),
            b.controller().database().head().merkle_root().value());
}

}  // namespace
}  // namespace modchain::kernel
