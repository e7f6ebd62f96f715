// Wrappers for the system calls that only kernel-mode code may make (user mode gets
// insufficient_privileges 103), plus the callbacks and nop an override may forward to.
//
// Arguments are passed as already serialized koinos.protocol messages: a serialized message is exactly
// the bytes of the sub-message field, so the SDK never needs to understand them. All of these answer
// empty result messages, so the wrappers return the host's code.
#pragma once

#include "modchain/sdk/system_calls.hpp"

namespace modchain::sdk {

namespace detail {
/// Calls `id` with `{field 1 = message}` (the apply_* argument layout); the message is always written,
/// as libprotobuf writes a set sub-message even when it is empty.
inline HostResult invoke_with_message(uint32_t id, Bytes message) {
  return invoke_encoded(id, [&](pb::Writer& w) { w.bytes_field(1, message, true); });
}
}  // namespace detail

/// Applies the serialized koinos.protocol.transaction `transaction` (3): apply_transaction_arguments
/// {transaction=1}. The value is the (empty) result message.
inline Result<Bytes> apply_transaction(Bytes transaction) {
  return detail::to_result<Bytes>(detail::invoke_with_message(syscall::k_apply_transaction, transaction),
                                  [](Bytes o) { return o; });
}

/// Applies the serialized koinos.protocol.block `block` (2). Returns the host's code.
inline int32_t apply_block(Bytes block) { return detail::invoke_with_message(syscall::k_apply_block, block).code; }

/// Applies a serialized upload_contract_operation (4). Returns the host's code.
inline int32_t apply_upload_contract_operation(Bytes op) {
  return detail::invoke_with_message(syscall::k_apply_upload_contract_operation, op).code;
}

/// Applies a serialized call_contract_operation (5). Returns the host's code.
inline int32_t apply_call_contract_operation(Bytes op) {
  return detail::invoke_with_message(syscall::k_apply_call_contract_operation, op).code;
}

/// Applies a serialized set_system_call_operation (6; needs system authority). Returns the host's code.
inline int32_t apply_set_system_call_operation(Bytes op) {
  return detail::invoke_with_message(syscall::k_apply_set_system_call_operation, op).code;
}

/// Applies a serialized set_system_contract_operation (7; needs system authority). Returns the host's code.
inline int32_t apply_set_system_contract_operation(Bytes op) {
  return detail::invoke_with_message(syscall::k_apply_set_system_contract_operation, op).code;
}

/// pre_block_callback (8; native no-op, governance overrides it). Returns the host's code.
inline int32_t pre_block_callback() { return detail::invoke_empty(syscall::k_pre_block_callback).code; }

/// post_block_callback (9; native no-op). Returns the host's code.
inline int32_t post_block_callback() { return detail::invoke_empty(syscall::k_post_block_callback).code; }

/// pre_transaction_callback (10; native no-op). Returns the host's code.
inline int32_t pre_transaction_callback() { return detail::invoke_empty(syscall::k_pre_transaction_callback).code; }

/// post_transaction_callback (11; native no-op). Returns the host's code.
inline int32_t post_transaction_callback() {
  return detail::invoke_empty(syscall::k_post_transaction_callback).code;
}

/// nop (0): not enabled at genesis, so it answers unknown_thunk 106 unless an override maps it.
inline int32_t nop() { return detail::invoke_empty(syscall::k_nop).code; }

}  // namespace modchain::sdk
