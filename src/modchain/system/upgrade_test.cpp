// The headline scenario in process (docs/system_contracts.md "In-band upgrade"): a governed chain runs
// consensus_v1, which accepts a block signed by a key outside the producer set as long as it names the
// scheduled producer; a user uploads the fixed consensus module, a governance proposal switches
// process_block_signature to it, the producers vote in their block headers, it is applied at its
// scheduled height, and from the next block on the same forgery is rejected. The multi-process version
// with koilib is tests/functional/governance_upgrade.js.
#include <gtest/gtest.h>

#include "koinos/contracts/governance/governance.pb.h"
#include "koinos/contracts/token/token.pb.h"
#include "modchain/kernel/testing/tester.hpp"
#include "modchain/protocol/ids.hpp"
#include "modchain/protocol/serialization.hpp"
#include "modchain/system/catalog.hpp"
#include "modchain/system/install.hpp"

namespace modchain::system {
namespace {

namespace kp = koinos::protocol;
namespace gov = koinos::contracts::governance;
using kernel::testing::Tester;

constexpr uint64_t k_slot_ms = 1000;  // = the tester's block interval: one producer per block
constexpr uint64_t k_review = 2, k_vote = 10, k_delay = 2;
constexpr uint32_t k_process_block_signature = 101;
constexpr uint32_t k_process_block_signature_entry = 0xe0adbeab;
constexpr uint32_t k_transfer = 0x27f576ca;
constexpr uint64_t k_rc_limit = 10'000'000'000;  // rc is priced by the resources contract

kernel::testing::TesterOptions options() {
  kernel::testing::TesterOptions options;
  options.genesis.max_account_resources = 1'000'000'000;
  options.block_interval_ms = k_slot_ms;
  options.start_time_ms = 1'700'000'000'000;  // a multiple of 3 slots: block 1 is in slot 0
  return options;
}

class UpgradeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    producers = {&tester.genesis_key(), &producer_b, &producer_c};
    InstallOptions install;
    install.profile = Profile::governed;
    install.consensus_module = "consensus_v1";
    for (const auto* key : producers) install.producers.push_back(Tester::address(*key));
    install.slot_ms = k_slot_ms;
    install.review_period = k_review;
    install.vote_period = k_vote;
    install.application_delay = k_delay;
    auto trx = install_transaction(install, tester.genesis_key(), tester.chain_id(),
                                   tester.take_nonce(Tester::address(tester.genesis_key())));
    ASSERT_TRUE(trx.ok()) << trx.error().message;
    auto receipt = tester.produce_block({trx.value()});  // block 1: native signature (genesis key)
    ASSERT_TRUE(receipt.ok()) << receipt.error().message;
    ASSERT_FALSE(receipt->transaction_receipts(0).reverted());
  }

  /// The producer scheduled for a block at `timestamp`.
  const crypto::PrivateKey& scheduled(uint64_t timestamp) const { return *producers[(timestamp / k_slot_ms) % 3]; }
  uint64_t head_time() { return tester.controller().database().head().block_info().timestamp; }

  /// The next block, signed by its scheduled producer.
  kp::block_receipt produce(std::vector<kp::transaction> transactions = {}) {
    tester.set_block_signer(scheduled(head_time() + k_slot_ms));
    auto receipt = tester.produce_block(std::move(transactions));
    EXPECT_TRUE(receipt.ok()) << receipt.error().message;
    return receipt.ok() ? receipt.value() : kp::block_receipt{};
  }
  kp::transaction_receipt produce_one(kp::transaction trx) {
    auto receipt = produce({std::move(trx)});
    EXPECT_EQ(receipt.transaction_receipts_size(), 1);
    return receipt.transaction_receipts_size() == 1 ? receipt.transaction_receipts(0) : kp::transaction_receipt{};
  }

  /// A block on the head's parent (a fork, so the chain is not disturbed) that names the scheduled
  /// producer as signer but is signed by `forger`.
  kp::block forged_block(const crypto::PrivateKey& forger) {
    const std::string parent = tester.last_block().header().previous();
    auto block = tester.block_on(parent, {}, 1);
    EXPECT_TRUE(block.ok());
    block->mutable_header()->set_signer(Tester::address(scheduled(block->header().timestamp())));
    kernel::sign_block(block.value(), forger);
    return block.value();
  }

  static util::Bytes module_bytes(std::string_view module) {
    const auto wasm = module_wasm(module);
    EXPECT_TRUE(wasm.ok()) << module;
    return wasm.ok() ? util::Bytes(wasm.value().begin(), wasm.value().end()) : util::Bytes{};
  }

  gov::proposal_record proposal(const std::string& id) {
    gov::get_proposal_by_id_arguments args;
    args.set_proposal_id(id);
    auto read = tester.controller().read_contract(module_address("governance"), entry::k_get_proposal_by_id,
                                                  protocol::serialize_to_string(args));
    gov::get_proposal_by_id_result result;
    EXPECT_TRUE(read.ok() && result.ParseFromString(read->result));
    return result.value();
  }

  /// Uploads the fixed consensus module under the upgrader's key and submits the switch; returns the id.
  std::string propose_upgrade() {
    // The upgrader pays with mana: the genesis key gives it KOIN first.
    koinos::contracts::token::transfer_arguments transfer;
    transfer.set_from(Tester::address(tester.genesis_key()));
    transfer.set_to(Tester::address(upgrader));
    transfer.set_value(1'000'000'000'000);
    EXPECT_FALSE(produce_one(tester.transaction(tester.genesis_key(), {Tester::call_contract(module_address("koin"), k_transfer, protocol::serialize_to_string(transfer))}, kernel::testing::with_rc_limit(k_rc_limit))).reverted());

    const std::string v2 = Tester::address(upgrader);
    kp::operation upload = Tester::upload_contract(v2, module_bytes("consensus"), true, true);
    upload.mutable_upload_contract()->set_authorizes_upload_contract(true);
    EXPECT_FALSE(produce_one(tester.transaction(upgrader, {upload}, kernel::testing::with_rc_limit(k_rc_limit))).reverted());

    gov::submit_proposal_arguments submit;
    *submit.add_operations() = Tester::set_system_contract(v2, true);
    *submit.add_operations() = Tester::set_system_call(k_process_block_signature, v2, k_process_block_signature_entry);
    const std::string id = util::to_string(protocol::operation_merkle_root(submit.operations()).to_bytes());
    submit.set_operation_merkle_root(id);
    submit.set_fee(InstallOptions{}.proposal_fee);  // burned from the payer
    // Submitted by another account: with authorizes_transaction_application the upgrader's address now
    // lets its contract (system authority) decide who pays as it, so its key alone can no longer pay.
    auto receipt = produce_one(tester.transaction(tester.genesis_key(), {Tester::call_contract(module_address("governance"), entry::k_submit_proposal, protocol::serialize_to_string(submit))}, kernel::testing::with_rc_limit(k_rc_limit)));
    EXPECT_FALSE(receipt.reverted());
    return id;
  }

  Tester tester{options()};
  crypto::PrivateKey producer_b = Tester::key("upgrade test producer b");
  crypto::PrivateKey producer_c = Tester::key("upgrade test producer c");
  crypto::PrivateKey outsider = Tester::key("upgrade test outsider");
  crypto::PrivateKey upgrader = Tester::key("upgrade test upgrader");
  std::vector<const crypto::PrivateKey*> producers;
};

TEST_F(UpgradeTest, ProducersRotateAndV1AcceptsAForgedSignerWhileAnOutOfSlotProducerIsRejected) {
  for (int i = 0; i < 6; ++i) produce();
  // The right key out of its slot: rejected by v1 too.
  const uint64_t next = head_time() + k_slot_ms;
  const auto& wrong = *producers[(next / k_slot_ms + 1) % 3];
  tester.set_block_signer(wrong);
  auto out_of_slot = tester.produce_block();
  ASSERT_FALSE(out_of_slot.ok());
  EXPECT_EQ(out_of_slot.error().code, util::ErrorCode::invalid_signature);
  // The v1 bug: a key outside the set, claiming to be the scheduled producer, is accepted.
  auto forged = tester.push_block(forged_block(outsider));
  ASSERT_TRUE(forged.ok()) << forged.error().message;
}

TEST_F(UpgradeTest, AVotedProposalSwitchesProcessBlockSignatureAtItsScheduledHeightWithoutARestart) {
  const std::string id = propose_upgrade();
  const uint64_t submitted = tester.controller().database().head().revision();
  EXPECT_EQ(proposal(id).status(), gov::pending);
  tester.set_approved_proposals({id});
  const uint64_t vote_start = submitted + k_review;
  const uint64_t applied_at = vote_start + k_vote + k_delay;
  uint64_t applied_height = 0;
  while (tester.controller().database().head().revision() < applied_at) {
    auto receipt = produce();
    for (const auto& trx : receipt.transaction_receipts()) {
      for (const auto& event : trx.events()) {
        if (event.name() == "koinos.chain.set_system_call_event") applied_height = receipt.height();
      }
    }
    const uint64_t height = receipt.height();
    if (height == vote_start + 1) {
      EXPECT_EQ(proposal(id).status(), gov::active);
    }
    if (height == vote_start + k_vote - 1) {
      EXPECT_EQ(proposal(id).vote_tally(), k_vote - 1);  // every block votes
    }
    if (height == vote_start + k_vote + 1) {
      EXPECT_EQ(proposal(id).status(), gov::approved);
    }
  }
  EXPECT_EQ(applied_height, applied_at);
  // The override is read from the parent state: blocks on top of the applying block use v2. The same
  // forgery v1 accepted before is now rejected.
  produce();
  produce();
  auto forged = tester.push_block(forged_block(outsider));
  ASSERT_FALSE(forged.ok());
  EXPECT_EQ(forged.error().code, util::ErrorCode::invalid_signature);
  // Honest producers keep producing.
  for (int i = 0; i < 4; ++i) produce();
}

TEST_F(UpgradeTest, AProposalWithoutEnoughVotesExpiresAndChangesNothing) {
  const std::string id = propose_upgrade();
  const uint64_t submitted = tester.controller().database().head().revision();
  tester.set_approved_proposals({});  // nobody votes
  while (tester.controller().database().head().revision() < submitted + k_review + k_vote + k_delay + 2) produce();
  EXPECT_EQ(proposal(id).operations_size(), 0);  // expired records are deleted
  auto forged = tester.push_block(forged_block(outsider));
  EXPECT_TRUE(forged.ok()) << "v1 still decides";
}

TEST_F(UpgradeTest, ADirectSetSystemCallIsRefusedWithoutGovernance) {
  auto trx = tester.transaction(tester.genesis_key(), {Tester::set_system_call(k_process_block_signature, module_address("consensus"), k_process_block_signature_entry)}, kernel::testing::with_rc_limit(k_rc_limit));
  auto check = tester.controller().apply_transaction(trx);  // the mempool's check
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.error().code, util::ErrorCode::system_authorization_failure);
  auto receipt = produce_one(trx);  // in a block: reverted, nothing changed
  EXPECT_TRUE(receipt.reverted());
  auto forged = tester.push_block(forged_block(outsider));
  EXPECT_TRUE(forged.ok()) << "v1 still decides";
}

}  // namespace
}  // namespace modchain::system
