// resources (contracts/system/resources.cpp) on the kernel tester: market prices and limits at the
// defaults and after consumption, the supply update, refusals, authority, the kernel using the contract
// after overriding 203/204, and the sanity of the prices against mana. Every expected value is computed
// here independently with unsigned __int128 (the contract uses 64-bit halves).
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <string>

#include "koinos/chain/chain.pb.h"
#include "koinos/contracts/resources/resources.pb.h"
#include "koinos/contracts/token/token.pb.h"
#include "modchain/sdk/entry_point.hpp"
#include "system_chain.hpp"

namespace modchain::system_tests {
namespace {

namespace kc = koinos::chain;
namespace kr = koinos::contracts::resources;
namespace kp = koinos::protocol;
using kernel::testing::Tester;
using u128 = unsigned __int128;

constexpr uint32_t k_get_resource_limits = 0x427a0394;
constexpr uint32_t k_consume_block_resources = 0x9850b1fd;
constexpr uint32_t k_get_resource_markets = 0xebe9b9e7;
constexpr uint32_t k_set_resource_markets_parameters = 0x4b31e959;
constexpr uint32_t k_get_resource_parameters = 0xf53b5216;
constexpr uint32_t k_set_resource_parameters = 0xa08e6b90;
static_assert(sdk::entry_point_id("get_resource_limits") == k_get_resource_limits);
static_assert(sdk::entry_point_id("consume_block_resources") == k_consume_block_resources);
static_assert(sdk::entry_point_id("get_resource_markets") == k_get_resource_markets);
static_assert(sdk::entry_point_id("set_resource_markets_parameters") == k_set_resource_markets_parameters);
static_assert(sdk::entry_point_id("get_resource_parameters_entry") == k_get_resource_parameters);
static_assert(sdk::entry_point_id("set_resource_parameters_entry") == k_set_resource_parameters);

// Other contracts the tests use.
constexpr uint32_t k_set_record = 0xe248c73a;     // name_service
constexpr uint32_t k_get_address = 0xa61ae5e8;    // name_service (serves 10001)
constexpr uint32_t k_mint = 0xdc6f17bb;           // AS token
constexpr uint32_t k_transfer = 0x27f576ca;       // AS token
constexpr uint32_t k_call_contract = 0x6c843663;  // test contract `caller` (as a system contract: kernel mode)

constexpr uint64_t k_koin_supply = 10'000'000'000'000'000;  // 1e16 (100 M KOIN at 8 decimals)

// ---- The market model, independently (docs/system_contracts/resources.md) ----

struct Model {
  uint64_t block_interval_ms = 3'000;
  uint64_t rc_regen_ms = 432'000'000;
  uint64_t decay = 18'446'596'084'619'782'819ull;
  uint64_t one_minus_decay = 147'989'089'768'795ull;
  uint64_t premium = 1'688;
  uint64_t precision = 1'000;

  uint64_t print(uint64_t budget) const { return static_cast<uint64_t>(u128(budget) * premium / precision); }
  uint64_t max_supply(uint64_t budget) const {
    return static_cast<uint64_t>((u128(print(budget) - budget) << 64) / one_minus_decay);
  }
  uint64_t idle_supply(uint64_t budget) const { return static_cast<uint64_t>((u128(print(budget)) << 64) / one_minus_decay); }
  uint64_t rc_per_block(uint64_t koin_supply) const {
    const u128 rc = u128(koin_supply) * block_interval_ms / (u128(rc_regen_ms) * 3);
    return std::max<uint64_t>(static_cast<uint64_t>(rc), 1);
  }
  // {limit, cost} of a market with this supply.
  std::pair<uint64_t, uint64_t> price(uint64_t supply, uint64_t budget, uint64_t block_limit, uint64_t rc) const {
    const uint64_t limit = std::min(supply - 1, block_limit);
    if (limit == 0) return {0, ~uint64_t{0}};  // an exhausted pool: nothing to buy, the price saturates
    const uint64_t smax = max_supply(budget);
    const u128 k = (u128(rc) * smax / budget) * (smax - budget);
    const u128 consumed = (k + (supply - limit) - 1) / (supply - limit) - k / supply;
    return {limit, static_cast<uint64_t>((consumed + limit - 1) / limit)};
  }
  uint64_t next_supply(uint64_t supply, uint64_t budget, uint64_t used) const {
    const u128 grown = ((u128(supply) * decay) >> 64) + print(budget);
    return grown > used ? static_cast<uint64_t>(grown - used) : 1;
  }
};

constexpr std::array<uint64_t, 3> k_budget = {39'600, 262'144, 57'500'000};
constexpr std::array<uint64_t, 3> k_limit = {524'288, 1'048'576, 287'500'000};

kc::resource_limit_data expected_limits(const Model& m, const std::array<uint64_t, 3>& supply, uint64_t rc,
                                        const std::array<uint64_t, 3>& budget = k_budget,
                                        const std::array<uint64_t, 3>& limit = k_limit) {
  auto disk = m.price(supply[0], budget[0], limit[0], rc);
  auto network = m.price(supply[1], budget[1], limit[1], rc);
  auto compute = m.price(supply[2], budget[2], limit[2], rc);
  kc::resource_limit_data out;
  out.set_disk_storage_limit(disk.first);
  out.set_disk_storage_cost(disk.second);
  out.set_network_bandwidth_limit(network.first);
  out.set_network_bandwidth_cost(network.second);
  out.set_compute_bandwidth_limit(compute.first);
  out.set_compute_bandwidth_cost(compute.second);
  return out;
}

std::string limits_text(const kc::resource_limit_data& l) {
  return "disk " + std::to_string(l.disk_storage_limit()) + " @ " + std::to_string(l.disk_storage_cost()) +
         ", network " + std::to_string(l.network_bandwidth_limit()) + " @ " + std::to_string(l.network_bandwidth_cost()) +
         ", compute " + std::to_string(l.compute_bandwidth_limit()) + " @ " + std::to_string(l.compute_bandwidth_cost());
}

template <class Message>
Message parse(const util::Result<std::string>& bytes) {
  Message message;
  EXPECT_TRUE(bytes.ok());
  if (bytes.ok()) {
    EXPECT_TRUE(message.ParseFromString(*bytes));
  }
  return message;
}

std::string consume_args(uint64_t disk, uint64_t network, uint64_t compute) {
  kc::consume_block_resources_arguments args;
  args.set_disk_storage_consumed(disk);
  args.set_network_bandwidth_consumed(network);
  args.set_compute_bandwidth_consumed(compute);
  return args.SerializeAsString();
}

void put_varint(std::string& out, uint64_t v) {
  for (; v >= 0x80; v >>= 7) out.push_back(static_cast<char>((v & 0x7f) | 0x80));
  out.push_back(static_cast<char>(v));
}

// caller.call_contract arguments {contract_id=1 bytes, entry_point=2 uint32, args=3 bytes}.
std::string call_contract_args(const std::string& contract, uint32_t entry_point, const std::string& args) {
  std::string out = "\x0a";
  put_varint(out, contract.size());
  out += contract;
  out += '\x10';
  put_varint(out, entry_point);
  out += '\x1a';
  put_varint(out, args.size());
  return out + args;
}

kernel::testing::TesterOptions rich_accounts() {
  kernel::testing::TesterOptions options;
  options.genesis.max_account_resources = 1'000'000'000'000;  // native rc before 201 is overridden
  return options;
}

// A chain with resources installed; optionally a name service with "koin" → an AS token holding
// k_koin_supply (10% of it for the genesis key, the block signer, 90% for `holder`).
class ResourcesChain {
 public:
  explicit ResourcesChain(bool with_koin) : m_chain(rich_accounts()) {
    m_id = m_chain.install("resources");
    if (with_koin) install_koin();
  }

  SystemChain& chain() { return m_chain; }
  const std::string& id() const { return m_id; }
  const crypto::PrivateKey& holder() const { return m_holder; }
  const std::string& koin() const { return m_koin; }

  kc::resource_limit_data limits() {
    return parse<kc::get_resource_limits_result>(m_chain.read(m_id, k_get_resource_limits)).value();
  }
  std::array<uint64_t, 3> supplies() {
    auto markets = parse<kr::get_resource_markets_result>(m_chain.read(m_id, k_get_resource_markets)).value();
    return {markets.disk_storage().resource_supply(), markets.network_bandwidth().resource_supply(),
            markets.compute_bandwidth().resource_supply()};
  }
  void override_resources() {
    // One transaction: once 203 is in effect, the genesis key's default rc_limit (1e6) no longer covers
    // a transaction at market prices.
    auto done = m_chain.submit(m_chain.tester().genesis_key(),
                               {Tester::set_system_call(203, m_id, k_get_resource_limits),
                                Tester::set_system_call(204, m_id, k_consume_block_resources)});
    EXPECT_TRUE(done.ok() && !done->reverted()) << "set_system_call 203, 204";
  }
  /// Calls consume_block_resources directly from a kernel-mode frame (the test contract `caller`,
  /// installed as a system contract): in a read context (`commit` false: only refusals can be seen, a
  /// write fails) or in a transaction (returns "" then; the effect shows in the markets).
  util::Result<std::string> consume_from_kernel(const std::string& args, bool commit) {
    if (m_kernel_caller.empty()) m_kernel_caller = m_chain.install("../test/caller");
    const std::string call = call_contract_args(m_id, k_consume_block_resources, args);
    if (!commit) return m_chain.read(m_kernel_caller, k_call_contract, call);
    auto receipt = m_chain.call(m_chain.tester().genesis_key(), m_kernel_caller, k_call_contract, call);
    if (!receipt.ok()) return receipt.error();
    if (receipt->reverted()) return util::make_error(util::ErrorCode::reversion, "reverted");
    return std::string();
  }

 private:
  void install_koin() {
    const std::string names = m_chain.install("name_service");
    const auto token_key = Tester::key("resources test koin");
    m_koin = m_chain.upload("../as/token/token", token_key);
    std::string record;
    record += '\x0a';
    record += static_cast<char>(4);
    record += "koin";
    record += '\x12';
    record += static_cast<char>(m_koin.size());
    record += m_koin;
    auto set = m_chain.call(m_chain.tester().genesis_key(), names, k_set_record, record);
    EXPECT_TRUE(set.ok() && !set->reverted()) << "set_record koin";
    m_chain.override_call(10001, names, k_get_address);
    mint(token_key, Tester::address(m_chain.tester().genesis_key()), k_koin_supply / 10);
    mint(token_key, Tester::address(m_holder), k_koin_supply - k_koin_supply / 10);
  }
  void mint(const crypto::PrivateKey& token_key, const std::string& to, uint64_t value) {
    koinos::contracts::token::mint_arguments args;
    args.set_to(to);
    args.set_value(value);
    auto minted = m_chain.call(token_key, m_koin, k_mint, args.SerializeAsString());
    EXPECT_TRUE(minted.ok() && !minted->reverted()) << "mint";
  }

  SystemChain m_chain;
  std::string m_id;
  std::string m_koin;
  std::string m_kernel_caller;
  crypto::PrivateKey m_holder = Tester::key("resources test holder");
};

const std::array<uint64_t, 3> idle_supplies(const Model& m) {
  return {m.idle_supply(k_budget[0]), m.idle_supply(k_budget[1]), m.idle_supply(k_budget[2])};
}

// The limits at the default markets equal the model's and read as `text`.
void expect_idle_prices(ResourcesChain& rc, uint64_t rc_per_block, const std::string& text) {
  const auto limits = rc.limits();
  EXPECT_EQ(limits.SerializeAsString(), expected_limits(Model{}, idle_supplies(Model{}), rc_per_block).SerializeAsString())
      << limits_text(limits);
  EXPECT_EQ(limits_text(limits), text);
}

TEST(Resources, DefaultsWithoutKoin) {
  ResourcesChain rc(false);
  const Model model;
  EXPECT_EQ(rc.supplies(), idle_supplies(model));
  EXPECT_EQ(rc.supplies(), (std::array<uint64_t, 3>{8'332'061'253, 55'157'213'404, 12'098'466'059'839}));
  auto params = parse<kr::get_resource_parameters_result>(rc.chain().read(rc.id(), k_get_resource_parameters)).value();
  EXPECT_EQ(params.block_interval_ms(), 3'000u);
  EXPECT_EQ(params.rc_regen_ms(), 432'000'000u);
  EXPECT_EQ(params.decay_constant(), 18'446'596'084'619'782'819ull);
  EXPECT_EQ(params.one_minus_decay_constant(), 147'989'089'768'795ull);
  EXPECT_EQ(params.print_rate_premium(), 1'688u);
  EXPECT_EQ(params.print_rate_precision(), 1'000u);
  // No name service: rc_per_block falls to its floor 1, every price to 1.
  expect_idle_prices(rc, 1, "disk 524288 @ 1, network 1048576 @ 1, compute 287500000 @ 1");
}

TEST(Resources, PricesAtDefaultsWithKoinSupply) {
  ResourcesChain rc(true);
  const Model model;
  const uint64_t rc_per_block = model.rc_per_block(k_koin_supply);
  EXPECT_EQ(rc_per_block, 23'148'148'148u);
  expect_idle_prices(rc, rc_per_block, "disk 524288 @ 97110, network 1048576 @ 14670, compute 287500000 @ 67");
}

TEST(Resources, KernelUsesTheContractAndSuppliesMove) {
  ResourcesChain rc(true);
  const Model model;
  const uint64_t rc_per_block = model.rc_per_block(k_koin_supply);
  rc.override_resources();
  // 203: the controller's limits are the contract's.
  auto before = rc.chain().controller().resource_limits();
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->SerializeAsString(), rc.limits().SerializeAsString());
  auto supply = rc.supplies();
  EXPECT_EQ(supply, idle_supplies(model));  // nothing consumed before 204 was overridden
  // 204: each block moves every pool to supply * d + P - used, with the block's charged usage.
  for (int block = 0; block < 3; ++block) {
    const auto token_transfer = Tester::call_contract(rc.koin(), k_transfer, [&] {
      koinos::contracts::token::transfer_arguments args;
      args.set_from(Tester::address(rc.holder()));
      args.set_to(Tester::address(rc.chain().tester().genesis_key()));
      args.set_value(1'000);
      return args.SerializeAsString();
    }());
    kernel::testing::TransactionOptions options;
    options.rc_limit = 10'000'000'000;
    auto receipt = rc.chain().tester().produce_block(
        {rc.chain().tester().transaction(rc.holder(), {token_transfer}, options)});
    ASSERT_TRUE(receipt.ok()) << receipt.error().message;
    ASSERT_EQ(receipt->transaction_receipts_size(), 1);
    const auto& trx = receipt->transaction_receipts(0);
    EXPECT_FALSE(trx.reverted());
    // The transaction paid at the contract's prices.
    const auto& l = *before;
    EXPECT_EQ(trx.rc_used(), trx.disk_storage_used() * l.disk_storage_cost() +
                                 trx.network_bandwidth_used() * l.network_bandwidth_cost() +
                                 trx.compute_bandwidth_used() * l.compute_bandwidth_cost());
    supply = {model.next_supply(supply[0], k_budget[0], receipt->disk_storage_charged()),
              model.next_supply(supply[1], k_budget[1], receipt->network_bandwidth_charged()),
              model.next_supply(supply[2], k_budget[2], receipt->compute_bandwidth_charged())};
    EXPECT_EQ(rc.supplies(), supply) << "block " << block;
    auto now = rc.chain().controller().resource_limits();
    ASSERT_TRUE(now.ok());
    EXPECT_EQ(now->SerializeAsString(), expected_limits(model, supply, rc_per_block).SerializeAsString())
        << limits_text(*now);
    before = now;
  }
  // After three blocks the pools are below their idle supply (usage > the decayed budget print); prices
  // rose or stayed.
  EXPECT_LT(supply[2], model.idle_supply(k_budget[2]));
  EXPECT_GE(before->compute_bandwidth_cost(), 67u);
}

TEST(Resources, ConsumeRefusalsAndUpdate) {
  ResourcesChain rc(false);
  const Model model;
  const std::string at_limit = consume_args(k_limit[0], k_limit[1], k_limit[2]);
  // A user-mode caller (read_contract's frame): false (the empty message), nothing written.
  auto from_user = rc.chain().read(rc.id(), k_consume_block_resources, at_limit);
  ASSERT_TRUE(from_user.ok()) << from_user.error().message;
  EXPECT_EQ(*from_user, "");
  // Kernel mode: one unit above any block limit is refused.
  for (const auto& args : {consume_args(k_limit[0] + 1, 0, 0), consume_args(0, k_limit[1] + 1, 0),
                           consume_args(0, 0, k_limit[2] + 1)}) {
    auto refused = rc.consume_from_kernel(args, false);
    ASSERT_TRUE(refused.ok()) << refused.error().message;
    EXPECT_EQ(*refused, "");
  }
  EXPECT_EQ(rc.supplies(), idle_supplies(model));
  // Exactly at the limits: accepted; every pool moves to floor(S * d) + P - used.
  ASSERT_TRUE(rc.consume_from_kernel(at_limit, true).ok());
  const auto idle = idle_supplies(model);
  std::array<uint64_t, 3> expected{};
  for (size_t i = 0; i < 3; ++i) expected[i] = model.next_supply(idle[i], k_budget[i], k_limit[i]);
  EXPECT_EQ(rc.supplies(), expected);
  EXPECT_EQ(rc.supplies(), (std::array<uint64_t, 3>{8'331'536'965, 55'156'164'828, 12'098'178'559'838}));
  // Prices after consuming (rc_per_block at its floor 1): the same model on the new supplies.
  EXPECT_EQ(rc.limits().SerializeAsString(), expected_limits(model, expected, 1).SerializeAsString());
}

TEST(Resources, PoolCannotBeEmptied) {
  ResourcesChain rc(false);
  const Model model;
  // Raise the disk limit above the disk pool: then the pool, not the limit, bounds the usage.
  kr::set_resource_markets_parameters_arguments params;
  params.mutable_disk_storage()->set_block_budget(k_budget[0]);
  params.mutable_disk_storage()->set_block_limit(uint64_t{1} << 40);
  params.mutable_network_bandwidth()->set_block_budget(k_budget[1]);
  params.mutable_network_bandwidth()->set_block_limit(k_limit[1]);
  params.mutable_compute_bandwidth()->set_block_budget(k_budget[2]);
  params.mutable_compute_bandwidth()->set_block_limit(k_limit[2]);
  auto set = rc.chain().call(rc.chain().tester().genesis_key(), rc.id(), k_set_resource_markets_parameters,
                             params.SerializeAsString());
  ASSERT_TRUE(set.ok());
  ASSERT_FALSE(set->reverted());
  const auto supply = rc.supplies();
  EXPECT_EQ(supply, idle_supplies(model));  // the first write stored the lazily initialised supplies
  EXPECT_EQ(rc.limits().disk_storage_limit(), supply[0] - 1);
  // The whole pool: refused.
  auto whole = rc.consume_from_kernel(consume_args(supply[0], 0, 0), false);
  ASSERT_TRUE(whole.ok()) << whole.error().message;
  EXPECT_EQ(*whole, "");
  // All but one unit: accepted; the pool is left with floor(S * d) + P - (S - 1).
  ASSERT_TRUE(rc.consume_from_kernel(consume_args(supply[0] - 1, 0, 0), true).ok());
  const uint64_t left = model.next_supply(supply[0], k_budget[0], supply[0] - 1);
  EXPECT_EQ(rc.supplies()[0], left);
  EXPECT_EQ(left, 1u);  // P + 1 - floor(S(1 - d)) with S the idle supply P / (1 - d)
  // An exhausted pool: nothing can be bought until it refills (limit 0, the price saturates).
  EXPECT_EQ(rc.limits().disk_storage_limit(), 0u);
  EXPECT_EQ(rc.limits().disk_storage_cost(), ~uint64_t{0});
  EXPECT_EQ(rc.limits().SerializeAsString(),
            expected_limits(model, rc.supplies(), 1, k_budget, {uint64_t{1} << 40, k_limit[1], k_limit[2]})
                .SerializeAsString());
}

TEST(Resources, SettersNeedSystemAuthorityAndValidate) {
  ResourcesChain rc(false);
  const Model model;
  const auto outsider = Tester::key("resources outsider");
  kr::set_resource_markets_parameters_arguments markets;
  markets.mutable_disk_storage()->set_block_budget(50'000);
  markets.mutable_disk_storage()->set_block_limit(600'000);
  markets.mutable_network_bandwidth()->set_block_budget(300'000);
  markets.mutable_network_bandwidth()->set_block_limit(1'100'000);
  markets.mutable_compute_bandwidth()->set_block_budget(60'000'000);
  markets.mutable_compute_bandwidth()->set_block_limit(300'000'000);
  kr::set_resource_parameters_arguments params;
  params.mutable_params()->set_block_interval_ms(1'000);
  params.mutable_params()->set_rc_regen_ms(432'000'000);
  params.mutable_params()->set_decay_constant(18'446'596'084'619'782'819ull);
  params.mutable_params()->set_one_minus_decay_constant(147'989'089'768'795ull);
  params.mutable_params()->set_print_rate_premium(2'000);
  params.mutable_params()->set_print_rate_precision(1'000);

  for (auto [entry, args] : {std::pair{k_set_resource_markets_parameters, markets.SerializeAsString()},
                             std::pair{k_set_resource_parameters, params.SerializeAsString()}}) {
    auto refused = rc.chain().call(outsider, rc.id(), entry, args);
    ASSERT_TRUE(refused.ok());
    EXPECT_TRUE(refused->reverted()) << entry;
  }
  EXPECT_EQ(rc.supplies(), idle_supplies(model));

  // Invalid values revert even with authority.
  auto zero_budget = markets;
  zero_budget.mutable_network_bandwidth()->set_block_budget(0);
  auto low_premium = params;
  low_premium.mutable_params()->set_print_rate_premium(1'000);
  auto zero_interval = params;
  zero_interval.mutable_params()->set_block_interval_ms(0);
  for (auto [entry, args] : {std::pair{k_set_resource_markets_parameters, zero_budget.SerializeAsString()},
                             std::pair{k_set_resource_parameters, low_premium.SerializeAsString()},
                             std::pair{k_set_resource_parameters, zero_interval.SerializeAsString()}}) {
    auto refused = rc.chain().call(rc.chain().tester().genesis_key(), rc.id(), entry, args);
    ASSERT_TRUE(refused.ok());
    EXPECT_TRUE(refused->reverted()) << entry;
  }

  // With authority: stored, supplies kept, prices follow the new budgets and parameters.
  for (auto [entry, args] : {std::pair{k_set_resource_markets_parameters, markets.SerializeAsString()},
                             std::pair{k_set_resource_parameters, params.SerializeAsString()}}) {
    auto done = rc.chain().call(rc.chain().tester().genesis_key(), rc.id(), entry, args);
    ASSERT_TRUE(done.ok());
    EXPECT_FALSE(done->reverted()) << entry;
  }
  auto stored = parse<kr::get_resource_parameters_result>(rc.chain().read(rc.id(), k_get_resource_parameters));
  EXPECT_EQ(stored.value().SerializeAsString(), params.params().SerializeAsString());
  auto stored_markets = parse<kr::get_resource_markets_result>(rc.chain().read(rc.id(), k_get_resource_markets));
  EXPECT_EQ(stored_markets.value().disk_storage().block_budget(), 50'000u);
  EXPECT_EQ(stored_markets.value().compute_bandwidth().block_limit(), 300'000'000u);
  EXPECT_EQ(rc.supplies(), idle_supplies(model));
  Model changed;
  changed.block_interval_ms = 1'000;
  changed.premium = 2'000;
  EXPECT_EQ(rc.limits().SerializeAsString(),
            expected_limits(changed, idle_supplies(model), 1, {50'000, 300'000, 60'000'000},
                            {600'000, 1'100'000, 300'000'000})
                .SerializeAsString());
}

kr::set_resource_markets_parameters_arguments market_parameters(const std::array<uint64_t, 3>& budget,
                                                                const std::array<uint64_t, 3>& limit) {
  kr::set_resource_markets_parameters_arguments out;
  kr::market_parameters* markets[] = {out.mutable_disk_storage(), out.mutable_network_bandwidth(),
                                      out.mutable_compute_bandwidth()};
  for (size_t i = 0; i < 3; ++i) {
    markets[i]->set_block_budget(budget[i]);
    markets[i]->set_block_limit(limit[i]);
  }
  return out;
}

/// spin {iterations=1} (contracts/test/spin.cpp)
std::string spin_args(uint64_t iterations) {
  std::string out = "\x08";
  put_varint(out, iterations);
  return out;
}

TEST(Resources, NewLimitsApplyFromTheNextBlockAndHaveMinimums) {
  constexpr uint32_t k_spin = 0xa5a2729f;
  constexpr uint64_t k_min_compute = 10'000'000;
  constexpr uint64_t k_iterations = 1'000'000;
  ResourcesChain rc(false);
  const Model model;
  const auto& genesis = rc.chain().tester().genesis_key();
  const auto user = Tester::key("resources spin user");
  const std::string spin = rc.chain().upload("../test/spin", user);
  rc.override_resources();
  kernel::testing::TransactionOptions rich;
  rich.rc_limit = 100'000'000;
  auto spin_trx = [&] {
    return rc.chain().tester().transaction(user, {Tester::call_contract(spin, k_spin, spin_args(k_iterations))}, rich);
  };

  // Below the minimums, or a budget above its limit: reverted (with system authority).
  const std::array<uint64_t, 3> budget{k_budget[0], k_budget[1], 5'000'000};
  for (const auto& [b, l] : {std::pair{budget, std::array<uint64_t, 3>{k_limit[0], k_limit[1], k_min_compute - 1}},
                             std::pair{budget, std::array<uint64_t, 3>{65'535, k_limit[1], k_limit[2]}},
                             std::pair{budget, std::array<uint64_t, 3>{k_limit[0], 262'143, k_limit[2]}},
                             std::pair{std::array<uint64_t, 3>{k_budget[0], k_budget[1], k_min_compute + 1},
                                       std::array<uint64_t, 3>{k_limit[0], k_limit[1], k_min_compute}}}) {
    auto refused = rc.chain().call(genesis, rc.id(), k_set_resource_markets_parameters,
                                   market_parameters(b, l).SerializeAsString(), rich);
    ASSERT_TRUE(refused.ok());
    EXPECT_TRUE(refused->reverted());
    EXPECT_EQ(rc.chain().controller().resource_limits()->compute_bandwidth_limit(), k_limit[2]);
  }
  auto below = rc.chain().call(genesis, rc.id(), k_set_resource_markets_parameters,
                               market_parameters(budget, {k_limit[0], k_limit[1], k_min_compute - 1}).SerializeAsString(),
                               rich);
  ASSERT_TRUE(below.ok());
  EXPECT_TRUE(std::any_of(below->logs().begin(), below->logs().end(), [](const std::string& log) {
    return log.find("resources: block limits must be >= 65536 (disk), 262144 (network), 10000000 (compute)") !=
           std::string::npos;
  })) << (below->logs_size() > 0 ? below->logs(0) : "no log");

  // One block: a spin using more than 10,000,000 ticks, then the compute limit set to that minimum. The
  // block is settled with the limits it started with: valid.
  const auto before = rc.supplies();
  auto set = rc.chain().tester().transaction(
      genesis, {Tester::call_contract(rc.id(), k_set_resource_markets_parameters,
                                      market_parameters(budget, {k_limit[0], k_limit[1], k_min_compute}).SerializeAsString())},
      rich);
  auto block = rc.chain().tester().produce_block({spin_trx(), set});
  ASSERT_TRUE(block.ok()) << block.error().message;
  ASSERT_EQ(block->transaction_receipts_size(), 2);
  EXPECT_FALSE(block->transaction_receipts(0).reverted());
  EXPECT_FALSE(block->transaction_receipts(1).reverted());
  EXPECT_GT(block->compute_bandwidth_used(), k_min_compute);
  std::printf("setting block: %llu ticks (limit %llu at its start)\n",
              static_cast<unsigned long long>(block->compute_bandwidth_used()),
              static_cast<unsigned long long>(k_limit[2]));
  // Settled with the old compute budget's print.
  std::array<uint64_t, 3> supply{model.next_supply(before[0], k_budget[0], block->disk_storage_charged()),
                                 model.next_supply(before[1], k_budget[1], block->network_bandwidth_charged()),
                                 model.next_supply(before[2], k_budget[2], block->compute_bandwidth_charged())};
  EXPECT_EQ(rc.supplies(), supply);

  // The next block runs with the new limit: the same spin no longer fits and is left out; the block is
  // valid and settled with the new budget.
  auto limits = rc.chain().controller().resource_limits();
  ASSERT_TRUE(limits.ok());
  EXPECT_EQ(limits->compute_bandwidth_limit(), k_min_compute);
  auto next = rc.chain().tester().produce_block({spin_trx()});
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(next->transaction_receipts_size(), 0);
  EXPECT_LE(next->compute_bandwidth_used(), k_min_compute);
  supply = {model.next_supply(supply[0], budget[0], next->disk_storage_charged()),
            model.next_supply(supply[1], budget[1], next->network_bandwidth_charged()),
            model.next_supply(supply[2], budget[2], next->compute_bandwidth_charged())};
  EXPECT_EQ(rc.supplies(), supply);
  // The pending parameters were merged into the stored markets and removed.
  const state_db::ObjectSpace space{true, util::to_bytes(std::string("modchain.resources")), 0};
  auto pending = rc.chain().controller().database().head().get_object(space, util::as_bytes(std::string("pending_markets")));
  ASSERT_TRUE(pending.ok());
  EXPECT_FALSE(pending.value().has_value());
  auto markets = parse<kr::get_resource_markets_result>(rc.chain().read(rc.id(), k_get_resource_markets)).value();
  EXPECT_EQ(markets.compute_bandwidth().block_limit(), k_min_compute);
  EXPECT_EQ(markets.compute_bandwidth().block_budget(), 5'000'000u);
}

TEST(Resources, SanityAgainstMana) {
  ResourcesChain rc(true);
  const Model model;
  rc.override_resources();
  // An empty block: all its usage is the block's own, charged to the signer (the genesis key, holding
  // 10% of the supply) as system rc at the block's prices.
  auto limits = rc.chain().controller().resource_limits();
  ASSERT_TRUE(limits.ok());
  auto block = rc.chain().tester().produce_block();
  ASSERT_TRUE(block.ok()) << block.error().message;
  const uint64_t system_rc = block->disk_storage_used() * limits->disk_storage_cost() +
                             block->network_bandwidth_used() * limits->network_bandwidth_cost() +
                             block->compute_bandwidth_used() * limits->compute_bandwidth_cost();
  const uint64_t regen_per_block = static_cast<uint64_t>(u128(k_koin_supply / 10) * 3'000 / 432'000'000);
  EXPECT_EQ(regen_per_block, 6'944'444'444u);
  EXPECT_GT(system_rc, 0u);
  EXPECT_LT(system_rc * 100, regen_per_block) << "empty block system rc " << system_rc;
  RecordProperty("empty_block_system_rc", std::to_string(system_rc));
  std::printf("empty block: %llu bytes network, %llu ticks -> system rc %llu (%.4f%% of the signer's regen %llu)\n",
              static_cast<unsigned long long>(block->network_bandwidth_used()),
              static_cast<unsigned long long>(block->compute_bandwidth_used()),
              static_cast<unsigned long long>(system_rc), 100.0 * static_cast<double>(system_rc) / regen_per_block,
              static_cast<unsigned long long>(regen_per_block));

  // A token transfer costs less than 0.01% of a 1e14 balance.
  koinos::contracts::token::transfer_arguments args;
  args.set_from(Tester::address(rc.holder()));
  args.set_to(Tester::address(Tester::key("resources recipient")));
  args.set_value(1'000);
  kernel::testing::TransactionOptions options;
  options.rc_limit = 10'000'000'000;
  auto receipt = rc.chain().call(rc.holder(), rc.koin(), k_transfer, args.SerializeAsString(), options);
  ASSERT_TRUE(receipt.ok()) << receipt.error().message;
  EXPECT_FALSE(receipt->reverted());
  EXPECT_GT(receipt->rc_used(), 0u);
  EXPECT_LT(receipt->rc_used(), 100'000'000'000'000 / 10'000) << "transfer rc " << receipt->rc_used();
  std::printf("token transfer: %llu disk, %llu network, %llu compute -> rc %llu\n",
              static_cast<unsigned long long>(receipt->disk_storage_used()),
              static_cast<unsigned long long>(receipt->network_bandwidth_used()),
              static_cast<unsigned long long>(receipt->compute_bandwidth_used()),
              static_cast<unsigned long long>(receipt->rc_used()));
}

}  // namespace
}  // namespace modchain::system_tests
