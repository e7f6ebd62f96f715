// The two host functions of the Koinos WASM ABI (koinos-protocol.md §9) and the system call ids (§8).
//
// Every system call takes a serialized `<name>_arguments` message and answers a serialized
// `<name>_result` message. The host returns 0 on success, otherwise an error code (Koinos error_code
// numbers): user-mode contracts only ever see negative codes (failures), because the host turns a
// positive code (reversion) into an abort of the calling contract; kernel-mode (system) contracts see
// both. On error the result buffer holds a serialized error_data{message} when it fits.
#pragma once

#include "modchain/sdk/bytes.hpp"

namespace modchain::sdk {

#if defined(__wasm__)
/// env.invoke_system_call: dispatches system call `id` (overrides apply). Any contract may call it.
extern "C" __attribute__((import_module("env"), import_name("invoke_system_call"))) int32_t
host_invoke_system_call(uint32_t id, uint8_t* ret, uint32_t ret_len, const uint8_t* arg, uint32_t arg_len,
                        uint32_t* bytes_written);
/// env.invoke_thunk: runs native thunk `id` directly (no override); kernel-mode callers only.
extern "C" __attribute__((import_module("env"), import_name("invoke_thunk"))) int32_t host_invoke_thunk(
    uint32_t id, uint8_t* ret, uint32_t ret_len, const uint8_t* arg, uint32_t arg_len, uint32_t* bytes_written);
#else
// Host builds (unit tests of the encoders) declare them without a definition; only code that calls them
// would fail to link.
extern "C" int32_t host_invoke_system_call(uint32_t id, uint8_t* ret, uint32_t ret_len, const uint8_t* arg,
                                           uint32_t arg_len, uint32_t* bytes_written);
extern "C" int32_t host_invoke_thunk(uint32_t id, uint8_t* ret, uint32_t ret_len, const uint8_t* arg,
                                     uint32_t arg_len, uint32_t* bytes_written);
#endif

/// System call ids (koinos.chain.system_call_id; koinos-protocol.md §8). Also the thunk ids of the
/// native implementations.
namespace syscall {
inline constexpr uint32_t k_nop = 0;
inline constexpr uint32_t k_get_head_info = 1;
inline constexpr uint32_t k_apply_block = 2;
inline constexpr uint32_t k_apply_transaction = 3;
inline constexpr uint32_t k_apply_upload_contract_operation = 4;
inline constexpr uint32_t k_apply_call_contract_operation = 5;
inline constexpr uint32_t k_apply_set_system_call_operation = 6;
inline constexpr uint32_t k_apply_set_system_contract_operation = 7;
inline constexpr uint32_t k_pre_block_callback = 8;
inline constexpr uint32_t k_post_block_callback = 9;
inline constexpr uint32_t k_pre_transaction_callback = 10;
inline constexpr uint32_t k_post_transaction_callback = 11;
inline constexpr uint32_t k_get_chain_id = 12;
inline constexpr uint32_t k_process_block_signature = 101;
inline constexpr uint32_t k_get_transaction = 102;
inline constexpr uint32_t k_get_transaction_field = 103;
inline constexpr uint32_t k_get_block = 104;
inline constexpr uint32_t k_get_block_field = 105;
inline constexpr uint32_t k_get_last_irreversible_block = 106;
inline constexpr uint32_t k_get_account_nonce = 107;
inline constexpr uint32_t k_verify_account_nonce = 108;
inline constexpr uint32_t k_set_account_nonce = 109;
inline constexpr uint32_t k_check_system_authority = 110;
inline constexpr uint32_t k_get_operation = 111;
inline constexpr uint32_t k_get_contract_metadata = 112;
inline constexpr uint32_t k_get_account_rc = 201;
inline constexpr uint32_t k_consume_account_rc = 202;
inline constexpr uint32_t k_get_resource_limits = 203;
inline constexpr uint32_t k_consume_block_resources = 204;
inline constexpr uint32_t k_put_object = 301;
inline constexpr uint32_t k_remove_object = 302;
inline constexpr uint32_t k_get_object = 303;
inline constexpr uint32_t k_get_next_object = 304;
inline constexpr uint32_t k_get_prev_object = 305;
inline constexpr uint32_t k_log = 401;
inline constexpr uint32_t k_event = 402;
inline constexpr uint32_t k_hash = 501;
inline constexpr uint32_t k_recover_public_key = 502;
inline constexpr uint32_t k_verify_merkle_root = 503;
inline constexpr uint32_t k_verify_signature = 504;
inline constexpr uint32_t k_verify_vrf_proof = 505;
inline constexpr uint32_t k_call = 601;
inline constexpr uint32_t k_exit = 602;
inline constexpr uint32_t k_get_arguments = 603;
inline constexpr uint32_t k_get_contract_id = 604;
inline constexpr uint32_t k_get_caller = 605;
inline constexpr uint32_t k_check_authority = 606;
inline constexpr uint32_t k_get_contract_name = 10000;
inline constexpr uint32_t k_get_contract_address = 10001;
}  // namespace syscall

/// Koinos error codes a contract commonly produces or checks (koinos-protocol.md §2.3).
namespace error_code {
inline constexpr int32_t k_success = 0;
inline constexpr int32_t k_reversion = 1;
inline constexpr int32_t k_internal_error = 100;
inline constexpr int32_t k_system_authorization_failure = 101;
inline constexpr int32_t k_invalid_contract = 102;
inline constexpr int32_t k_insufficient_privileges = 103;
inline constexpr int32_t k_insufficient_rc = 104;
inline constexpr int32_t k_insufficient_return_buffer = 105;
inline constexpr int32_t k_unknown_thunk = 106;
inline constexpr int32_t k_unknown_operation = 107;
inline constexpr int32_t k_read_only_context = 108;
inline constexpr int32_t k_failure = -1;
inline constexpr int32_t k_field_not_found = -100;
inline constexpr int32_t k_unknown_hash_code = -101;
inline constexpr int32_t k_unknown_dsa = -102;
inline constexpr int32_t k_unknown_system_call = -103;
inline constexpr int32_t k_operation_not_found = -104;
inline constexpr int32_t k_authorization_failure = -200;
inline constexpr int32_t k_invalid_nonce = -201;
inline constexpr int32_t k_invalid_signature = -202;
}  // namespace error_code

/// What a host call answered: its code and the bytes it wrote into the result buffer (the result
/// message on success, usually an error_data message on error).
struct HostResult {
  int32_t code = 0;  ///< 0 = success, else a Koinos error code
  Bytes output;      ///< result (or error_data) bytes, a view into the caller's buffer
};

/// Calls system call `id` with serialized arguments `args`; the result is written into `out`.
inline HostResult invoke_system_call(uint32_t id, Bytes args, MutableBytes out) {
  uint32_t written = 0;
  int32_t code = host_invoke_system_call(id, out.data, out.size, args.data, args.size, &written);
  if (written > out.size) written = 0;  // never trust a length past the buffer
  return HostResult{code, Bytes(out.data, written)};
}

/// Calls native thunk `id` directly (kernel-mode contracts only; user mode gets insufficient_privileges).
inline HostResult invoke_thunk(uint32_t id, Bytes args, MutableBytes out) {
  uint32_t written = 0;
  int32_t code = host_invoke_thunk(id, out.data, out.size, args.data, args.size, &written);
  if (written > out.size) written = 0;
  return HostResult{code, Bytes(out.data, written)};
}

}  // namespace modchain::sdk
