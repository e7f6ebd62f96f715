// Test contract `context`: the read-only system calls through the SDK's typed wrappers, one method each,
// so kernel tests can observe from WASM what the chain reports (and what an override of 201 answers).
// Every failure of the call is passed on as exit(code, message). Layouts: docs/contracts.md ("context").
#include "modchain/sdk/contract.hpp"

namespace sdk = modchain::sdk;
namespace pb = modchain::sdk::pb;

namespace {

template <typename T>
void require_ok(const sdk::Result<T>& r) {
  if (!r.ok()) sdk::exit_error(r.code, r.message);
}

[[noreturn]] void exit_with_uint64(uint64_t value, bool always = false) {
  uint8_t result[11];
  pb::Writer w(sdk::MutableBytes{result, sizeof result});
  w.uint64_field(1, value, always);
  sdk::exit_success(w.view());
}

// head_info {} -> head_info {head_topology=1 {id=1, height=2, previous=3}, head_block_time=2,
// last_irreversible_block=3}, re-encoded from the decoded HeadInfo.
void head_info(sdk::Bytes) {
  auto r = sdk::get_head_info();
  require_ok(r);
  pb::Writer w(sdk::arena().free_space());
  auto topology = w.begin_message(1);
  w.bytes_field(1, r.value.head_id);
  w.uint64_field(2, r.value.head_height);
  w.bytes_field(3, r.value.head_previous);
  w.end_message(topology);
  w.uint64_field(2, r.value.head_block_time);
  w.uint64_field(3, r.value.last_irreversible_block);
  sdk::arena().commit(w.size());
  sdk::exit_success(w.view());
}

// chain_id {} -> the chain id bytes (34-byte multihash).
void chain_id(sdk::Bytes) {
  auto r = sdk::get_chain_id();
  require_ok(r);
  sdk::exit_success(r.value);
}

// last_irreversible_block {} -> {value=1 uint64}.
void last_irreversible_block(sdk::Bytes) {
  auto r = sdk::get_last_irreversible_block();
  require_ok(r);
  exit_with_uint64(r.value);
}

// transaction_field {field=1 string} -> serialized value_type (e.g. field_not_found -100 passed on).
void transaction_field(sdk::Bytes args) {
  auto r = sdk::get_transaction_field(pb::find_bytes(args, 1));
  require_ok(r);
  sdk::exit_success(r.value);
}

// block_field {field=1 string} -> serialized value_type.
void block_field(sdk::Bytes args) {
  auto r = sdk::get_block_field(pb::find_bytes(args, 1));
  require_ok(r);
  sdk::exit_success(r.value);
}

// hash {code=1 uint64, obj=2 bytes, size=3 uint64} -> the multihash bytes.
void hash(sdk::Bytes args) {
  auto r = sdk::hash(pb::find_uint64(args, 1), pb::find_bytes(args, 2), pb::find_uint64(args, 3));
  require_ok(r);
  sdk::exit_success(r.value);
}

// recover_public_key {signature=1 bytes, digest=2 bytes, compressed=3 bool} -> the public key bytes.
void recover_public_key(sdk::Bytes args) {
  auto r = sdk::recover_public_key(pb::find_bytes(args, 1), pb::find_bytes(args, 2), pb::find_uint64(args, 3) != 0);
  require_ok(r);
  sdk::exit_success(r.value);
}

// verify_signature {public_key=1, signature=2, digest=3, compressed=4 bool} -> {value=1 bool}.
void verify_signature(sdk::Bytes args) {
  auto r = sdk::verify_signature(pb::find_bytes(args, 1), pb::find_bytes(args, 2), pb::find_bytes(args, 3),
                                 pb::find_uint64(args, 4) != 0);
  require_ok(r);
  exit_with_uint64(r.value ? 1 : 0);
}

// account_rc {account=1 bytes} -> {value=1 uint64}: get_account_rc (201), overridable.
void account_rc(sdk::Bytes args) {
  auto r = sdk::get_account_rc(pb::find_bytes(args, 1));
  require_ok(r);
  exit_with_uint64(r.value);
}

// account_nonce {account=1 bytes} -> the stored nonce bytes (a serialized value_type).
void account_nonce(sdk::Bytes args) {
  auto r = sdk::get_account_nonce(pb::find_bytes(args, 1));
  require_ok(r);
  sdk::exit_success(r.value);
}

constexpr sdk::Method k_methods[] = {
    {sdk::entry_point_id("head_info"), head_info},
    {sdk::entry_point_id("chain_id"), chain_id},
    {sdk::entry_point_id("last_irreversible_block"), last_irreversible_block},
    {sdk::entry_point_id("transaction_field"), transaction_field},
    {sdk::entry_point_id("block_field"), block_field},
    {sdk::entry_point_id("hash"), hash},
    {sdk::entry_point_id("recover_public_key"), recover_public_key},
    {sdk::entry_point_id("verify_signature"), verify_signature},
    {sdk::entry_point_id("account_rc"), account_rc},
    {sdk::entry_point_id("account_nonce"), account_nonce},
};

}  // namespace

extern "C" __attribute__((export_name("_start"))) void start() { sdk::dispatch(k_methods); }
