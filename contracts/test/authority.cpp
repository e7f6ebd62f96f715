// Test contract `authority`: an account contract that answers `authorize` from a stored configuration
// and a caller of check_authority. Layouts: docs/contracts.md ("authority").
//
// Upload it with authorizes_call_contract / authorizes_transaction_application /
// authorizes_upload_contract set to make the kernel call its `authorize` entry point instead of checking
// signatures for it.
#include "modchain/sdk/contract.hpp"

namespace sdk = modchain::sdk;
namespace pb = modchain::sdk::pb;

namespace {


sdk::Bytes config_key() { return "config"; }
sdk::Bytes last_authorize_key() { return "last_authorize"; }

[[noreturn]] void exit_with_bool(bool value) {
  uint8_t result[2];
  pb::Writer w(sdk::MutableBytes{result, sizeof result});
  w.bool_field(1, value);
  sdk::exit_success(w.view());
}

// authorize (0x4a2dbd90) {authorize_arguments} -> authorize_result {value=1 bool}: the stored
// authority_config.allow (false when never configured). With authority_config.record, the raw
// authorize_arguments are stored under "last_authorize" (space 0) for the test to inspect.
void authorize(sdk::Bytes args) {
  sdk::ObjectSpace space = sdk::own_space(0);
  auto config = sdk::get_object(space, config_key());
  if (!config.ok()) sdk::exit_error(config.code, config.message);
  bool allow = pb::find_uint64(config.value.value, 1) != 0;
  bool record = pb::find_uint64(config.value.value, 2) != 0;
  if (record) {
    int32_t code = sdk::put_object(space, last_authorize_key(), args);
    if (code != 0) sdk::exit_error(code, "authorize: recording the arguments failed");
  }
  exit_with_bool(allow);
}

// set_config {authority_config: allow=1 bool, record=2 bool}: stores the configuration (no access check:
// a test contract).
void set_config(sdk::Bytes args) {
  int32_t code = sdk::put_object(sdk::own_space(0), config_key(), args);
  if (code != 0) sdk::exit_error(code, "set_config: put_object failed");
  sdk::exit_success();
}

// get_last_authorize {} -> the authorize_arguments recorded by the last `authorize` (empty if none).
void get_last_authorize(sdk::Bytes) {
  auto r = sdk::get_object(sdk::own_space(0), last_authorize_key());
  if (!r.ok()) sdk::exit_error(r.code, r.message);
  sdk::exit_success(r.value.value);
}

// check {account=1 bytes, data=2 bytes, type=3 uint32} -> check_result {value=1 bool}: the answer of
// check_authority(type, account, data).
void check(sdk::Bytes args) {
  auto r = sdk::check_authority(pb::find_bytes(args, 1), pb::find_bytes(args, 2),
                                static_cast<sdk::AuthorizationType>(pb::find_uint64(args, 3)));
  if (!r.ok()) sdk::exit_error(r.code, r.message);
  exit_with_bool(r.value);
}

// require_authority {account=1 bytes}: succeeds when check_authority(contract_call, account) is true,
// else reverts with code 1 and message "authority: not authorized" (the pattern of a token transfer).
void require_authority(sdk::Bytes args) {
  auto r = sdk::check_authority(pb::find_bytes(args, 1));
  if (!r.ok()) sdk::exit_error(r.code, r.message);
  if (!r.value) sdk::exit_reversion("authority: not authorized");
  sdk::exit_success();
}

constexpr sdk::Method k_methods[] = {
    {sdk::entry_points::k_authorize, authorize},
    {sdk::entry_point_id("set_config"), set_config},
    {sdk::entry_point_id("get_last_authorize"), get_last_authorize},
    {sdk::entry_point_id("check"), check},
    {sdk::entry_point_id("require_authority"), require_authority},
};

}  // namespace

extern "C" __attribute__((export_name("_start"))) void start() { sdk::dispatch(k_methods); }
