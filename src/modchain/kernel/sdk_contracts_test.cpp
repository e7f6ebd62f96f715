// The prebuilt C++ SDK test contracts (contracts/test, docs/contracts.md §3) on the kernel: an rc system
// contract overriding get_account_rc (201) and consume_account_rc (202) records exactly the rc the kernel
// charges.
#include <gtest/gtest.h>

#include "modchain/kernel/test_helpers.hpp"
#include "modchain/protocol/ids.hpp"
#include "modchain/util/file.hpp"
#include "test_contracts.hpp"

namespace modchain::kernel {
namespace {

using testing::Tester;
namespace kc = koinos::chain;
namespace rc = modchain::test_contracts::rc_override;
namespace auth = modchain::test_contracts::authority;
using test::outcome;
using util::ErrorCode;

util::Bytes committed(const std::string& name) {
  auto bytes = util::read_file(modchain::test_contracts::wasm_path(name));
  MODCHAIN_ASSERT(bytes.ok(), "committed test contract missing");
  return util::to_bytes(bytes.value());
}

uint64_t consumed(Tester& t, const std::string& contract, const std::string& account) {
  kc::get_account_rc_arguments args;  // {account = 1 bytes}: the same layout as get_consumed's arguments
  args.set_account(account);
  auto read = t.controller().read_contract(contract, rc::k_get_consumed, protocol::serialize_to_string(args));
  MODCHAIN_ASSERT(read.ok(), "get_consumed failed");
  kc::get_account_rc_result result;
  MODCHAIN_ASSERT(result.ParseFromString(read.value().result), "get_consumed result");
  return result.value();
}

TEST(SdkContracts, RcOverrideRecordsTheRcTheKernelCharges) {
  Tester t;
  auto id = t.deploy(Tester::key("rc"), committed("rc_override"), true);
  ASSERT_TRUE(id.ok()) << id.error().describe();
  auto set = t.transaction(t.genesis_key(), {Tester::set_system_call(kc::get_account_rc, id.value(), rc::k_get_account_rc),
                                             Tester::set_system_call(kc::consume_account_rc, id.value(),
                                                                     rc::k_consume_account_rc)});
  auto overridden = t.produce_block({set});
  ASSERT_TRUE(overridden.ok());
  ASSERT_FALSE(overridden.value().transaction_receipts(0).reverted()) << overridden.value().transaction_receipts(0).logs(0);
  const auto alice = Tester::key("alice");
  const std::string alice_address = Tester::address(alice);
  EXPECT_EQ(t.controller().account_rc(alice_address).value(), rc::k_account_rc);
  auto first = t.produce_block({t.transaction(alice, {})});
  ASSERT_TRUE(first.ok()) << first.error().describe();
  const auto& r1 = first.value().transaction_receipts(0);
  EXPECT_EQ(r1.max_payer_rc(), rc::k_account_rc);
  EXPECT_GT(r1.rc_used(), 0u);
  EXPECT_EQ(consumed(t, id.value(), alice_address), r1.rc_used());
  auto second = t.produce_block({t.transaction(alice, {})});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(consumed(t, id.value(), alice_address), r1.rc_used() + second.value().transaction_receipts(0).rc_used());
  // The block signer pays the blocks' system rc through the same override.
  EXPECT_GT(consumed(t, id.value(), Tester::address(t.genesis_key())), 0u);
}

// A transaction whose payer is `payer_id` (a contract), signed by `signer` only.
koinos::protocol::transaction paid_by(Tester& t, const std::string& payer_id, const crypto::PrivateKey& signer,
                                      uint64_t nonce) {
  testing::TransactionOptions options;
  options.nonce = nonce;
  auto trx = t.transaction(signer, {}, options);
  trx.mutable_header()->set_payer(payer_id);
  trx.set_id(util::to_string(protocol::transaction_id(trx.header()).to_bytes()));
  const auto signature = signer.sign_compact(protocol::transaction_signing_digest(trx.header()));
  trx.set_signatures(0, std::string(signature.begin(), signature.end()));
  return trx;
}

TEST(SdkContracts, ContractPayerAuthorizesThroughItsAuthorizeEntryPoint) {
  Tester t;
  const auto auth_key = Tester::key("authority");
  const std::string id = Tester::address(auth_key);
  auto uploaded = t.produce_block({t.transaction(auth_key, {Tester::upload_contract(id, committed("authority"), false, true)})});
  ASSERT_TRUE(uploaded.ok());
  ASSERT_FALSE(uploaded.value().transaction_receipts(0).reverted());
  const auto alice = Tester::key("alice");
  // Never configured: authorize answers false → the pre-check fails with authorization_failure.
  EXPECT_EQ(outcome(t.controller().apply_transaction(paid_by(t, id, alice, 2))).code, ErrorCode::authorization_failure);
  const std::string allow_and_record("\x08\x01\x10\x01", 4);  // authority_config{allow: true, record: true}
  auto configured = t.produce_block({t.transaction(alice, {Tester::call_contract(id, auth::k_set_config, allow_and_record)})});
  ASSERT_TRUE(configured.ok());
  ASSERT_FALSE(configured.value().transaction_receipts(0).reverted());
  auto mempool = t.controller().apply_transaction(paid_by(t, id, alice, 2));
  ASSERT_TRUE(mempool.ok()) << mempool.error().describe();
  auto paid = t.produce_block({paid_by(t, id, alice, 2)});  // nonce 1 was the upload by the same address
  ASSERT_TRUE(paid.ok()) << paid.error().describe();
  ASSERT_EQ(paid.value().transaction_receipts_size(), 1);
  EXPECT_EQ(paid.value().transaction_receipts(0).payer(), id);
  auto last = t.controller().read_contract(id, auth::k_get_last_authorize, "");
  ASSERT_TRUE(last.ok());
  kc::authorize_arguments recorded;
  ASSERT_TRUE(recorded.ParseFromString(last.value().result));
  EXPECT_EQ(recorded.type(), kc::transaction_application);
  EXPECT_FALSE(recorded.has_call());
}

TEST(SdkContracts, ContractCallAuthorityPassesTheCallingFrameToAuthorize) {
  Tester t;
  const auto auth_key = Tester::key("authority");
  const std::string id = Tester::address(auth_key);
  ASSERT_TRUE(t.produce_block({t.transaction(auth_key, {Tester::upload_contract(id, committed("authority"), true)})}).ok());
  const auto alice = Tester::key("alice");
  const std::string allow_and_record("\x08\x01\x10\x01", 4);
  ASSERT_TRUE(t.produce_block({t.transaction(alice, {Tester::call_contract(id, auth::k_set_config, allow_and_record)})}).ok());
  // require_authority{account = itself}: check_authority(contract_call, id) delegates to id's authorize.
  const std::string require = "\x0a\x19" + id;  // {account = 1 bytes(25)}
  auto receipt = t.produce_block({t.transaction(alice, {Tester::call_contract(id, auth::k_require_authority, require)})});
  ASSERT_TRUE(receipt.ok());
  ASSERT_FALSE(receipt.value().transaction_receipts(0).reverted()) << receipt.value().transaction_receipts(0).logs(0);
  auto last = t.controller().read_contract(id, auth::k_get_last_authorize, "");
  ASSERT_TRUE(last.ok());
  kc::authorize_arguments recorded;
  ASSERT_TRUE(recorded.ParseFromString(last.value().result));
  EXPECT_EQ(recorded.type(), kc::contract_call);
  ASSERT_TRUE(recorded.has_call());
  EXPECT_EQ(recorded.call().contract_id(), id);                       // the calling contract
  EXPECT_EQ(recorded.call().entry_point(), auth::k_require_authority);  // its entry point
  EXPECT_EQ(recorded.call().caller(), "");                            // its caller: the operation (system)
  // Denied: the contract's own check fails and the transaction reverts.
  const std::string deny("\x10\x01", 2);  // {allow: false, record: true}
  ASSERT_TRUE(t.produce_block({t.transaction(alice, {Tester::call_contract(id, auth::k_set_config, deny)})}).ok());
  auto denied = t.produce_block({t.transaction(alice, {Tester::call_contract(id, auth::k_require_authority, require)})});
  ASSERT_TRUE(denied.ok());
  EXPECT_TRUE(denied.value().transaction_receipts(0).reverted());
  EXPECT_EQ(denied.value().transaction_receipts(0).logs(0), "transaction reverted: authority: not authorized");
}

}  // namespace
}  // namespace modchain::kernel
