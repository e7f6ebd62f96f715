// Test system contract `rc_override`: replaces get_account_rc (201) and consume_account_rc (202) through
// set_system_call bundles. Mark it `system` (set_system_contract) before installing the overrides: it then
// runs in kernel mode and keeps its records in a system space of its own zone.
// Layouts: docs/contracts.md ("rc_override").
#include "modchain/sdk/contract.hpp"

namespace sdk = modchain::sdk;
namespace pb = modchain::sdk::pb;

namespace {

/// The resource credits every account has under this override.
constexpr uint64_t k_account_rc = 12345678;

[[noreturn]] void exit_with_uint64(uint64_t value) {
  uint8_t result[11];
  pb::Writer w(sdk::MutableBytes{result, sizeof result});
  w.uint64_field(1, value);
  sdk::exit_success(w.view());
}

[[noreturn]] void exit_with_bool(bool value) {
  uint8_t result[2];
  pb::Writer w(sdk::MutableBytes{result, sizeof result});
  w.bool_field(1, value);
  sdk::exit_success(w.view());
}

// get_account_rc (0x2d464aab) {account=1 bytes} -> get_account_rc_result {value=1 uint64 = 12345678}.
void get_account_rc(sdk::Bytes) { exit_with_uint64(k_account_rc); }

// consume_account_rc (0x80e3f5c9) {account=1 bytes, value=2 uint64} -> consume_account_rc_result
// {value=1 bool}: false unless the caller is kernel mode (as the mainnet koin contract does) or when
// value > 12345678; otherwise adds value to the account's total in space {system, own zone, id 0}
// (key = account, value = {value=1 uint64}) and returns true.
void consume_account_rc(sdk::Bytes args) {
  if (sdk::get_caller().privilege != sdk::Privilege::kernel_mode) exit_with_bool(false);
  sdk::Bytes account = pb::find_bytes(args, 1);
  uint64_t value = pb::find_uint64(args, 2);
  if (value > k_account_rc) exit_with_bool(false);
  sdk::ObjectSpace space = sdk::own_system_space(0);
  auto old = sdk::get_object(space, account);
  if (!old.ok()) sdk::exit_error(old.code, old.message);
  uint8_t total[11];
  pb::Writer w(sdk::MutableBytes{total, sizeof total});
  w.uint64_field(1, pb::find_uint64(old.value.value, 1) + value);
  int32_t code = sdk::put_object(space, account, w.view());
  if (code != 0) sdk::exit_error(code, "consume_account_rc: put_object failed");
  exit_with_bool(true);
}

// get_consumed {account=1 bytes} -> {value=1 uint64}: the total recorded by consume_account_rc.
void get_consumed(sdk::Bytes args) {
  auto r = sdk::get_object(sdk::own_system_space(0), pb::find_bytes(args, 1));
  if (!r.ok()) sdk::exit_error(r.code, r.message);
  exit_with_uint64(pb::find_uint64(r.value.value, 1));
}

constexpr sdk::Method k_methods[] = {
    {sdk::entry_points::k_get_account_rc, get_account_rc},
    {sdk::entry_points::k_consume_account_rc, consume_account_rc},
    {sdk::entry_point_id("get_consumed"), get_consumed},
};

}  // namespace

extern "C" __attribute__((export_name("_start"))) void start() { sdk::dispatch(k_methods); }
