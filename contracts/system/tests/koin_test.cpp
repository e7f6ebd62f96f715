// koin system contract on the kernel tester: the token entry points, mint authority, and mana as the
// chain's resource credits once get_account_rc (201) and consume_account_rc (202) are overridden.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "koinos/chain/chain.pb.h"
#include "koinos/contracts/koin/koin.pb.h"
#include "koinos/contracts/name_service/name_service.pb.h"
#include "koinos/contracts/token/token.pb.h"
#include "system_chain.hpp"

namespace modchain::system_tests {
namespace {

namespace kt = koinos::contracts::token;
namespace kc = koinos::chain;
namespace kp = koinos::protocol;
using kernel::testing::Tester;
using kernel::testing::TesterOptions;

constexpr uint32_t k_name = 0x82a3537f;
constexpr uint32_t k_symbol = 0xb76a7ca1;
constexpr uint32_t k_decimals = 0xee80fd2f;
constexpr uint32_t k_total_supply = 0xb0da3934;
constexpr uint32_t k_balance_of = 0x5c721497;
constexpr uint32_t k_transfer = 0x27f576ca;
constexpr uint32_t k_mint = 0xdc6f17bb;
constexpr uint32_t k_burn = 0x859facc5;
constexpr uint32_t k_get_account_rc = 0x2d464aab;
constexpr uint32_t k_consume_account_rc = 0x80e3f5c9;
constexpr uint32_t k_get_name = 0xe5070a16;
constexpr uint32_t k_get_address = 0xa61ae5e8;
constexpr uint32_t k_set_record = 0xe248c73a;

constexpr uint64_t k_koin = 100'000'000;  // 1 KOIN in satoshi (8 decimals)
constexpr uint64_t k_regen_ms = 432'000'000;

/// A name_service + koin chain, installed and named the way the node does it.
struct KoinChain {
  SystemChain chain;
  const crypto::PrivateKey& genesis = chain.tester().genesis_key();
  std::string ns_id = chain.install("name_service");
  std::string koin_id = chain.install("koin");
  crypto::PrivateKey alice_key = Tester::key("alice");
  crypto::PrivateKey bob_key = Tester::key("bob");
  std::string alice = Tester::address(alice_key);
  std::string bob = Tester::address(bob_key);

  explicit KoinChain(TesterOptions options = {}) : chain(std::move(options)) {
    set_record("name_service", ns_id);
    set_record("koin", koin_id);
    chain.override_call(kc::get_contract_name, ns_id, k_get_name);
    chain.override_call(kc::get_contract_address, ns_id, k_get_address);
  }

  void set_record(const std::string& name, const std::string& address) {
    koinos::contracts::name_service::set_record_arguments args;
    args.set_name(name);
    args.set_address(address);
    auto receipt = chain.call(genesis, ns_id, k_set_record, args.SerializeAsString());
    ASSERT_TRUE(receipt.ok() && !receipt->reverted()) << "set_record " << name;
  }

  /// Gives the genesis key 10 KOIN (its mana pays for the later genesis transactions), then makes koin
  /// answer 201 and 202.
  void enable_mana() {
    ASSERT_FALSE(mint(genesis, Tester::address(genesis), 10 * k_koin).reverted());
    chain.override_call(kc::get_account_rc, koin_id, k_get_account_rc);
    chain.override_call(kc::consume_account_rc, koin_id, k_consume_account_rc);
  }

  /// One transaction by `signer` calling koin; its receipt (an empty receipt, and a test failure, when
  /// the transaction was dropped).
  kp::transaction_receipt call(const crypto::PrivateKey& signer, uint32_t entry_point, const std::string& args) {
    auto receipt = chain.call(signer, koin_id, entry_point, args);
    EXPECT_TRUE(receipt.ok()) << receipt.error().describe();
    return receipt.ok() ? *receipt : kp::transaction_receipt{};
  }
  kp::transaction_receipt mint(const crypto::PrivateKey& signer, const std::string& to, uint64_t value) {
    kt::mint_arguments args;
    args.set_to(to);
    args.set_value(value);
    return call(signer, k_mint, args.SerializeAsString());
  }
  kp::transaction_receipt transfer(const crypto::PrivateKey& signer, const std::string& from, const std::string& to,
                                   uint64_t value) {
    kt::transfer_arguments args;
    args.set_from(from);
    args.set_to(to);
    args.set_value(value);
    return call(signer, k_transfer, args.SerializeAsString());
  }
  kp::transaction_receipt burn(const crypto::PrivateKey& signer, const std::string& from, uint64_t value) {
    kt::burn_arguments args;
    args.set_from(from);
    args.set_value(value);
    return call(signer, k_burn, args.SerializeAsString());
  }

  /// read_contract of an entry point answering {value=1 uint64}.
  uint64_t read_uint64(uint32_t entry_point, const std::string& args = {}) {
    auto result = chain.read(koin_id, entry_point, args);
    EXPECT_TRUE(result.ok()) << result.error().describe();
    kt::balance_of_result decoded;  // {value=1 uint64}
    EXPECT_TRUE(decoded.ParseFromString(result.ok() ? *result : ""));
    return decoded.value();
  }
  static std::string balance_of_args(const std::string& owner) {
    kt::balance_of_arguments args;
    args.set_owner(owner);
    return args.SerializeAsString();
  }
  uint64_t balance(const std::string& owner) { return read_uint64(k_balance_of, balance_of_args(owner)); }
  uint64_t mana(const std::string& account) {
    kc::get_account_rc_arguments args;
    args.set_account(account);
    return read_uint64(k_get_account_rc, args.SerializeAsString());
  }
  uint64_t supply() { return read_uint64(k_total_supply); }
};

std::string first_log(const kp::transaction_receipt& receipt) {
  return receipt.logs_size() > 0 ? receipt.logs(0) : "";
}

/// The receipt's only event, checked for its name and impacted addresses, decoded as `Event`.
template <typename Event>
Event only_event(const kp::transaction_receipt& receipt, const std::string& name,
                 const std::vector<std::string>& impacted) {
  Event event;
  EXPECT_EQ(receipt.events_size(), 1);
  if (receipt.events_size() != 1) return event;
  EXPECT_EQ(receipt.events(0).name(), name);
  EXPECT_EQ(std::vector<std::string>(receipt.events(0).impacted().begin(), receipt.events(0).impacted().end()),
            impacted);
  EXPECT_TRUE(event.ParseFromString(receipt.events(0).data()));
  return event;
}

TEST(Koin, Metadata) {
  KoinChain k;
  auto name = k.chain.read(k.koin_id, k_name);
  ASSERT_TRUE(name.ok());
  kt::name_result name_result;
  ASSERT_TRUE(name_result.ParseFromString(*name));
  EXPECT_EQ(name_result.value(), "Koin");
  auto symbol = k.chain.read(k.koin_id, k_symbol);
  ASSERT_TRUE(symbol.ok());
  kt::symbol_result symbol_result;
  ASSERT_TRUE(symbol_result.ParseFromString(*symbol));
  EXPECT_EQ(symbol_result.value(), "KOIN");
  auto decimals = k.chain.read(k.koin_id, k_decimals);
  ASSERT_TRUE(decimals.ok());
  kt::decimals_result decimals_result;
  ASSERT_TRUE(decimals_result.ParseFromString(*decimals));
  EXPECT_EQ(decimals_result.value(), 8u);
  EXPECT_EQ(k.supply(), 0u);
  EXPECT_EQ(k.balance(k.alice), 0u);
}

TEST(Koin, MintNeedsSystemAuthority) {
  KoinChain k;
  auto minted = k.mint(k.genesis, k.alice, 500 * k_koin);
  ASSERT_FALSE(minted.reverted()) << first_log(minted);
  auto event = only_event<kt::mint_event>(minted, "koinos.contracts.token.mint_event", {k.alice});
  EXPECT_EQ(event.to(), k.alice);
  EXPECT_EQ(event.value(), 500 * k_koin);
  EXPECT_EQ(k.balance(k.alice), 500 * k_koin);
  EXPECT_EQ(k.supply(), 500 * k_koin);
  EXPECT_EQ(k.mana(k.alice), 500 * k_koin);  // minted KOIN arrives with full mana

  auto refused = k.mint(k.alice_key, k.alice, 1);
  EXPECT_TRUE(refused.reverted());
  EXPECT_EQ(first_log(refused), "transaction reverted: koin: mint requires a system contract caller or system authority");
  EXPECT_EQ(k.supply(), 500 * k_koin);

  auto overflow = k.mint(k.genesis, k.bob, UINT64_MAX - 500 * k_koin + 1);
  EXPECT_TRUE(overflow.reverted());
  EXPECT_EQ(first_log(overflow), "transaction reverted: koin: mint would overflow the supply");
  ASSERT_FALSE(k.mint(k.genesis, k.bob, UINT64_MAX - 500 * k_koin).reverted());
  EXPECT_EQ(k.supply(), UINT64_MAX);
}

/// privilege_probe.try_system_call{id=601 call, args=call_arguments{koin, mint, mint_arguments}} as a
/// transaction by `signer`: the probe calls koin.mint itself.
kp::transaction_receipt mint_through_probe(KoinChain& k, const std::string& probe, const crypto::PrivateKey& signer,
                                           uint64_t value) {
  kt::mint_arguments mint;
  mint.set_to(k.bob);
  mint.set_value(value);
  kc::call_arguments call;
  call.set_contract_id(k.koin_id);
  call.set_entry_point(k_mint);
  call.set_args(mint.SerializeAsString());
  const std::string call_bytes = call.SerializeAsString();
  // try_system_call_arguments {id=1 uint32 (601 = 0xd9 0x04 as a varint), args=2 bytes}
  std::string args = "\x08\xd9\x04\x12";
  args += static_cast<char>(call_bytes.size());
  args += call_bytes;
  auto receipt = k.chain.call(signer, probe, 0x2fda2b2d, args);
  EXPECT_TRUE(receipt.ok()) << receipt.error().describe();
  return receipt.ok() ? *receipt : kp::transaction_receipt{};
}

TEST(Koin, MintFromASystemContractNeedsNoSignature) {
  KoinChain k;
  const auto probe_key = Tester::key("probe");
  const std::string probe = k.chain.upload("../test/privilege_probe", probe_key);
  // A user contract calling mint in a transaction without system authority: refused.
  auto as_user = mint_through_probe(k, probe, k.alice_key, 7);
  EXPECT_TRUE(as_user.reverted());
  EXPECT_EQ(first_log(as_user), "transaction reverted: koin: mint requires a system contract caller or system authority");
  // The same contract marked system runs in kernel mode: koin sees a kernel caller and mints.
  auto marked = k.chain.submit(k.genesis, {Tester::set_system_contract(probe, true)});
  ASSERT_TRUE(marked.ok() && !marked->reverted());
  auto as_system = mint_through_probe(k, probe, k.alice_key, 7);
  EXPECT_FALSE(as_system.reverted()) << first_log(as_system);
  EXPECT_EQ(k.balance(k.bob), 7u);
  EXPECT_EQ(k.supply(), 7u);
}

TEST(Koin, AuthorizeAnswersSystemAuthority) {
  KoinChain k;
  // koin was uploaded with all authorizes_* flags: re-uploading it in place asks its `authorize`.
  const auto wasm = load_wasm("koin");
  auto by_alice = k.chain.submit(k.alice_key, {Tester::upload_contract(k.koin_id, wasm, true, true)});
  EXPECT_FALSE(by_alice.ok());  // authorize said false: the transaction fails and is dropped
  auto by_genesis = k.chain.submit(k.genesis, {Tester::upload_contract(k.koin_id, wasm, true, true)});
  ASSERT_TRUE(by_genesis.ok()) << by_genesis.error().describe();
  EXPECT_FALSE(by_genesis->reverted()) << first_log(*by_genesis);
}

TEST(Koin, TransferMovesBalanceAndMana) {
  KoinChain k;
  ASSERT_FALSE(k.mint(k.genesis, k.alice, 100 * k_koin).reverted());
  auto sent = k.transfer(k.alice_key, k.alice, k.bob, 30 * k_koin);
  ASSERT_FALSE(sent.reverted()) << first_log(sent);
  auto event = only_event<kt::transfer_event>(sent, "koinos.contracts.token.transfer_event", {k.bob, k.alice});
  EXPECT_EQ(event.from(), k.alice);
  EXPECT_EQ(event.to(), k.bob);
  EXPECT_EQ(event.value(), 30 * k_koin);
  EXPECT_EQ(k.balance(k.alice), 70 * k_koin);
  EXPECT_EQ(k.balance(k.bob), 30 * k_koin);
  EXPECT_EQ(k.mana(k.alice), 70 * k_koin);
  EXPECT_EQ(k.mana(k.bob), 30 * k_koin);
  EXPECT_EQ(k.supply(), 100 * k_koin);

  auto self = k.transfer(k.alice_key, k.alice, std::string(k.alice), 1);
  EXPECT_TRUE(self.reverted());
  EXPECT_EQ(first_log(self), "transaction reverted: koin: cannot transfer to self");
  auto overdraft = k.transfer(k.alice_key, k.alice, k.bob, 70 * k_koin + 1);
  EXPECT_TRUE(overdraft.reverted());
  EXPECT_EQ(first_log(overdraft), "transaction reverted: koin: account 'from' has insufficient balance");
  auto stolen = k.transfer(k.bob_key, k.alice, k.bob, 1);
  EXPECT_TRUE(stolen.reverted());
  EXPECT_EQ(first_log(stolen), "transaction reverted: koin: from has not authorized transfer");
  auto short_address = k.transfer(k.alice_key, k.alice, k.bob.substr(1), 1);
  EXPECT_TRUE(short_address.reverted());
  EXPECT_EQ(first_log(short_address), "transaction reverted: koin: address must be 25 bytes");
  EXPECT_EQ(k.balance(k.alice), 70 * k_koin);
  EXPECT_EQ(k.balance(k.bob), 30 * k_koin);
}

TEST(Koin, BurnReducesBalanceManaAndSupply) {
  KoinChain k;
  ASSERT_FALSE(k.mint(k.genesis, k.alice, 10 * k_koin).reverted());
  auto burned = k.burn(k.alice_key, k.alice, 4 * k_koin);
  ASSERT_FALSE(burned.reverted()) << first_log(burned);
  auto event = only_event<kt::burn_event>(burned, "koinos.contracts.token.burn_event", {k.alice});
  EXPECT_EQ(event.from(), k.alice);
  EXPECT_EQ(event.value(), 4 * k_koin);
  EXPECT_EQ(k.balance(k.alice), 6 * k_koin);
  EXPECT_EQ(k.mana(k.alice), 6 * k_koin);
  EXPECT_EQ(k.supply(), 6 * k_koin);

  auto too_much = k.burn(k.alice_key, k.alice, 6 * k_koin + 1);
  EXPECT_TRUE(too_much.reverted());
  EXPECT_EQ(first_log(too_much), "transaction reverted: koin: account 'from' has insufficient balance");
  auto not_owner = k.burn(k.bob_key, k.alice, 1);
  EXPECT_TRUE(not_owner.reverted());
  EXPECT_EQ(first_log(not_owner), "transaction reverted: koin: from has not authorized burn");
  EXPECT_EQ(k.supply(), 6 * k_koin);
}

TEST(Koin, TransactionsSpendManaExactlyByRcUsed) {
  KoinChain k;
  ASSERT_FALSE(k.mint(k.genesis, k.alice, 100 * k_koin).reverted());
  k.enable_mana();
  EXPECT_EQ(k.chain.controller().account_rc(k.alice).value(), 100 * k_koin);  // 201 answers the mana

  auto sent = k.transfer(k.alice_key, k.alice, k.bob, 40 * k_koin);
  ASSERT_FALSE(sent.reverted()) << first_log(sent);
  EXPECT_EQ(sent.max_payer_rc(), 100 * k_koin);
  ASSERT_GT(sent.rc_used(), 0u);
  // Read in the same head block: no time has passed since the charge.
  const uint64_t alice_mana = 60 * k_koin - sent.rc_used();
  EXPECT_EQ(k.mana(k.alice), alice_mana);
  EXPECT_EQ(k.mana(k.bob), 40 * k_koin);  // the mana moved with the KOIN
  EXPECT_EQ(k.balance(k.alice), 60 * k_koin);

  // Balance 60 KOIN but less mana: moving all of it is refused for mana (the reverted transaction is
  // still charged).
  auto all = k.transfer(k.alice_key, k.alice, k.bob, 60 * k_koin);
  EXPECT_TRUE(all.reverted());
  EXPECT_EQ(first_log(all), "transaction reverted: koin: account 'from' has insufficient mana for transfer");
  // One block (3 s) of regeneration on 60 KOIN before the charge: 60e8 * 3000 / 432e6 = 41,666.
  const uint64_t regenerated = 60 * k_koin * 3'000 / k_regen_ms;
  EXPECT_EQ(regenerated, 41'666u);
  EXPECT_EQ(k.mana(k.alice), alice_mana + regenerated - all.rc_used());
}

TEST(Koin, PayerWithoutKoinCannotPay) {
  KoinChain k;
  k.enable_mana();
  EXPECT_EQ(k.chain.controller().account_rc(k.bob).value(), 0u);
  auto trx = k.chain.tester().transaction(
      k.bob_key, {Tester::call_contract(k.koin_id, k_balance_of, KoinChain::balance_of_args(k.bob))});
  // The mempool check names the reason ...
  auto checked = k.chain.controller().apply_transaction(trx);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().code, util::ErrorCode::failure);
  EXPECT_EQ(checked.error().message, "payer rc 0 is below rc_limit 1000000 (insufficient_rc in transaction pre-check)");
  // ... and a producer leaves it out of the block.
  auto block = k.chain.tester().produce_block({trx});
  ASSERT_TRUE(block.ok()) << block.error().describe();
  EXPECT_EQ(block->transaction_receipts_size(), 0);
}

TEST(Koin, GovernanceIsExemptFromMana) {
  KoinChain k;
  k.enable_mana();
  const auto governance_key = Tester::key("governance stand-in");
  const std::string governance = Tester::address(governance_key);
  EXPECT_EQ(k.mana(governance), 0u);
  k.set_record("governance", governance);
  EXPECT_EQ(k.mana(governance), UINT64_MAX);
  EXPECT_EQ(k.chain.controller().account_rc(governance).value(), UINT64_MAX);
  // Pays a transaction without any KOIN: consume_account_rc answers true and changes nothing.
  auto paid = k.call(governance_key, k_balance_of, k.balance_of_args(governance));
  EXPECT_FALSE(paid.reverted());
  EXPECT_GT(paid.rc_used(), 0u);
  EXPECT_EQ(paid.max_payer_rc(), UINT64_MAX);
  EXPECT_EQ(k.mana(governance), UINT64_MAX);
  EXPECT_EQ(k.balance(governance), 0u);
}

TEST(Koin, ServesRcWithoutANameService) {
  // Only koin installed, 10001 never overridden: the governance lookup fails and exempts nobody.
  SystemChain chain;
  const std::string koin_id = chain.install("koin");
  const std::string alice = Tester::address(Tester::key("alice"));
  kt::mint_arguments mint;
  mint.set_to(alice);
  mint.set_value(5 * k_koin);
  auto minted = chain.call(chain.tester().genesis_key(), koin_id, k_mint, mint.SerializeAsString());
  ASSERT_TRUE(minted.ok() && !minted->reverted());
  chain.override_call(kc::get_account_rc, koin_id, k_get_account_rc);
  EXPECT_EQ(chain.controller().account_rc(alice).value(), 5 * k_koin);
  EXPECT_EQ(chain.controller().account_rc(Tester::address(chain.tester().genesis_key())).value(), 0u);
}

TEST(Koin, ConsumeFromUserModeIsRefused) {
  KoinChain k;
  ASSERT_FALSE(k.mint(k.genesis, k.alice, 1 * k_koin).reverted());
  k.enable_mana();
  kc::consume_account_rc_arguments args;
  args.set_account(k.alice);
  args.set_value(k_koin);
  // A read: the call answers false (the empty message).
  auto read = k.chain.read(k.koin_id, k_consume_account_rc, args.SerializeAsString());
  ASSERT_TRUE(read.ok()) << read.error().describe();
  EXPECT_EQ(*read, "");
  // A transaction calling it directly: only the transaction's own rc is charged.
  auto direct = k.call(k.alice_key, k_consume_account_rc, args.SerializeAsString());
  ASSERT_FALSE(direct.reverted()) << first_log(direct);
  EXPECT_EQ(k.mana(k.alice), k_koin - direct.rc_used());
}

// 10% of the regeneration period per block: 43,200,000 ms.
TesterOptions slow_blocks() {
  TesterOptions options;
  options.block_interval_ms = k_regen_ms / 10;
  return options;
}

TEST(Koin, ManaRegeneratesWithBlockTimeUpToTheBalance) {
  KoinChain k(slow_blocks());
  // A balance small enough that one transaction spends more than 10% of it.
  const uint64_t balance = 1'200'000;  // above the default rc_limit of 1,000,000
  ASSERT_FALSE(k.mint(k.genesis, k.alice, balance).reverted());
  k.enable_mana();
  EXPECT_EQ(k.mana(k.alice), balance);
  auto spent = k.call(k.alice_key, k_balance_of, k.balance_of_args(k.alice));
  ASSERT_FALSE(spent.reverted());
  const uint64_t used = spent.rc_used();
  ASSERT_GT(used, balance / 10) << "the regeneration step would be capped";
  EXPECT_EQ(k.mana(k.alice), balance - used);
  k.chain.produce();  // +43,200,000 ms: +10% of the balance
  EXPECT_EQ(k.mana(k.alice), balance - used + balance / 10);
  k.chain.produce(9);  // long past a full period: capped at the balance
  EXPECT_EQ(k.mana(k.alice), balance);
  EXPECT_EQ(k.balance(k.alice), balance);
}

}  // namespace
}  // namespace modchain::system_tests
