// Wrappers for the system calls that read the block/transaction/operation being applied and verify
// merkle roots (102, 104, 111, 503).
//
// The getters answer the raw serialized koinos.protocol message (field 1 of the result): a contract
// decodes the few fields it needs with pb::Reader instead of the SDK decoding whole blocks.
#pragma once

#include "modchain/sdk/system_calls.hpp"

namespace modchain::sdk {

/// The transaction being applied, serialized koinos.protocol.transaction (102; internal_error 100 when
/// there is none, which only kernel-mode callers see as a value).
inline Result<Bytes> get_transaction() {
  return detail::to_result<Bytes>(detail::invoke_empty(syscall::k_get_transaction), detail::value_bytes);
}

/// The block being applied, serialized koinos.protocol.block (104).
inline Result<Bytes> get_block() {
  return detail::to_result<Bytes>(detail::invoke_empty(syscall::k_get_block), detail::value_bytes);
}

/// The operation being applied, serialized koinos.protocol.operation (111; operation_not_found -104
/// outside an operation).
inline Result<Bytes> get_operation() {
  return detail::to_result<Bytes>(detail::invoke_empty(syscall::k_get_operation), detail::value_bytes);
}

/// Whether `root` (a serialized multihash) is the Koinos merkle root of the `count` serialized multihash
/// leaves at `hashes` (503).
inline Result<bool> verify_merkle_root(Bytes root, const Bytes* hashes, uint32_t count) {
  HostResult r = detail::invoke_encoded(syscall::k_verify_merkle_root, [&](pb::Writer& w) {
    w.bytes_field(1, root);
    for (uint32_t i = 0; i < count; ++i) w.bytes_field(2, hashes[i], true);
  });
  return detail::to_result<bool>(r, detail::value_bool);
}

}  // namespace modchain::sdk
