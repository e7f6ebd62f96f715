// The WASM ABI bridge (§9.2–§9.3): return codes, exit and the stale result slot, introspection, events,
// logs, compute metering against the payer's rc.
#include <gtest/gtest.h>

#include "modchain/kernel/test_helpers.hpp"
#include "modchain/util/encoding.hpp"

namespace modchain::kernel {
namespace {

using test::outcome;
using testing::Tester;
using util::ErrorCode;
namespace kc = koinos::chain;

std::string exit_args(int32_t code, const std::string& message) {
  kc::exit_arguments args;
  args.set_code(code);
  args.mutable_res()->mutable_error()->set_message(message);
  return protocol::serialize_to_string(args);
}

TEST(Abi, ResultsAndNegativeCodesReachUserCode) {
  test::ProxyChain chain;
  kc::hash_arguments hash;
  hash.set_code(0x12);
  hash.set_obj("abc");
  auto read = chain.tester.controller().read_contract(chain.proxy_id, kc::hash, protocol::serialize_to_string(hash));
  ASSERT_TRUE(read.ok()) << read.error().describe();
  kc::hash_result digest;
  ASSERT_TRUE(digest.ParseFromString(read.value().result));
  EXPECT_EQ(util::to_hex(util::as_bytes(digest.value())),
            "1220ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // unknown_hash_code (-101) is returned to the contract as a value; the proxy exits with it.
  hash.set_code(0x99);
  auto failed = chain.tester.controller().read_contract(chain.proxy_id, kc::hash, protocol::serialize_to_string(hash));
  EXPECT_EQ(outcome(failed).code, ErrorCode::unknown_hash_code);
  EXPECT_EQ(outcome(failed).message, "unknown hash code 153");
}

TEST(Abi, IntrospectionSeesTheContractFrame) {
  test::ProxyChain chain;
  auto& c = chain.tester.controller();
  auto id = c.read_contract(chain.proxy_id, kc::get_contract_id, "");
  ASSERT_TRUE(id.ok());
  kc::get_contract_id_result contract_id;
  ASSERT_TRUE(contract_id.ParseFromString(id.value().result));
  EXPECT_EQ(contract_id.value(), chain.proxy_id);
  auto caller = c.read_contract(chain.proxy_id, kc::get_caller, "");
  ASSERT_TRUE(caller.ok());
  kc::get_caller_result caller_data;
  ASSERT_TRUE(caller_data.ParseFromString(caller.value().result));
  EXPECT_EQ(caller_data.value().caller(), "");
  EXPECT_EQ(caller_data.value().caller_privilege(), kc::user_mode);
  auto args = c.read_contract(chain.proxy_id, kc::get_arguments, "xyz");
  ASSERT_TRUE(args.ok());
  kc::get_arguments_result arguments;
  ASSERT_TRUE(arguments.ParseFromString(args.value().result));
  EXPECT_EQ(arguments.value().entry_point(), static_cast<uint32_t>(kc::get_arguments));
  EXPECT_EQ(arguments.value().arguments(), "xyz");
}

TEST(Abi, StaleNonZeroResultSlotRevertsALaterCallWithoutExit) {
  test::ProxyChain chain;
  auto& t = chain.tester;
  auto boom = chain.proxy_call(kc::exit, exit_args(1, "boom"));
  auto no_exit = chain.proxy_call(0, "");
  auto receipt = t.produce_block({boom, no_exit});
  ASSERT_TRUE(receipt.ok()) << receipt.error().describe();
  ASSERT_EQ(receipt.value().transaction_receipts_size(), 2);
  EXPECT_TRUE(receipt.value().transaction_receipts(0).reverted());
  EXPECT_EQ(receipt.value().transaction_receipts(0).logs(0), "transaction reverted: boom");
  // Same context: `_start` returned without exit, so `call` used the slot left by the previous transaction.
  EXPECT_TRUE(receipt.value().transaction_receipts(1).reverted());
  EXPECT_EQ(receipt.value().transaction_receipts(1).logs(0), "transaction reverted: boom");
  // A new block is a new context: the slot starts at {0, empty}.
  auto fresh = t.produce_block({chain.proxy_call(0, "")});
  ASSERT_TRUE(fresh.ok());
  EXPECT_FALSE(fresh.value().transaction_receipts(0).reverted());
}

TEST(Abi, EventsCarryAPerBlockSequenceIncludingRevertedTransactions) {
  test::ProxyChain chain;
  auto& t = chain.tester;
  kc::event_arguments event;
  event.set_name("hello");
  event.set_data("d");
  event.add_impacted(Tester::address(chain.alice));
  const std::string event_bytes = protocol::serialize_to_string(event);
  kc::log_arguments log;
  log.set_message("hi");
  auto reverted = t.transaction(chain.alice, {Tester::call_contract(chain.proxy_id, kc::event, event_bytes),
                                              Tester::call_contract(chain.proxy_id, kc::exit, exit_args(1, "no"))});
  auto kept = t.transaction(chain.alice, {Tester::call_contract(chain.proxy_id, kc::event, event_bytes),
                                          Tester::call_contract(chain.proxy_id, kc::log, protocol::serialize_to_string(log))});
  auto receipt = t.produce_block({reverted, kept});
  ASSERT_TRUE(receipt.ok());
  const auto& first = receipt.value().transaction_receipts(0);
  const auto& second = receipt.value().transaction_receipts(1);
  EXPECT_TRUE(first.reverted());
  EXPECT_EQ(first.events_size(), 0);
  EXPECT_FALSE(second.reverted());
  ASSERT_EQ(second.events_size(), 1);
  EXPECT_EQ(second.events(0).sequence(), 1u);
  EXPECT_EQ(second.events(0).source(), chain.proxy_id);
  EXPECT_EQ(second.events(0).name(), "hello");
  EXPECT_EQ(second.events(0).data(), "d");
  ASSERT_EQ(second.events(0).impacted_size(), 1);
  EXPECT_EQ(second.events(0).impacted(0), Tester::address(chain.alice));
  ASSERT_EQ(second.logs_size(), 1);
  EXPECT_EQ(second.logs(0), "hi");
  event.set_name("");
  EXPECT_EQ(chain.mempool_outcome(kc::event, protocol::serialize_to_string(event)).code, ErrorCode::reversion);
}

TEST(Abi, ComputeBeyondThePayersRcLimitIsInsufficientRc) {
  test::ProxyChain chain;
  auto& t = chain.tester;
  // 60 nested proxy calls cost well over 1,000,000 rc of compute.
  kc::call_arguments call;
  call.set_contract_id(chain.proxy_id);
  call.set_entry_point(kc::get_head_info);
  for (int i = 0; i < 60; ++i) {
    kc::call_arguments outer;
    outer.set_contract_id(chain.proxy_id);
    outer.set_entry_point(kc::call);
    outer.set_args(protocol::serialize_to_string(call));
    call = outer;
  }
  auto trx = chain.proxy_call(kc::call, protocol::serialize_to_string(call));
  EXPECT_EQ(outcome(t.controller().apply_transaction(trx)).code, ErrorCode::insufficient_rc);
  auto receipt = t.produce_block({trx});
  ASSERT_TRUE(receipt.ok());
  const auto& r = receipt.value().transaction_receipts(0);
  EXPECT_TRUE(r.reverted());
  EXPECT_LE(r.rc_used(), r.rc_limit());
  EXPECT_GT(r.rc_used(), r.rc_limit() - 40'000);  // everything but the last unpaid charge was used
}

TEST(Abi, IterationIsBytewiseOverTheSerializedKeyAndRemovalRefundsDisk) {
  test::ProxyChain chain;
  auto& t = chain.tester;
  auto put = [&](const std::string& key) {
    return Tester::call_contract(chain.proxy_id, kc::put_object, test::put_args(false, chain.proxy_id, key, "v" + key));
  };
  auto receipt = t.produce_block({t.transaction(chain.alice, {put("aa"), put("b"), put("c")})});
  ASSERT_TRUE(receipt.ok());
  const auto& written = receipt.value().transaction_receipts(0);
  ASSERT_FALSE(written.reverted());
  // Each new object costs len(serialized database_key) + len(value) bytes of disk; alice's first nonce
  // object (key 0a 04 08 01 18 04 12 19 <25 bytes>, value 28 01) is charged in the same transaction.
  const size_t zone = chain.proxy_id.size();
  const size_t space = 2 + 2 + zone;  // 0a len (12 len zone)
  EXPECT_EQ(written.disk_storage_used(), (space + 4 + 3) + (space + 3 + 2) + (space + 3 + 2) + (33 + 2));
  auto next = [&](const std::string& key) {
    kc::get_next_object_arguments args;
    args.mutable_space()->set_zone(chain.proxy_id);
    args.set_key(key);
    auto read = t.controller().read_contract(chain.proxy_id, kc::get_next_object, protocol::serialize_to_string(args));
    EXPECT_TRUE(read.ok());
    kc::get_next_object_result result;
    EXPECT_TRUE(result.ParseFromString(read.value().result));
    return result.value().exists() ? result.value().key() : std::string("<none>");
  };
  EXPECT_EQ(next(""), "b");  // shorter keys first: "b" < "c" < "aa"
  EXPECT_EQ(next("b"), "c");
  EXPECT_EQ(next("c"), "aa");
  EXPECT_EQ(next("aa"), "<none>");
  kc::remove_object_arguments remove;
  remove.mutable_space()->set_zone(chain.proxy_id);
  remove.set_key("aa");
  auto removed = t.produce_block({t.transaction(chain.alice, {Tester::call_contract(
      chain.proxy_id, kc::remove_object, protocol::serialize_to_string(remove))})});
  ASSERT_TRUE(removed.ok());
  EXPECT_FALSE(removed.value().transaction_receipts(0).reverted());
  EXPECT_EQ(removed.value().transaction_receipts(0).disk_storage_used(), 0u);  // a refund, clamped in the receipt
  EXPECT_EQ(next("c"), "<none>");
}

}  // namespace
}  // namespace modchain::kernel
