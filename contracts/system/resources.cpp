// System contract `resources`: prices disk storage, network bandwidth and compute bandwidth in resource
// credits with three constant-product markets, as the Koinos resources contract does (koinos-contracts.md
// §4). Serves get_resource_limits (203) and consume_block_resources (204). Entry points, storage and the
// formulas: docs/system_contracts/resources.md. Integer arithmetic only; 128-bit intermediates go through
// sdk/math.hpp (no __int128 on wasm32 without compiler-rt).
#include "modchain/sdk/contract.hpp"

namespace sdk = modchain::sdk;
namespace pb = modchain::sdk::pb;

namespace {

constexpr uint32_t k_get_resource_markets = sdk::entry_point_id("get_resource_markets");
constexpr uint32_t k_set_resource_markets_parameters = sdk::entry_point_id("set_resource_markets_parameters");
// Koinos quirk: these two ids are the hashes of the C++ enum names, not of the method names.
constexpr uint32_t k_get_resource_parameters = sdk::entry_point_id("get_resource_parameters_entry");
constexpr uint32_t k_set_resource_parameters = sdk::entry_point_id("set_resource_parameters_entry");
constexpr uint32_t k_total_supply = sdk::entry_point_id("total_supply");
static_assert(sdk::entry_points::k_get_resource_limits == 0x427a0394);
static_assert(sdk::entry_points::k_consume_block_resources == 0x9850b1fd);
static_assert(sdk::entry_points::k_authorize == 0x4a2dbd90);
static_assert(k_get_resource_markets == 0xebe9b9e7);
static_assert(k_set_resource_markets_parameters == 0x4b31e959);
static_assert(k_get_resource_parameters == 0xf53b5216);
static_assert(k_set_resource_parameters == 0xa08e6b90);
static_assert(k_total_supply == 0xb0da3934);

constexpr uint32_t k_markets = 3;  // disk storage, network bandwidth, compute bandwidth (field order)
constexpr uint64_t k_max = ~uint64_t{0};
// rc_per_block when koin cannot be found or has no supply: the smallest value with k > 0, so every price
// is at least 1 rc per unit (a zero price would make the chain's resources free).
constexpr uint64_t k_min_rc_per_block = 1;

// Defaults (Koinos C++ contract, except the disk limit: 512 KiB as in koinos-contracts.md §4).
constexpr uint64_t k_default_budget[k_markets] = {39'600, 262'144, 57'500'000};
constexpr uint64_t k_default_limit[k_markets] = {524'288, 1'048'576, 287'500'000};
// The smallest block limits set_resource_markets_parameters accepts: a chain whose limits cannot hold an
// ordinary block (its header, the system calls of apply_block) would stop producing blocks.
constexpr uint64_t k_min_limit[k_markets] = {65'536, 262'144, 10'000'000};

/// koinos.contracts.resources.market{resource_supply=1, block_budget=3, block_limit=4}.
struct Market {
  uint64_t supply = 0;
  uint64_t budget = 0;
  uint64_t limit = 0;
};

/// koinos.contracts.resources.resource_parameters (fields 1..6 in this order).
struct Params {
  uint64_t block_interval_ms = 3'000;
  uint64_t rc_regen_ms = 432'000'000;  // mana regenerates fully in 5 days
  // d = 2^(-1/86400) (a 3-day half-life at 3-second blocks) as 64-bit fractions: the Koinos constants.
  uint64_t decay = 18'446'596'084'619'782'819ull;
  uint64_t one_minus_decay = 147'989'089'768'795ull;
  uint64_t premium = 1'688;  // print rate = budget * premium / precision
  uint64_t precision = 1'000;
};

/// Values derived from a market's budget and the parameters.
struct Derived {
  bool ok = false;
  uint64_t print = 0;       // P = B * premium / precision, minted into the pool every block
  uint64_t max_supply = 0;  // steady supply at full-budget use: (P - B) / (1 - d)
  uint64_t idle_supply = 0;  // steady supply without use: P / (1 - d), the initial supply
};

sdk::ObjectSpace space() { return sdk::ObjectSpace{true, "modchain.resources", 0}; }
sdk::Bytes markets_key() { return "markets"; }
sdk::Bytes parameters_key() { return "parameters"; }
/// {apply_height=1 uint64, markets=2 resource_markets (budgets and limits)}: new market parameters wait
/// here until the block they apply from, so the block that sets them is settled with the limits the kernel
/// read at its start.
sdk::Bytes pending_key() { return "pending_markets"; }

sdk::Bytes load(sdk::Bytes key) {
  auto r = sdk::get_object(space(), key);
  if (!r.ok()) sdk::exit_error(r.code, r.message);
  return r.value.exists ? r.value.value : sdk::Bytes();
}

void store(sdk::Bytes key, sdk::Bytes value) {
  int32_t code = sdk::put_object(space(), key, value);
  if (code != 0) sdk::exit_error(code, "resources: put_object failed");
}

Derived derive(const Params& p, uint64_t budget) {
  Derived d;
  bool overflow = false;
  d.print = sdk::mul_div(budget, p.premium, p.precision, &overflow);
  if (overflow || d.print <= budget || p.one_minus_decay == 0) return d;
  d.max_supply = sdk::div_u128(sdk::U128{d.print - budget, 0}, p.one_minus_decay, &overflow);
  if (overflow || d.max_supply <= budget) return d;
  d.idle_supply = sdk::div_u128(sdk::U128{d.print, 0}, p.one_minus_decay, &overflow);
  d.ok = !overflow;
  return d;
}

Params decode_params(sdk::Bytes message) {
  Params p;
  p.block_interval_ms = pb::find_uint64(message, 1);
  p.rc_regen_ms = pb::find_uint64(message, 2);
  p.decay = pb::find_uint64(message, 3);
  p.one_minus_decay = pb::find_uint64(message, 4);
  p.premium = pb::find_uint64(message, 5);
  p.precision = pb::find_uint64(message, 6);
  return p;
}

void encode_params(pb::Writer& w, const Params& p) {
  w.uint64_field(1, p.block_interval_ms);
  w.uint64_field(2, p.rc_regen_ms);
  w.uint64_field(3, p.decay);
  w.uint64_field(4, p.one_minus_decay);
  w.uint64_field(5, p.premium);
  w.uint64_field(6, p.precision);
}

Params load_params() {
  sdk::Bytes stored = load(parameters_key());
  return stored.empty() ? Params{} : decode_params(stored);
}

/// Height of the block being applied (the head height + 1 outside a block: reads, the mempool).
uint64_t current_height() {
  auto field = sdk::get_block_field("header.height");
  if (field.ok()) return sdk::value_type::uint64_value(field.value);
  auto head = sdk::get_head_info();
  if (!head.ok()) sdk::exit_error(head.code, "resources: get_head_info failed");
  return head.value.head_height + 1;
}

// The markets in force at `height`: the stored ones (or the defaults, each pool at its idle steady supply)
// with the pending budgets and limits once `height` reaches their apply height. Returns true when pending
// parameters were merged (the caller that stores the markets then removes them).
bool load_markets(const Params& p, Market (&markets)[k_markets], uint64_t height) {
  sdk::Bytes stored = load(markets_key());
  for (uint32_t i = 0; i < k_markets; ++i) {
    if (stored.empty()) {
      markets[i] = Market{derive(p, k_default_budget[i]).idle_supply, k_default_budget[i], k_default_limit[i]};
      continue;
    }
    sdk::Bytes m = pb::find_bytes(stored, i + 1);
    markets[i] = Market{pb::find_uint64(m, 1), pb::find_uint64(m, 3), pb::find_uint64(m, 4)};
  }
  sdk::Bytes pending = load(pending_key());
  if (pending.empty() || height < pb::find_uint64(pending, 1)) return false;
  sdk::Bytes next = pb::find_bytes(pending, 2);
  for (uint32_t i = 0; i < k_markets; ++i) {
    sdk::Bytes m = pb::find_bytes(next, i + 1);
    markets[i].budget = pb::find_uint64(m, 3);
    markets[i].limit = pb::find_uint64(m, 4);
  }
  return true;
}

void encode_markets(pb::Writer& w, const Market (&markets)[k_markets]) {
  for (uint32_t i = 0; i < k_markets; ++i) {
    auto m = w.begin_message(i + 1);
    w.uint64_field(1, markets[i].supply);
    w.uint64_field(3, markets[i].budget);
    w.uint64_field(4, markets[i].limit);
    w.end_message(m);
  }
}

/// Stores the markets; `merged_pending`: they include the pending parameters, which are removed.
void store_markets(const Market (&markets)[k_markets], bool merged_pending) {
  store(markets_key(), sdk::encode_message([&](pb::Writer& w) { encode_markets(w, markets); }));
  if (!merged_pending) return;
  int32_t code = sdk::remove_object(space(), pending_key());
  if (code != 0) sdk::exit_error(code, "resources: remove_object failed");
}

// rc_per_block = koin supply * block_interval / (rc_regen * 3): one third of the whole supply's mana
// regeneration per block for each market. Koin is found through the name service; any error (no name
// service, no "koin" record, a failing call) or a zero result gives the floor.
uint64_t rc_per_block(const Params& p) {
  sdk::ArenaScope scope;
  auto koin = sdk::get_contract_address("koin");
  if (!koin.ok()) return k_min_rc_per_block;
  auto supply = sdk::call(koin.value, k_total_supply, sdk::Bytes());
  if (!supply.ok()) return k_min_rc_per_block;
  bool overflow = false;
  // floor(floor(x / a) / b) == floor(x / (a * b)), and a * b could overflow.
  uint64_t rc = sdk::mul_div(pb::find_uint64(supply.value, 1), p.block_interval_ms, p.rc_regen_ms, &overflow) / k_markets;
  if (overflow) return k_max;
  return rc < k_min_rc_per_block ? k_min_rc_per_block : rc;
}

/// A market's per-block limit and its per-unit price.
struct Price {
  uint64_t limit = 0;
  uint64_t cost = 0;
};

// limit L = min(supply - 1, block_limit). The pool obeys supply * reserve = k with
// k = floor(rc_per_block * S_max / B) * (S_max - B), so that buying the budget B at the full-use steady
// supply S_max costs rc_per_block. The price is the average of buying L:
// ceil((ceil(k / (S - L)) - floor(k / S)) / L). Prices that do not fit in 64 bits saturate.
Price price(const Params& p, const Market& m, uint64_t rc) {
  Price out;
  out.limit = m.supply == 0 ? 0 : (m.supply - 1 < m.limit ? m.supply - 1 : m.limit);
  Derived d = derive(p, m.budget);
  if (out.limit == 0 || !d.ok) {
    out.cost = k_max;
    return out;
  }
  bool overflow = false;
  uint64_t scale = sdk::mul_div(rc, d.max_supply, m.budget, &overflow);
  sdk::U128 k = sdk::mul_u64(scale, d.max_supply - m.budget);
  uint64_t remainder = 0;
  bool high_overflow = false;
  uint64_t after = sdk::div_u128(k, m.supply - out.limit, &high_overflow, &remainder);
  if (overflow || high_overflow || (remainder != 0 && after == k_max)) {
    out.cost = k_max;
    return out;
  }
  after += remainder != 0 ? 1 : 0;
  uint64_t consumed = after - sdk::div_u128(k, m.supply);
  out.cost = consumed / out.limit + (consumed % out.limit != 0 ? 1 : 0);
  return out;
}

// get_resource_limits (0x427a0394) → get_resource_limits_result{value=1 resource_limit_data}.
void get_resource_limits(sdk::Bytes) {
  const Params p = load_params();
  Market markets[k_markets];
  load_markets(p, markets, current_height());
  const uint64_t rc = rc_per_block(p);
  Price prices[k_markets];
  for (uint32_t i = 0; i < k_markets; ++i) prices[i] = price(p, markets[i], rc);
  sdk::ResourceLimits limits{prices[0].limit, prices[0].cost, prices[1].limit,
                             prices[1].cost,  prices[2].limit, prices[2].cost};
  sdk::exit_result([&](pb::Writer& w) { sdk::encode_resource_limits(w, 1, limits); });
}

// supply' = floor(supply * d) + P - used; a pool above its idle supply (after a budget cut) cannot go
// below 1.
uint64_t next_supply(const Params& p, const Market& m, uint64_t used) {
  uint64_t decayed = sdk::mul_u64(m.supply, p.decay).hi;
  uint64_t print = derive(p, m.budget).print;
  uint64_t grown = sdk::add_overflows(decayed, print) ? k_max : decayed + print;
  return grown > used ? grown - used : 1;
}

// consume_block_resources (0x9850b1fd) {disk_storage_consumed=1, network_bandwidth_consumed=2,
// compute_bandwidth_consumed=3} → {value=1 bool}: false for a caller that is not in kernel mode, or when a
// usage is above its block limit or not below its pool's supply; else every pool moves to its next supply.
// The limits are those in force at this block's height, the ones get_resource_limits gave the kernel at
// the block's start (parameters set during the block wait for the next one).
void consume_block_resources(sdk::Bytes args) {
  if (!sdk::caller_is_kernel()) {
    sdk::log("resources: consume_block_resources must be called from kernel mode");
    sdk::exit_bool(false);
  }
  const Params p = load_params();
  Market markets[k_markets];
  const bool merged = load_markets(p, markets, current_height());
  uint64_t used[k_markets];
  for (uint32_t i = 0; i < k_markets; ++i) {
    used[i] = pb::find_uint64(args, i + 1);
    if (used[i] > markets[i].limit || used[i] >= markets[i].supply) sdk::exit_bool(false);
  }
  for (uint32_t i = 0; i < k_markets; ++i) markets[i].supply = next_supply(p, markets[i], used[i]);
  store_markets(markets, merged);
  sdk::exit_bool(true);
}

// get_resource_markets (0xebe9b9e7) → get_resource_markets_result{value=1 resource_markets}.
void get_resource_markets(sdk::Bytes) {
  Market markets[k_markets];
  load_markets(load_params(), markets, current_height());
  sdk::exit_value_bytes(sdk::encode_message([&](pb::Writer& w) { encode_markets(w, markets); }));
}

// set_resource_markets_parameters (0x4b31e959) {disk_storage=1, network_bandwidth=2, compute_bandwidth=3,
// each market_parameters{block_budget=1, block_limit=2}}: replaces every budget and limit from the next
// block on (pending until then), keeps the supplies. System authority; limits ≥ the minimums (disk 65,536,
// network 262,144, compute 10,000,000), 1 ≤ budget ≤ limit, a computable market; else a reversion.
void set_resource_markets_parameters(sdk::Bytes args) {
  sdk::require_system_authority("resources: setting market parameters needs system authority");
  const Params p = load_params();
  const uint64_t height = current_height();
  Market markets[k_markets];
  const bool merged = load_markets(p, markets, height);
  Market next[k_markets];
  for (uint32_t i = 0; i < k_markets; ++i) {
    sdk::Bytes m = pb::find_bytes(args, i + 1);
    next[i] = Market{markets[i].supply, pb::find_uint64(m, 1), pb::find_uint64(m, 2)};
    if (next[i].limit < k_min_limit[i]) {
      sdk::exit_reversion("resources: block limits must be >= 65536 (disk), 262144 (network), 10000000 (compute)");
    }
    if (next[i].budget == 0 || next[i].budget > next[i].limit) sdk::exit_reversion("resources: budgets must be 1..limit");
    if (!derive(p, next[i].budget).ok) sdk::exit_reversion("resources: a budget gives no computable market");
  }
  // The markets in force now are stored (the first write fixes the lazily initialised supplies), the new
  // parameters wait for the next block: this block is settled with the limits read at its start.
  store_markets(markets, merged);
  store(pending_key(), sdk::encode_message([&](pb::Writer& w) {
    w.uint64_field(1, height + 1);
    auto m = w.begin_message(2);
    encode_markets(w, next);
    w.end_message(m);
  }));
  sdk::exit_success();
}

// get_resource_parameters (0xf53b5216) → get_resource_parameters_result{value=1 resource_parameters}.
void get_resource_parameters(sdk::Bytes) {
  const Params p = load_params();
  sdk::exit_value_bytes(sdk::encode_message([&](pb::Writer& w) { encode_params(w, p); }));
}

// set_resource_parameters (0xa08e6b90) {params=1 resource_parameters}: replaces the parameters. System
// authority; every field ≥ 1, premium > precision, and every current market computable; else a reversion.
void set_resource_parameters(sdk::Bytes args) {
  sdk::require_system_authority("resources: setting resource parameters needs system authority");
  const Params p = decode_params(pb::find_bytes(args, 1));
  if (p.block_interval_ms == 0 || p.rc_regen_ms == 0 || p.decay == 0 || p.one_minus_decay == 0 || p.precision == 0 ||
      p.premium <= p.precision) {
    sdk::exit_reversion("resources: parameters must be >= 1 with print_rate_premium > print_rate_precision");
  }
  Market markets[k_markets];
  // Pools keep the supply they had under the old parameters.
  const bool merged = load_markets(load_params(), markets, current_height());
  for (const Market& m : markets) {
    if (!derive(p, m.budget).ok) sdk::exit_reversion("resources: the parameters give no computable market");
  }
  sdk::Bytes pending = merged ? sdk::Bytes() : pb::find_bytes(load(pending_key()), 2);
  for (uint32_t i = 0; !pending.empty() && i < k_markets; ++i) {
    if (!derive(p, pb::find_uint64(pb::find_bytes(pending, i + 1), 3)).ok) {
      sdk::exit_reversion("resources: the parameters give no computable market");
    }
  }
  store_markets(markets, merged);
  store(parameters_key(), sdk::encode_message([&](pb::Writer& w) { encode_params(w, p); }));
  sdk::exit_success();
}

// authorize (0x4a2dbd90) → authorize_result{value}: only system authority may act as this contract.
void authorize(sdk::Bytes) { sdk::exit_bool(sdk::has_system_authority()); }

constexpr sdk::Method k_methods[] = {
    {sdk::entry_points::k_get_resource_limits, get_resource_limits},
    {sdk::entry_points::k_consume_block_resources, consume_block_resources},
    {k_get_resource_markets, get_resource_markets},
    {k_set_resource_markets_parameters, set_resource_markets_parameters},
    {k_get_resource_parameters, get_resource_parameters},
    {k_set_resource_parameters, set_resource_parameters},
    {sdk::entry_points::k_authorize, authorize},
};

}  // namespace

extern "C" __attribute__((export_name("_start"))) void start() { sdk::dispatch(k_methods); }
