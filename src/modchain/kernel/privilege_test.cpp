// Privilege matrix (§6.1, §7.2, §8, §9.2) through a user-mode contract, and the frame stack limit.
#include <gtest/gtest.h>

#include "modchain/kernel/test_helpers.hpp"

namespace modchain::kernel {
namespace {

using test::outcome;
using testing::Tester;
using util::ErrorCode;
namespace kc = koinos::chain;

constexpr uint32_t k_thunk_bit = 0x80000000u;

TEST(Privilege, KernelOnlySystemCallsFromUserModeAreInsufficientPrivileges) {
  test::ProxyChain chain;
  for (uint32_t id : {2u, 3u, 4u, 5u, 6u, 7u, 109u}) {
    EXPECT_EQ(chain.mempool_outcome(id, "").code, ErrorCode::insufficient_privileges) << "system call " << id;
  }
  // invoke_thunk needs a kernel-mode contract; the authorize entry point needs a kernel-mode caller.
  EXPECT_EQ(chain.mempool_outcome(k_thunk_bit | kc::get_head_info, "").code, ErrorCode::insufficient_privileges);
  kc::call_arguments authorize;
  authorize.set_contract_id(chain.proxy_id);
  authorize.set_entry_point(0x4a2dbd90);
  EXPECT_EQ(chain.mempool_outcome(kc::call, protocol::serialize_to_string(authorize)).code,
            ErrorCode::insufficient_privileges);
  // A user-mode read works.
  EXPECT_EQ(chain.mempool_outcome(kc::get_head_info, "").code, ErrorCode::success);
}

TEST(Privilege, UserContractsTouchOnlyTheirOwnSpace) {
  test::ProxyChain chain;
  EXPECT_EQ(chain.mempool_outcome(kc::put_object, test::put_args(true, "", "k", "v")).code,
            ErrorCode::insufficient_privileges);
  EXPECT_EQ(chain.mempool_outcome(kc::put_object, test::put_args(true, chain.proxy_id, "k", "v")).code,
            ErrorCode::insufficient_privileges);
  EXPECT_EQ(chain.mempool_outcome(kc::get_object, test::get_args(true, "", "k")).code,
            ErrorCode::insufficient_privileges);
  const std::string other = Tester::address(Tester::key("someone else"));
  EXPECT_EQ(chain.mempool_outcome(kc::put_object, test::put_args(false, other, "k", "v")).code, ErrorCode::reversion);
  EXPECT_EQ(chain.mempool_outcome(kc::put_object, test::put_args(false, chain.proxy_id, "k", "v")).code,
            ErrorCode::success);
  // Written in a block, the object lands in the contract's zone.
  auto receipt = chain.tester.produce_block({chain.proxy_call(kc::put_object, test::put_args(false, chain.proxy_id, "k", "v"))});
  ASSERT_TRUE(receipt.ok());
  ASSERT_EQ(receipt.value().transaction_receipts_size(), 1);
  const auto& trx = receipt.value().transaction_receipts(0);
  EXPECT_FALSE(trx.reverted());
  bool found = false;
  for (const auto& entry : trx.state_delta_entries()) {
    if (!entry.object_space().system() && entry.object_space().zone() == chain.proxy_id && entry.key() == "k") {
      found = entry.value() == "v";
    }
  }
  EXPECT_TRUE(found);
  auto read = chain.tester.controller().read_contract(chain.proxy_id, kc::get_object,
                                                      test::get_args(false, chain.proxy_id, "k"));
  ASSERT_TRUE(read.ok()) << read.error().describe();
  kc::get_object_result object;
  ASSERT_TRUE(object.ParseFromString(read.value().result));
  EXPECT_TRUE(object.value().exists());
  EXPECT_EQ(object.value().value(), "v");
  // Writes in a read-only context are refused.
  auto write = chain.tester.controller().read_contract(chain.proxy_id, kc::put_object,
                                                       test::put_args(false, chain.proxy_id, "k", "w"));
  EXPECT_EQ(outcome(write).code, ErrorCode::read_only_context);
}

// args for `levels` nested proxy → call → proxy … ending in get_head_info.
std::string nested_calls(const std::string& proxy, int levels) {
  kc::call_arguments call;
  call.set_contract_id(proxy);
  call.set_entry_point(kc::get_head_info);
  for (int i = 0; i < levels; ++i) {
    kc::call_arguments outer;
    outer.set_contract_id(proxy);
    outer.set_entry_point(kc::call);
    outer.set_args(protocol::serialize_to_string(call));
    call = outer;
  }
  return protocol::serialize_to_string(call);
}

TEST(Privilege, FrameStackIsLimitedTo256) {
  test::ProxyChain chain;
  testing::TransactionOptions options;
  options.rc_limit = 10'000'000;
  options.nonce = 1;
  // Frames: base, apply_transaction, apply_call_contract_operation, call, proxy P0 (5), then per level a
  // `call` frame and a proxy frame: P(k) is frame 5 + 2k. The innermost proxy P(L+1) calls get_head_info
  // (frame 8 + 2L), which calls get_last_irreversible_block (9 + 2L): L = 123 fits in 256, 124 does not.
  auto ok = chain.tester.controller().apply_transaction(
      chain.tester.transaction(chain.alice, {Tester::call_contract(chain.proxy_id, kc::call, nested_calls(chain.proxy_id, 123))}, options));
  EXPECT_TRUE(ok.ok()) << ok.error().describe();
  auto overflow = chain.tester.controller().apply_transaction(
      chain.tester.transaction(chain.alice, {Tester::call_contract(chain.proxy_id, kc::call, nested_calls(chain.proxy_id, 124))}, options));
  EXPECT_EQ(outcome(overflow).code, ErrorCode::reversion);
  EXPECT_EQ(outcome(overflow).message, "stack overflow");
}

}  // namespace
}  // namespace modchain::kernel
