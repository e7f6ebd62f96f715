#pragma once
/// Native thunks of the Koinos system calls (koinos-protocol.md §8), one typed function each:
/// `Result<X_result> X(ExecutionContext&, const X_arguments&)`. Rows binding them to ids, privileges and
/// compute costs are in system_call_table.cpp. Thunks never change behaviour in place (new id instead).

#include "koinos/chain/chain.pb.h"
#include "modchain/kernel/execution_context.hpp"

namespace modchain::kernel::thunks {

// thunks_chain.cpp: chain facts, callbacks, block signature, nonces, resources
/// Thunk 0 `nop`.
util::Result<koinos::chain::nop_result> nop(ExecutionContext& context, const koinos::chain::nop_arguments& args);
/// Thunk 1 `get_head_info`.
util::Result<koinos::chain::get_head_info_result> get_head_info(ExecutionContext& context, const koinos::chain::get_head_info_arguments& args);
/// Thunk 8 `pre_block_callback`.
util::Result<koinos::chain::pre_block_callback_result> pre_block_callback(ExecutionContext& context, const koinos::chain::pre_block_callback_arguments& args);
/// Thunk 9 `post_block_callback`.
util::Result<koinos::chain::post_block_callback_result> post_block_callback(ExecutionContext& context, const koinos::chain::post_block_callback_arguments& args);
/// Thunk 10 `pre_transaction_callback`.
util::Result<koinos::chain::pre_transaction_callback_result> pre_transaction_callback(ExecutionContext& context, const koinos::chain::pre_transaction_callback_arguments& args);
/// Thunk 11 `post_transaction_callback`.
util::Result<koinos::chain::post_transaction_callback_result> post_transaction_callback(ExecutionContext& context, const koinos::chain::post_transaction_callback_arguments& args);
/// Thunk 12 `get_chain_id`.
util::Result<koinos::chain::get_chain_id_result> get_chain_id(ExecutionContext& context, const koinos::chain::get_chain_id_arguments& args);
/// Thunk 101 `process_block_signature`.
util::Result<koinos::chain::process_block_signature_result> process_block_signature(ExecutionContext& context, const koinos::chain::process_block_signature_arguments& args);
/// Thunk 102 `get_transaction`.
util::Result<koinos::chain::get_transaction_result> get_transaction(ExecutionContext& context, const koinos::chain::get_transaction_arguments& args);
/// Thunk 103 `get_transaction_field`.
util::Result<koinos::chain::get_transaction_field_result> get_transaction_field(ExecutionContext& context, const koinos::chain::get_transaction_field_arguments& args);
/// Thunk 104 `get_block`.
util::Result<koinos::chain::get_block_result> get_block(ExecutionContext& context, const koinos::chain::get_block_arguments& args);
/// Thunk 105 `get_block_field`.
util::Result<koinos::chain::get_block_field_result> get_block_field(ExecutionContext& context, const koinos::chain::get_block_field_arguments& args);
/// Thunk 106 `get_last_irreversible_block`.
util::Result<koinos::chain::get_last_irreversible_block_result> get_last_irreversible_block(ExecutionContext& context, const koinos::chain::get_last_irreversible_block_arguments& args);
/// Thunk 107 `get_account_nonce`.
util::Result<koinos::chain::get_account_nonce_result> get_account_nonce(ExecutionContext& context, const koinos::chain::get_account_nonce_arguments& args);
/// Thunk 108 `verify_account_nonce`.
util::Result<koinos::chain::verify_account_nonce_result> verify_account_nonce(ExecutionContext& context, const koinos::chain::verify_account_nonce_arguments& args);
/// Thunk 109 `set_account_nonce`.
util::Result<koinos::chain::set_account_nonce_result> set_account_nonce(ExecutionContext& context, const koinos::chain::set_account_nonce_arguments& args);
/// Thunk 110 `check_system_authority`.
util::Result<koinos::chain::check_system_authority_result> check_system_authority(ExecutionContext& context, const koinos::chain::check_system_authority_arguments& args);
/// Thunk 111 `get_operation`.
util::Result<koinos::chain::get_operation_result> get_operation(ExecutionContext& context, const koinos::chain::get_operation_arguments& args);
/// Thunk 201 `get_account_rc`.
util::Result<koinos::chain::get_account_rc_result> get_account_rc(ExecutionContext& context, const koinos::chain::get_account_rc_arguments& args);
/// Thunk 202 `consume_account_rc`.
util::Result<koinos::chain::consume_account_rc_result> consume_account_rc(ExecutionContext& context, const koinos::chain::consume_account_rc_arguments& args);
/// Thunk 203 `get_resource_limits`.
util::Result<koinos::chain::get_resource_limits_result> get_resource_limits(ExecutionContext& context, const koinos::chain::get_resource_limits_arguments& args);
/// Thunk 204 `consume_block_resources`.
util::Result<koinos::chain::consume_block_resources_result> consume_block_resources(ExecutionContext& context, const koinos::chain::consume_block_resources_arguments& args);

// thunks_apply.cpp: apply_block, apply_transaction and the four operations
/// Thunk 2 `apply_block`.
util::Result<koinos::chain::apply_block_result> apply_block(ExecutionContext& context, const koinos::chain::apply_block_arguments& args);
/// Thunk 3 `apply_transaction`.
util::Result<koinos::chain::apply_transaction_result> apply_transaction(ExecutionContext& context, const koinos::chain::apply_transaction_arguments& args);
/// Thunk 4 `apply_upload_contract_operation`.
util::Result<koinos::chain::apply_upload_contract_operation_result> apply_upload_contract_operation(ExecutionContext& context, const koinos::chain::apply_upload_contract_operation_arguments& args);
/// Thunk 5 `apply_call_contract_operation`.
util::Result<koinos::chain::apply_call_contract_operation_result> apply_call_contract_operation(ExecutionContext& context, const koinos::chain::apply_call_contract_operation_arguments& args);
/// Thunk 6 `apply_set_system_call_operation`.
util::Result<koinos::chain::apply_set_system_call_operation_result> apply_set_system_call_operation(ExecutionContext& context, const koinos::chain::apply_set_system_call_operation_arguments& args);
/// Thunk 7 `apply_set_system_contract_operation`.
util::Result<koinos::chain::apply_set_system_contract_operation_result> apply_set_system_contract_operation(ExecutionContext& context, const koinos::chain::apply_set_system_contract_operation_arguments& args);

// thunks_state.cpp: objects, logs, events
/// Thunk 301 `put_object`.
util::Result<koinos::chain::put_object_result> put_object(ExecutionContext& context, const koinos::chain::put_object_arguments& args);
/// Thunk 302 `remove_object`.
util::Result<koinos::chain::remove_object_result> remove_object(ExecutionContext& context, const koinos::chain::remove_object_arguments& args);
/// Thunk 303 `get_object`.
util::Result<koinos::chain::get_object_result> get_object(ExecutionContext& context, const koinos::chain::get_object_arguments& args);
/// Thunk 304 `get_next_object`.
util::Result<koinos::chain::get_next_object_result> get_next_object(ExecutionContext& context, const koinos::chain::get_next_object_arguments& args);
/// Thunk 305 `get_prev_object`.
util::Result<koinos::chain::get_prev_object_result> get_prev_object(ExecutionContext& context, const koinos::chain::get_prev_object_arguments& args);
/// Thunk 401 `log`.
util::Result<koinos::chain::log_result> log_(ExecutionContext& context, const koinos::chain::log_arguments& args);
/// Thunk 402 `event`.
util::Result<koinos::chain::event_result> event_(ExecutionContext& context, const koinos::chain::event_arguments& args);

// thunks_crypto.cpp: hashing, signatures, merkle roots
/// Thunk 501 `hash`.
util::Result<koinos::chain::hash_result> hash_(ExecutionContext& context, const koinos::chain::hash_arguments& args);
/// Thunk 502 `recover_public_key`.
util::Result<koinos::chain::recover_public_key_result> recover_public_key(ExecutionContext& context, const koinos::chain::recover_public_key_arguments& args);
/// Thunk 503 `verify_merkle_root`.
util::Result<koinos::chain::verify_merkle_root_result> verify_merkle_root(ExecutionContext& context, const koinos::chain::verify_merkle_root_arguments& args);
/// Thunk 504 `verify_signature`.
util::Result<koinos::chain::verify_signature_result> verify_signature(ExecutionContext& context, const koinos::chain::verify_signature_arguments& args);
/// Thunk 505 `verify_vrf_proof`.
util::Result<koinos::chain::verify_vrf_proof_result> verify_vrf_proof(ExecutionContext& context, const koinos::chain::verify_vrf_proof_arguments& args);

// thunks_contract.cpp: call/exit, arguments, caller, check_authority
/// Thunk 601 `call`.
util::Result<koinos::chain::call_result> call_(ExecutionContext& context, const koinos::chain::call_arguments& args);
/// Thunk 602 `exit`.
util::Result<koinos::chain::exit_result> exit_(ExecutionContext& context, const koinos::chain::exit_arguments& args);
/// Thunk 603 `get_arguments`.
util::Result<koinos::chain::get_arguments_result> get_arguments(ExecutionContext& context, const koinos::chain::get_arguments_arguments& args);
/// Thunk 604 `get_contract_id`.
util::Result<koinos::chain::get_contract_id_result> get_contract_id(ExecutionContext& context, const koinos::chain::get_contract_id_arguments& args);
/// Thunk 605 `get_caller`.
util::Result<koinos::chain::get_caller_result> get_caller(ExecutionContext& context, const koinos::chain::get_caller_arguments& args);
/// Thunk 606 `check_authority`.
util::Result<koinos::chain::check_authority_result> check_authority(ExecutionContext& context, const koinos::chain::check_authority_arguments& args);

}  // namespace modchain::kernel::thunks

namespace modchain::kernel::thunks {
/// Strict UTF-8 check (no overlongs, no surrogates) used by log, event and exit messages.
bool is_valid_utf8(std::string_view text);
}  // namespace modchain::kernel::thunks
