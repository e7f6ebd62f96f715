// The AssemblyScript token (contracts/as/token, @koinos/sdk-as 1.4.0) on the kernel: mint and transfer
// through real contract code, authority by signature, events, balances read back read-only.
#include <gtest/gtest.h>

#include "koinos/contracts/token/token.pb.h"
#include "modchain/kernel/test_helpers.hpp"
#include "modchain/util/file.hpp"

namespace modchain::kernel {
namespace {

using test::outcome;
using testing::Tester;
namespace kt = koinos::contracts::token;

constexpr uint32_t k_mint = 0xdc6f17bb;
constexpr uint32_t k_transfer = 0x27f576ca;
constexpr uint32_t k_balance_of = 0x5c721497;

util::Bytes token_wasm() {
  auto bytes = util::read_file(std::string(MODCHAIN_SOURCE_DIR) + "/contracts/as/token/token.wasm");
  MODCHAIN_ASSERT(bytes.ok(), "token.wasm missing");
  return util::to_bytes(bytes.value());
}

uint64_t balance(Tester& t, const std::string& token, const std::string& owner) {
  kt::balance_of_arguments args;
  args.set_owner(owner);
  auto read = t.controller().read_contract(token, k_balance_of, protocol::serialize_to_string(args));
  MODCHAIN_ASSERT(read.ok(), "balance_of failed");
  kt::balance_of_result result;
  MODCHAIN_ASSERT(result.ParseFromString(read.value().result), "balance_of result");
  return result.value();
}

TEST(Token, MintAndTransferThroughTheAssemblyScriptToken) {
  Tester t;
  const auto token_key = Tester::key("token");
  const auto alice = Tester::key("alice");
  const auto bob = Tester::key("bob");
  auto token = t.deploy(token_key, token_wasm());
  ASSERT_TRUE(token.ok()) << token.error().describe();
  kt::mint_arguments mint;
  mint.set_to(Tester::address(alice));
  mint.set_value(1'000);
  auto minted = t.produce_block({t.transaction(token_key, {Tester::call_contract(token.value(), k_mint,
                                                                                  protocol::serialize_to_string(mint))})});
  ASSERT_TRUE(minted.ok()) << minted.error().describe();
  ASSERT_EQ(minted.value().transaction_receipts_size(), 1);
  ASSERT_FALSE(minted.value().transaction_receipts(0).reverted()) << minted.value().transaction_receipts(0).logs(0);
  EXPECT_EQ(balance(t, token.value(), Tester::address(alice)), 1'000u);

  kt::transfer_arguments transfer;
  transfer.set_from(Tester::address(alice));
  transfer.set_to(Tester::address(bob));
  transfer.set_value(300);
  const auto transfer_op = Tester::call_contract(token.value(), k_transfer, protocol::serialize_to_string(transfer));
  // Signed by bob, not alice: the token's check_authority(alice) is false and it reverts.
  auto stolen = t.produce_block({t.transaction(bob, {transfer_op})});
  ASSERT_TRUE(stolen.ok());
  EXPECT_TRUE(stolen.value().transaction_receipts(0).reverted());
  auto sent = t.produce_block({t.transaction(alice, {transfer_op})});
  ASSERT_TRUE(sent.ok());
  const auto& receipt = sent.value().transaction_receipts(0);
  ASSERT_FALSE(receipt.reverted()) << receipt.logs(0);
  ASSERT_EQ(receipt.events_size(), 1);
  EXPECT_EQ(receipt.events(0).name(), "token.transfer_event");
  EXPECT_EQ(receipt.events(0).source(), token.value());
  EXPECT_EQ(balance(t, token.value(), Tester::address(alice)), 700u);
  EXPECT_EQ(balance(t, token.value(), Tester::address(bob)), 300u);
  EXPECT_LT(receipt.rc_used(), 1'000'000u);
}

}  // namespace
}  // namespace modchain::kernel
