// Test contract `privilege_probe`: attempts privileged operations and reports what the host answered.
// Uploaded as a user contract it shows what user mode may not do (insufficient_privileges 103 and
// reversions abort it before it can report; failures come back as negative codes); marked as a system
// contract it receives every code and exits with it. Layouts: docs/contracts.md ("privilege_probe").
#include "modchain/sdk/contract.hpp"

namespace sdk = modchain::sdk;
namespace pb = modchain::sdk::pb;

namespace {

// Ends the call with the host's answer: success with the raw result bytes, or exit(code, message).
[[noreturn]] void report(sdk::HostResult r) {
  if (r.code == 0) sdk::exit_success(r.output);
  sdk::Bytes message = sdk::detail::error_message(r.output);
  if (message.empty()) message = "probe: host returned an error without a message";
  sdk::exit_error(r.code, message);
}

// try_system_call {id=1 uint32, args=2 bytes}: invoke_system_call(id, args).
void try_system_call(sdk::Bytes args) {
  sdk::Bytes call_args = pb::find_bytes(args, 2);
  auto id = static_cast<uint32_t>(pb::find_uint64(args, 1));
  report(sdk::detail::invoke_encoded(id, [&](pb::Writer& w) { w.raw(call_args); }));
}

// try_thunk {id=1 uint32, args=2 bytes}: invoke_thunk(id, args) (kernel-mode callers only).
void try_thunk(sdk::Bytes args) {
  sdk::Bytes call_args = pb::find_bytes(args, 2);
  auto id = static_cast<uint32_t>(pb::find_uint64(args, 1));
  report(sdk::detail::invoke_encoded<true>(id, [&](pb::Writer& w) { w.raw(call_args); }));
}

// try_put_object {system=1 bool, zone=2 bytes, space_id=3 uint32, key=4 bytes, value=5 bytes}: a write
// into any object space (another contract's zone, a system space, the kernel's metadata space...).
void try_put_object(sdk::Bytes args) {
  sdk::ObjectSpace space{pb::find_uint64(args, 1) != 0, pb::find_bytes(args, 2),
                         static_cast<uint32_t>(pb::find_uint64(args, 3))};
  sdk::Bytes key = pb::find_bytes(args, 4);
  sdk::Bytes value = pb::find_bytes(args, 5);
  report(sdk::detail::invoke_encoded(sdk::syscall::k_put_object, [&](pb::Writer& w) {
    sdk::detail::encode_space(w, 1, space);
    w.bytes_field(2, key);
    w.bytes_field(3, value);
  }));
}

// try_set_account_nonce {account=1 bytes, nonce=2 bytes}: system call 109 (kernel mode only).
void try_set_account_nonce(sdk::Bytes args) {
  sdk::Bytes account = pb::find_bytes(args, 1);
  sdk::Bytes nonce = pb::find_bytes(args, 2);
  report(sdk::detail::invoke_encoded(sdk::syscall::k_set_account_nonce, [&](pb::Writer& w) {
    w.bytes_field(1, account);
    w.bytes_field(2, nonce);
  }));
}

constexpr sdk::Method k_methods[] = {
    {sdk::entry_point_id("try_system_call"), try_system_call},
    {sdk::entry_point_id("try_thunk"), try_thunk},
    {sdk::entry_point_id("try_put_object"), try_put_object},
    {sdk::entry_point_id("try_set_account_nonce"), try_set_account_nonce},
};

}  // namespace

extern "C" __attribute__((export_name("_start"))) void start() { sdk::dispatch(k_methods); }
