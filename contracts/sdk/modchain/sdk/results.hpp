// Typed results and events: encode a message with a lambda over pb::Writer, then exit with it or emit it.
//
//   sdk::exit_result([&](sdk::pb::Writer& w) { w.uint64_field(1, balance); });   // balance_of_result
//   sdk::exit_bool(true);                                                         // authorize_result
//   sdk::emit_event("koinos.contracts.token.transfer_event",
//                   [&](sdk::pb::Writer& w) { w.bytes_field(1, from); ... }, impacted, 2);
#pragma once

#include "modchain/sdk/system_calls.hpp"

namespace modchain::sdk {

/// The message written by `encode(pb::Writer&)`, in the arena. Ends the call with a reversion when it
/// does not fit (a contract cannot continue meaningfully with a truncated message).
template <typename Encode>
Bytes encode_message(Encode&& encode) {
  pb::Writer w(arena().free_space());
  encode(w);
  if (!w.ok()) exit_error(error_code::k_reversion, "sdk: arena exhausted encoding a message");
  arena().commit(w.size());
  return w.view();
}

/// Ends the call successfully with the result message written by `encode(pb::Writer&)`.
template <typename Encode>
[[noreturn]] void exit_result(Encode&& encode) {
  exit_success(encode_message(encode));
}

/// Ends the call successfully with `{value=1: bool}` (authorize_result, *_result{value} of the overrides).
/// false is the empty message, as libprotobuf encodes it.
[[noreturn]] inline void exit_bool(bool value) {
  exit_result([&](pb::Writer& w) { w.bool_field(1, value); });
}

/// Ends the call successfully with `{value=1: uint64}` (get_account_rc_result, balance_of_result, ...).
[[noreturn]] inline void exit_uint64(uint64_t value) {
  exit_result([&](pb::Writer& w) { w.uint64_field(1, value); });
}

/// Ends the call successfully with `{value=1: bytes/string/sub-message}`; empty values are omitted.
[[noreturn]] inline void exit_value_bytes(Bytes value) {
  exit_result([&](pb::Writer& w) { w.bytes_field(1, value); });
}

/// Emits event `name` whose data is the message written by `encode(pb::Writer&)`, with the
/// `impacted_count` addresses at `impacted` (402). Returns the host's code.
template <typename Encode>
int32_t emit_event(Bytes name, Encode&& encode, const Bytes* impacted = nullptr, uint32_t impacted_count = 0) {
  return event(name, encode_message(encode), impacted, impacted_count);
}

}  // namespace modchain::sdk
