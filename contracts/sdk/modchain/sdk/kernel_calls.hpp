// Wrappers for the system calls that only kernel-mode code may make (user mode gets
// insufficient_privileges 103): applying transactions, blocks and operations.
//
// Arguments are passed as already serialized koinos.protocol messages: a serialized message is exactly
// the bytes of the sub-message field, so the SDK never needs to understand them.
#pragma once

#include "modchain/sdk/system_calls.hpp"

namespace modchain::sdk {

/// Applies the serialized koinos.protocol.transaction `transaction` (3): apply_transaction_arguments
/// {transaction=1}. The value is the (empty) result message.
inline Result<Bytes> apply_transaction(Bytes transaction) {
  HostResult r = detail::invoke_encoded(syscall::k_apply_transaction,
                                        [&](pb::Writer& w) { w.bytes_field(1, transaction, true); });
  return detail::to_result<Bytes>(r, [](Bytes o) { return o; });
}

}  // namespace modchain::sdk
