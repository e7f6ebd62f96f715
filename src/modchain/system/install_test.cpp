// The install transaction of the dev and governed profiles on the in-process kernel tester.
#include <gtest/gtest.h>

#include "koinos/contracts/name_service/name_service.pb.h"
#include "koinos/contracts/token/token.pb.h"
#include "modchain/kernel/testing/tester.hpp"
#include "modchain/protocol/serialization.hpp"
#include "modchain/system/catalog.hpp"
#include "modchain/system/install.hpp"

namespace modchain::system {
namespace {

namespace kp = koinos::protocol;
using kernel::testing::Tester;

constexpr uint32_t k_balance_of = 0x5c721497;
constexpr uint32_t k_get_address = 0xa61ae5e8;
constexpr uint64_t k_rc_limit = 10'000'000'000;

kernel::testing::TesterOptions rich_genesis() {
  kernel::testing::TesterOptions options;
  options.genesis.max_account_resources = 1'000'000'000;  // as modchaind --dev
  return options;
}

class InstallTest : public ::testing::Test {
 protected:
  void install(Profile profile, std::vector<std::string> producers = {}) {
    InstallOptions options;
    options.profile = profile;
    options.producers = std::move(producers);
    auto trx = install_transaction(options, tester.genesis_key(), tester.chain_id(),
                                   tester.take_nonce(Tester::address(tester.genesis_key())));
    ASSERT_TRUE(trx.ok()) << trx.error().message;
    auto receipt = tester.produce_block({trx.value()});
    ASSERT_TRUE(receipt.ok()) << receipt.error().message;
    ASSERT_EQ(receipt->transaction_receipts_size(), 1);
    ASSERT_FALSE(receipt->transaction_receipts(0).reverted()) << logs(receipt->transaction_receipts(0));
  }
  static std::string logs(const kp::transaction_receipt& receipt) {
    std::string out;
    for (const auto& line : receipt.logs()) out += line + "\n";
    return out;
  }
  uint64_t balance_of(const std::string& owner) {
    koinos::contracts::token::balance_of_arguments args;
    args.set_owner(owner);
    auto read = tester.controller().read_contract(module_address("koin"), k_balance_of, protocol::serialize_to_string(args));
    EXPECT_TRUE(read.ok());
    koinos::contracts::token::balance_of_result result;
    EXPECT_TRUE(read.ok() && result.ParseFromString(read->result));
    return result.value();
  }
  util::Result<kp::block_receipt> set_system_call_by_genesis_key() {
    // rc_limit: with the system contracts, rc is priced by the resources contract (far above the native 1/tick).
    auto trx = tester.transaction(tester.genesis_key(), {Tester::set_system_call_thunk(201, 201)}, kernel::testing::with_rc_limit(k_rc_limit));
    return tester.produce_block({trx});
  }

  Tester tester{rich_genesis()};
};

TEST_F(InstallTest, DevProfileRegistersEveryContractAndMintsTheSupplyToTheGenesisKey) {
  install(Profile::dev);
  for (const auto& role : contract_roles()) {
    koinos::contracts::name_service::get_address_arguments args;
    args.set_name(std::string(role.name));
    auto read = tester.controller().read_contract(module_address("name_service"), k_get_address,
                                                  protocol::serialize_to_string(args));
    ASSERT_TRUE(read.ok()) << role.name;
    koinos::contracts::name_service::get_address_result result;
    ASSERT_TRUE(result.ParseFromString(read->result));
    EXPECT_EQ(result.value().address(), module_address(role.name)) << role.name;
  }
  const std::string genesis = Tester::address(tester.genesis_key());
  EXPECT_EQ(balance_of(genesis), InstallOptions{}.initial_supply);
  // From block 2 on the koin contract answers get_account_rc: mana = the whole balance.
  auto rc = tester.controller().account_rc(genesis);
  ASSERT_TRUE(rc.ok());
  EXPECT_EQ(rc.value(), InstallOptions{}.initial_supply);
  // The consensus contract (producer set = the genesis key) accepts the next blocks.
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(tester.produce_block().ok());
}

TEST_F(InstallTest, GetContractMetadataIsServedAfterInstall) {
  koinos::chain::get_contract_metadata_arguments args;
  args.set_contract_id(module_address("koin"));
  const std::string serialized = protocol::serialize_to_string(args);
  auto before = tester.controller().invoke_system_call(112, serialized);  // no native thunk
  ASSERT_FALSE(before.ok());
  install(Profile::dev);
  auto after = tester.controller().invoke_system_call(112, serialized);
  ASSERT_TRUE(after.ok()) << after.error().message;
  koinos::chain::get_contract_metadata_result result;
  ASSERT_TRUE(result.ParseFromString(after.value()));
  EXPECT_TRUE(result.value().system());
  EXPECT_TRUE(result.value().authorizes_call_contract());
  EXPECT_TRUE(result.value().authorizes_transaction_application());
  EXPECT_TRUE(result.value().authorizes_upload_contract());
  EXPECT_EQ(result.value().hash().size(), 34u);  // sha2-256 multihash of the bytecode
  args.set_contract_id(Tester::address(Tester::key("nobody")));
  auto none = tester.controller().invoke_system_call(112, protocol::serialize_to_string(args));
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none.value(), "");  // not a contract: the empty message
}

TEST_F(InstallTest, DevProfileLeavesSystemAuthorityWithTheGenesisKey) {
  install(Profile::dev);
  auto receipt = set_system_call_by_genesis_key();
  ASSERT_TRUE(receipt.ok());
  ASSERT_EQ(receipt->transaction_receipts_size(), 1);
  EXPECT_FALSE(receipt->transaction_receipts(0).reverted());
}

TEST_F(InstallTest, GovernedProfileTakesSystemAuthorityFromTheGenesisKey) {
  install(Profile::governed);
  auto receipt = set_system_call_by_genesis_key();
  ASSERT_TRUE(receipt.ok());
  ASSERT_EQ(receipt->transaction_receipts_size(), 1);
  EXPECT_TRUE(receipt->transaction_receipts(0).reverted());
  EXPECT_NE(logs(receipt->transaction_receipts(0)).find("system"), std::string::npos)
      << logs(receipt->transaction_receipts(0));
}

TEST_F(InstallTest, ProducersReceiveTheirAllocation) {
  const std::string other = Tester::address(Tester::key("producer b"));
  const std::string genesis = Tester::address(tester.genesis_key());
  install(Profile::dev, {genesis, other});
  const InstallOptions defaults;
  EXPECT_EQ(balance_of(other), defaults.producer_allocation);
  EXPECT_EQ(balance_of(genesis), defaults.initial_supply - defaults.producer_allocation);
}

TEST(InstallOptionsTest, RejectsBadInput) {
  Tester tester;
  InstallOptions options;
  options.consensus_module = "no_such_module";
  auto missing = install_transaction(options, tester.genesis_key(), tester.chain_id());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, util::ErrorCode::not_found);

  options = {};
  options.producers = {"short"};
  EXPECT_EQ(install_transaction(options, tester.genesis_key(), tester.chain_id()).error().code,
            util::ErrorCode::invalid_argument);

  options = {};
  options.initial_supply = 10;
  options.producers = {Tester::address(Tester::key("b"))};
  EXPECT_EQ(install_transaction(options, tester.genesis_key(), tester.chain_id()).error().code,
            util::ErrorCode::invalid_argument);

  options = {};
  options.profile = Profile::bare;
  EXPECT_EQ(install_transaction(options, tester.genesis_key(), tester.chain_id()).error().code,
            util::ErrorCode::invalid_argument);
  EXPECT_EQ(parse_profile("governed").value(), Profile::governed);
  EXPECT_EQ(parse_profile("gov").error().code, util::ErrorCode::invalid_argument);
}

}  // namespace
}  // namespace modchain::system
