// name_service system contract on the kernel tester: records both ways, re-pointing, validation, system
// authority, the record_update_event, and the get_contract_name / get_contract_address system calls.
#include <gtest/gtest.h>

#include "koinos/contracts/name_service/name_service.pb.h"
#include "system_chain.hpp"

namespace modchain::system_tests {
namespace {

namespace ns = koinos::contracts::name_service;
using kernel::testing::Tester;

constexpr uint32_t k_get_name = 0xe5070a16;
constexpr uint32_t k_get_address = 0xa61ae5e8;
constexpr uint32_t k_set_record = 0xe248c73a;
constexpr uint32_t k_try_system_call = 0x2fda2b2d;  // privilege_probe (contracts/test)
constexpr uint32_t k_get_contract_name = 10000;
constexpr uint32_t k_get_contract_address = 10001;

std::string set_record_args(const std::string& name, const std::string& address) {
  ns::set_record_arguments args;
  args.set_name(name);
  args.set_address(address);
  return args.SerializeAsString();
}

std::string get_address_args(const std::string& name) {
  ns::get_address_arguments args;
  args.set_name(name);
  return args.SerializeAsString();
}

std::string get_name_args(const std::string& address) {
  ns::get_name_arguments args;
  args.set_address(address);
  return args.SerializeAsString();
}

struct NameServiceChain : ::testing::Test {
  SystemChain chain;
  std::string ns_id = chain.install("name_service");
  crypto::PrivateKey alice = Tester::key("alice");
  std::string a = Tester::address(Tester::key("record a"));
  std::string b = Tester::address(Tester::key("record b"));

  /// set_record signed by `signer`; the receipt (the test fails if the transaction was dropped).
  koinos::protocol::transaction_receipt set_record(const crypto::PrivateKey& signer, const std::string& name,
                                                   const std::string& address) {
    auto receipt = chain.call(signer, ns_id, k_set_record, set_record_args(name, address));
    EXPECT_TRUE(receipt.ok()) << receipt.error().describe();
    return receipt.ok() ? *receipt : koinos::protocol::transaction_receipt{};
  }
  /// get_address by read_contract; "" when the read failed.
  std::string address_of(const std::string& name) {
    auto result = chain.read(ns_id, k_get_address, get_address_args(name));
    if (!result.ok()) return "";
    ns::get_address_result decoded;
    EXPECT_TRUE(decoded.ParseFromString(*result));
    return decoded.value().address();
  }
  /// get_name by read_contract.
  std::string name_of(const std::string& address) {
    auto result = chain.read(ns_id, k_get_name, get_name_args(address));
    EXPECT_TRUE(result.ok());
    ns::get_name_result decoded;
    EXPECT_TRUE(decoded.ParseFromString(result.ok() ? *result : ""));
    return decoded.value().name();
  }
};

TEST_F(NameServiceChain, SetRecordWithoutSystemAuthorityReverts) {
  auto receipt = set_record(alice, "koin", a);
  EXPECT_TRUE(receipt.reverted());
  ASSERT_EQ(receipt.logs_size(), 1);
  EXPECT_EQ(receipt.logs(0), "transaction reverted: name_service: set_record requires system authority");
  EXPECT_EQ(address_of("koin"), "");
  EXPECT_EQ(name_of(a), "");
}

TEST_F(NameServiceChain, RecordsReadBothWaysAndEmitTheEvent) {
  auto receipt = set_record(chain.tester().genesis_key(), "koin", a);
  ASSERT_FALSE(receipt.reverted()) << (receipt.logs_size() ? receipt.logs(0) : "");
  ASSERT_EQ(receipt.events_size(), 1);
  EXPECT_EQ(receipt.events(0).name(), "koinos.contracts.record_update_event");
  EXPECT_EQ(receipt.events(0).source(), ns_id);
  ns::record_update_event event;
  ASSERT_TRUE(event.ParseFromString(receipt.events(0).data()));
  EXPECT_EQ(event.name(), "koin");
  EXPECT_EQ(event.address(), a);
  ASSERT_EQ(receipt.events(0).impacted_size(), 1);
  EXPECT_EQ(receipt.events(0).impacted(0), a);

  EXPECT_EQ(address_of("koin"), a);
  EXPECT_EQ(name_of(a), "koin");
  // Unknown: get_name answers the empty message, get_address reverts.
  auto unknown_name = chain.read(ns_id, k_get_name, get_name_args(b));
  ASSERT_TRUE(unknown_name.ok());
  EXPECT_EQ(*unknown_name, "");
  auto unknown_address = chain.read(ns_id, k_get_address, get_address_args("vhp"));
  ASSERT_FALSE(unknown_address.ok());
  EXPECT_EQ(unknown_address.error().message, "name_service: no record found for the given name");
}

TEST_F(NameServiceChain, RePointingANameDropsTheOldAddress) {
  ASSERT_FALSE(set_record(chain.tester().genesis_key(), "koin", a).reverted());
  auto moved = set_record(chain.tester().genesis_key(), "koin", b);
  ASSERT_FALSE(moved.reverted());
  ASSERT_EQ(moved.events_size(), 1);
  ASSERT_EQ(moved.events(0).impacted_size(), 2);  // the new and the previous address
  EXPECT_EQ(moved.events(0).impacted(0), b);
  EXPECT_EQ(moved.events(0).impacted(1), a);
  EXPECT_EQ(address_of("koin"), b);
  EXPECT_EQ(name_of(b), "koin");
  EXPECT_EQ(name_of(a), "");

  // Renaming an address drops its previous name.
  ASSERT_FALSE(set_record(chain.tester().genesis_key(), "token", b).reverted());
  EXPECT_EQ(name_of(b), "token");
  EXPECT_EQ(address_of("token"), b);
  EXPECT_EQ(address_of("koin"), "");
}

TEST_F(NameServiceChain, InvalidRecordsRevert) {
  const auto& genesis = chain.tester().genesis_key();
  auto empty_name = set_record(genesis, "", a);
  EXPECT_TRUE(empty_name.reverted());
  EXPECT_EQ(empty_name.logs(0), "transaction reverted: name_service: name must be 1 to 64 bytes");
  auto long_name = set_record(genesis, std::string(65, 'n'), a);
  EXPECT_TRUE(long_name.reverted());
  EXPECT_EQ(long_name.logs(0), "transaction reverted: name_service: name must be 1 to 64 bytes");
  auto short_address = set_record(genesis, "koin", a.substr(0, 24));
  EXPECT_TRUE(short_address.reverted());
  EXPECT_EQ(short_address.logs(0), "transaction reverted: name_service: address must be 25 bytes");
  // 64 bytes is the longest name accepted.
  EXPECT_FALSE(set_record(genesis, std::string(64, 'n'), a).reverted());
  EXPECT_EQ(name_of(a), std::string(64, 'n'));
}

TEST_F(NameServiceChain, ServesGetContractNameAndAddressSystemCalls) {
  ASSERT_FALSE(set_record(chain.tester().genesis_key(), "koin", a).reverted());
  chain.override_call(k_get_contract_name, ns_id, k_get_name);
  chain.override_call(k_get_contract_address, ns_id, k_get_address);
  const std::string probe = chain.upload("../test/privilege_probe", Tester::key("probe"));

  auto try_call = [&](uint32_t id, const std::string& args) {
    std::string message;
    message += char(0x08);  // {id=1 uint32, args=2 bytes}
    message += char((id & 0x7f) | 0x80);  // varint, two bytes for 10000-10001
    message += char(id >> 7);
    message += char(0x12);
    message += char(args.size());
    message += args;
    return chain.read(probe, k_try_system_call, message);
  };
  auto address = try_call(k_get_contract_address, get_address_args("koin"));
  ASSERT_TRUE(address.ok()) << address.error().describe();
  ns::get_address_result address_result;
  ASSERT_TRUE(address_result.ParseFromString(*address));
  EXPECT_EQ(address_result.value().address(), a);

  auto name = try_call(k_get_contract_name, get_name_args(a));
  ASSERT_TRUE(name.ok()) << name.error().describe();
  ns::get_name_result name_result;
  ASSERT_TRUE(name_result.ParseFromString(*name));
  EXPECT_EQ(name_result.value().name(), "koin");

  // An unknown name: the override reverts, which aborts the user-mode caller.
  EXPECT_FALSE(try_call(k_get_contract_address, get_address_args("vhp")).ok());
}

TEST_F(NameServiceChain, AuthorizeAnswersSystemAuthority) {
  // The contract was uploaded with all authorizes_* flags: re-uploading it in place asks its `authorize`.
  const auto wasm = load_wasm("name_service");
  auto by_alice = chain.submit(alice, {Tester::upload_contract(ns_id, wasm, true, true)});
  EXPECT_FALSE(by_alice.ok());  // authorize said false: the transaction fails and is dropped
  auto by_genesis = chain.submit(chain.tester().genesis_key(), {Tester::upload_contract(ns_id, wasm, true, true)});
  ASSERT_TRUE(by_genesis.ok()) << by_genesis.error().describe();
  EXPECT_FALSE(by_genesis->reverted()) << (by_genesis->logs_size() ? by_genesis->logs(0) : "");
}

}  // namespace
}  // namespace modchain::system_tests
