// System contract `koin`: the KOIN token with mana (Koinos koin). Mana is the account's resource credit:
// it regenerates linearly to the balance over 5 days, moves with transferred KOIN, and transfers and burns
// need as much mana as they move. Serves get_account_rc (201) and consume_account_rc (202).
// Entry points, storage and events: docs/system_contracts/koin.md.
#include "modchain/sdk/contract.hpp"

namespace sdk = modchain::sdk;
namespace pb = modchain::sdk::pb;

namespace {

namespace ep {
constexpr uint32_t k_name = sdk::entry_point_id("name");
constexpr uint32_t k_symbol = sdk::entry_point_id("symbol");
constexpr uint32_t k_decimals = sdk::entry_point_id("decimals");
constexpr uint32_t k_total_supply = sdk::entry_point_id("total_supply");
constexpr uint32_t k_balance_of = sdk::entry_point_id("balance_of");
constexpr uint32_t k_transfer = sdk::entry_point_id("transfer");
constexpr uint32_t k_mint = sdk::entry_point_id("mint");
constexpr uint32_t k_burn = sdk::entry_point_id("burn");
static_assert(k_name == 0x82a3537f);
static_assert(k_symbol == 0xb76a7ca1);
static_assert(k_decimals == 0xee80fd2f);
static_assert(k_total_supply == 0xb0da3934);
static_assert(k_balance_of == 0x5c721497);
static_assert(k_transfer == 0x27f576ca);
static_assert(k_mint == 0xdc6f17bb);
static_assert(k_burn == 0x859facc5);
static_assert(sdk::entry_points::k_get_account_rc == 0x2d464aab);
static_assert(sdk::entry_points::k_consume_account_rc == 0x80e3f5c9);
static_assert(sdk::entry_points::k_authorize == 0x4a2dbd90);
}  // namespace ep

/// Milliseconds for mana to regenerate from 0 to the full balance (5 days, as Koinos).
constexpr uint64_t k_mana_regen_ms = 432'000'000;

// A fixed zone label, not the contract id, so a replacement uploaded elsewhere keeps the balances.
sdk::Bytes zone() { return "modchain.koin"; }
/// key "" -> balance_object{value=1}: the total supply.
sdk::ObjectSpace supply_space() { return sdk::ObjectSpace{true, zone(), 0}; }
/// key address -> mana_balance_object{balance=1, mana=2, last_mana_update=3}.
sdk::ObjectSpace balance_space() { return sdk::ObjectSpace{true, zone(), 1}; }

/// koinos.contracts.koin.mana_balance_object.
struct Account {
  uint64_t balance = 0;
  uint64_t mana = 0;
  uint64_t last_mana_update = 0;  ///< head block time (ms) when mana was last brought up to date
};

void require_address(sdk::Bytes address) {
  sdk::require(address.size == sdk::k_address_size, "koin: address must be 25 bytes");
}

/// The stored object under `key` in `space` (empty when absent); a database error ends the call.
sdk::Bytes load(const sdk::ObjectSpace& space, sdk::Bytes key) {
  auto r = sdk::get_object(space, key);
  if (!r.ok()) sdk::exit_error(r.code, r.message);
  return r.value.value;
}

void store(const sdk::ObjectSpace& space, sdk::Bytes key, sdk::Bytes value) {
  int32_t code = sdk::put_object(space, key, value);
  if (code != 0) sdk::exit_error(code, "koin: put_object failed");
}

uint64_t load_supply() { return pb::find_uint64(load(supply_space(), ""), 1); }

void store_supply(uint64_t supply) {
  store(supply_space(), "", sdk::encode_message([&](pb::Writer& w) { w.uint64_field(1, supply); }));
}

uint64_t head_block_time() {
  auto head = sdk::get_head_info();
  if (!head.ok()) sdk::exit_error(head.code, head.message);
  return head.value.head_block_time;
}

/// Adds the mana regenerated since last_mana_update: balance * min(elapsed, 5 days) / 5 days, rounded
/// down, capped at the balance.
void regenerate(Account& account, uint64_t now) {
  if (now <= account.last_mana_update) return;
  uint64_t elapsed = now - account.last_mana_update;
  if (elapsed > k_mana_regen_ms) elapsed = k_mana_regen_ms;
  // elapsed <= the period, so the quotient is at most the balance: no overflow.
  uint64_t gained = sdk::mul_div(account.balance, elapsed, k_mana_regen_ms);
  account.mana = gained >= account.balance - account.mana ? account.balance : account.mana + gained;
  account.last_mana_update = now;
}

/// The account's stored balance with its mana brought up to the head block time.
Account load_account(sdk::Bytes address) {
  sdk::Bytes stored = load(balance_space(), address);
  Account account{pb::find_uint64(stored, 1), pb::find_uint64(stored, 2), pb::find_uint64(stored, 3)};
  regenerate(account, head_block_time());
  return account;
}

void store_account(sdk::Bytes address, const Account& account) {
  store(balance_space(), address, sdk::encode_message([&](pb::Writer& w) {
          w.uint64_field(1, account.balance);
          w.uint64_field(2, account.mana);
          w.uint64_field(3, account.last_mana_update);
        }));
}

void emit(sdk::Bytes name, sdk::Bytes data, const sdk::Bytes* impacted, uint32_t count) {
  int32_t code = sdk::event(name, data, impacted, count);
  if (code != 0) sdk::exit_error(code, "koin: event failed");
}

/// {account/owner=1, value=2} style arguments: an address and an amount.
struct AddressValue {
  sdk::Bytes address;
  uint64_t value;
};

AddressValue decode_address_value(sdk::Bytes args) {
  AddressValue out{pb::find_bytes(args, 1), pb::find_uint64(args, 2)};
  require_address(out.address);
  return out;
}

/// Emits {address=1, value=2} (mint_event{to, value}, burn_event{from, value}) impacting that address,
/// then ends the call successfully.
[[noreturn]] void emit_amount_event(sdk::Bytes name, const AddressValue& amount) {
  emit(name, sdk::encode_message([&](pb::Writer& w) {
         w.bytes_field(1, amount.address);
         w.uint64_field(2, amount.value);
       }),
       &amount.address, 1);
  sdk::exit_success();
}

// --- token metadata --------------------------------------------------------------------------------

// name (0x82a3537f) -> name_result{value=1 string "Koin"}.
void name(sdk::Bytes) { sdk::exit_value_bytes("Koin"); }
// symbol (0xb76a7ca1) -> symbol_result{value=1 string "KOIN"}.
void symbol(sdk::Bytes) { sdk::exit_value_bytes("KOIN"); }
// decimals (0xee80fd2f) -> decimals_result{value=1 uint32 8}.
void decimals(sdk::Bytes) { sdk::exit_uint64(8); }
// total_supply (0xb0da3934) -> total_supply_result{value=1 uint64}.
void total_supply(sdk::Bytes) { sdk::exit_uint64(load_supply()); }

// balance_of (0x5c721497) balance_of_arguments{owner=1} -> balance_of_result{value=1 uint64}.
void balance_of(sdk::Bytes args) {
  sdk::Bytes owner = pb::find_bytes(args, 1);
  require_address(owner);
  sdk::exit_uint64(pb::find_uint64(load(balance_space(), owner), 1));
}

// --- balances --------------------------------------------------------------------------------------

// transfer (0x27f576ca) transfer_arguments{from=1, to=2, value=3} -> transfer_result{}. Needs the
// authority of `from`, and balance and mana of at least `value`; the mana moves with the KOIN.
// Event koinos.contracts.token.transfer_event{from, to, value}, impacted [to, from].
void transfer(sdk::Bytes args) {
  sdk::Bytes from = pb::find_bytes(args, 1);
  sdk::Bytes to = pb::find_bytes(args, 2);
  uint64_t value = pb::find_uint64(args, 3);
  require_address(from);
  require_address(to);
  sdk::require(!(from == to), "koin: cannot transfer to self");
  sdk::require_authority(from, "koin: from has not authorized transfer");

  Account sender = load_account(from);
  sdk::require(sender.balance >= value, "koin: account 'from' has insufficient balance");
  sdk::require(sender.mana >= value, "koin: account 'from' has insufficient mana for transfer");
  Account receiver = load_account(to);
  sender.balance -= value;
  sender.mana -= value;
  // Balances sum to the supply, which fits in 64 bits, and mana <= balance: no overflow.
  receiver.balance += value;
  receiver.mana += value;
  store_account(from, sender);
  store_account(to, receiver);

  sdk::Bytes impacted[] = {to, from};
  emit("koinos.contracts.token.transfer_event", sdk::encode_message([&](pb::Writer& w) {
         w.bytes_field(1, from);
         w.bytes_field(2, to);
         w.uint64_field(3, value);
       }),
       impacted, 2);
  sdk::exit_success();
}

// mint (0xdc6f17bb) mint_arguments{to=1, value=2} -> mint_result{}. Allowed for a kernel-mode caller (a
// system contract) or a transaction with system authority. The new KOIN arrives with full mana.
// Event koinos.contracts.token.mint_event{to, value}, impacted [to].
void mint(sdk::Bytes args) {
  AddressValue to = decode_address_value(args);
  sdk::require(sdk::caller_is_kernel() || sdk::has_system_authority(),
               "koin: mint requires a system contract caller or system authority");
  uint64_t supply = load_supply();
  sdk::require(!sdk::add_overflows(supply, to.value), "koin: mint would overflow the supply");

  Account receiver = load_account(to.address);
  receiver.balance += to.value;
  receiver.mana += to.value;
  store_account(to.address, receiver);
  store_supply(supply + to.value);

  emit_amount_event("koinos.contracts.token.mint_event", to);
}

// burn (0x859facc5) burn_arguments{from=1, value=2} -> burn_result{}. Needs the authority of `from`, and
// balance and mana of at least `value`. Event koinos.contracts.token.burn_event{from, value}, impacted
// [from].
void burn(sdk::Bytes args) {
  AddressValue from = decode_address_value(args);
  sdk::require_authority(from.address, "koin: from has not authorized burn");
  Account sender = load_account(from.address);
  sdk::require(sender.balance >= from.value, "koin: account 'from' has insufficient balance");
  sdk::require(sender.mana >= from.value, "koin: account 'from' has insufficient mana for burn");
  sender.balance -= from.value;
  sender.mana -= from.value;
  store_account(from.address, sender);
  store_supply(load_supply() - from.value);  // the supply includes this balance

  emit_amount_event("koinos.contracts.token.burn_event", from);
}

// --- resource credits ------------------------------------------------------------------------------

/// True when `account` is the address the name service gives for "governance" (none registered: false).
bool is_governance(sdk::Bytes account) {
  auto governance = sdk::get_contract_address("governance");
  return governance.ok() && governance.value == account;
}

// get_account_rc (0x2d464aab) get_account_rc_arguments{account=1} -> get_account_rc_result{value=1 uint64}:
// the account's mana regenerated to the head block time; UINT64_MAX for the governance contract, whose
// proposals carry no signature and no KOIN.
void get_account_rc(sdk::Bytes args) {
  sdk::Bytes account = pb::find_bytes(args, 1);
  require_address(account);
  if (is_governance(account)) sdk::exit_uint64(UINT64_MAX);
  sdk::exit_uint64(load_account(account).mana);
}

// consume_account_rc (0x80e3f5c9) consume_account_rc_arguments{account=1, value=2} ->
// consume_account_rc_result{value=1 bool}: false unless the caller is in kernel mode (the chain charging
// a payer); true without a change for governance; false when the regenerated mana is below `value`;
// otherwise the mana is reduced and stored with last_mana_update = head block time.
void consume_account_rc(sdk::Bytes args) {
  if (!sdk::caller_is_kernel()) sdk::exit_bool(false);
  AddressValue consumed = decode_address_value(args);
  if (is_governance(consumed.address)) sdk::exit_bool(true);
  Account account = load_account(consumed.address);
  if (account.mana < consumed.value) sdk::exit_bool(false);
  account.mana -= consumed.value;
  store_account(consumed.address, account);
  sdk::exit_bool(true);
}

// authorize (0x4a2dbd90) authorize_arguments -> authorize_result{value=1 bool} = check_system_authority().
void authorize(sdk::Bytes) { sdk::exit_bool(sdk::has_system_authority()); }

constexpr sdk::Method k_methods[] = {
    {ep::k_name, name},
    {ep::k_symbol, symbol},
    {ep::k_decimals, decimals},
    {ep::k_total_supply, total_supply},
    {ep::k_balance_of, balance_of},
    {ep::k_transfer, transfer},
    {ep::k_mint, mint},
    {ep::k_burn, burn},
    {sdk::entry_points::k_get_account_rc, get_account_rc},
    {sdk::entry_points::k_consume_account_rc, consume_account_rc},
    {sdk::entry_points::k_authorize, authorize},
};

}  // namespace

extern "C" __attribute__((export_name("_start"))) void start() { sdk::dispatch(k_methods); }
