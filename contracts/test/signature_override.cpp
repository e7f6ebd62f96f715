// Test system contract `signature_override`: replaces process_block_signature (101). A block is accepted
// when its signature recovers to one of a configured list of public keys. Mark it `system` before
// installing the override. Layouts: docs/contracts.md ("signature_override").
#include "modchain/sdk/contract.hpp"

namespace sdk = modchain::sdk;
namespace pb = modchain::sdk::pb;

namespace {

sdk::Bytes keys_key() { return "keys"; }

[[noreturn]] void exit_with_bool(bool value) {
  uint8_t result[2];
  pb::Writer w(sdk::MutableBytes{result, sizeof result});
  w.bool_field(1, value);
  sdk::exit_success(w.view());
}

// process_block_signature (0xe0adbeab) {digest=1 bytes, header=2 block_header, signature=3 bytes}
//   -> process_block_signature_result {value=1 bool}: true iff recover_public_key(signature, digest,
//   compressed) equals one of the stored keys. Any recovery error (a bad signature) answers false.
void process_block_signature(sdk::Bytes args) {
  auto keys = sdk::get_object(sdk::own_system_space(0), keys_key());
  if (!keys.ok()) sdk::exit_error(keys.code, keys.message);
  auto recovered = sdk::recover_public_key(pb::find_bytes(args, 3), pb::find_bytes(args, 1));
  if (!recovered.ok()) exit_with_bool(false);
  bool found = false;
  pb::for_each_bytes(keys.value.value, 1, [&](sdk::Bytes key) { found = found || key == recovered.value; });
  exit_with_bool(found);
}

// set_keys {keys=1 repeated bytes (33-byte compressed secp256k1 public keys)}: replaces the list;
// requires system authority (check_system_authority), else reverts with "signature_override: no
// system authority".
void set_keys(sdk::Bytes args) {
  auto authority = sdk::check_system_authority();
  if (!authority.ok()) sdk::exit_error(authority.code, authority.message);
  if (!authority.value) sdk::exit_reversion("signature_override: no system authority");
  int32_t code = sdk::put_object(sdk::own_system_space(0), keys_key(), args);
  if (code != 0) sdk::exit_error(code, "set_keys: put_object failed");
  sdk::exit_success();
}

// get_keys {} -> {keys=1 repeated bytes}: the stored list (empty if none).
void get_keys(sdk::Bytes) {
  auto r = sdk::get_object(sdk::own_system_space(0), keys_key());
  if (!r.ok()) sdk::exit_error(r.code, r.message);
  sdk::exit_success(r.value.value);
}

constexpr sdk::Method k_methods[] = {
    {sdk::entry_points::k_process_block_signature, process_block_signature},
    {sdk::entry_point_id("set_keys"), set_keys},
    {sdk::entry_point_id("get_keys"), get_keys},
};

}  // namespace

extern "C" __attribute__((export_name("_start"))) void start() { sdk::dispatch(k_methods); }
