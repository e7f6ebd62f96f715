#include "modchain/util/error.hpp"

namespace modchain::util {

const char* error_code_name(ErrorCode code) noexcept {
  switch (code) {
#define MODCHAIN_ERROR_NAME(name) \
  case ErrorCode::name:           \
    return #name;
    MODCHAIN_ERROR_NAME(success)
    MODCHAIN_ERROR_NAME(reversion)
    MODCHAIN_ERROR_NAME(internal_error)
    MODCHAIN_ERROR_NAME(system_authorization_failure)
    MODCHAIN_ERROR_NAME(invalid_contract)
    MODCHAIN_ERROR_NAME(insufficient_privileges)
    MODCHAIN_ERROR_NAME(insufficient_rc)
    MODCHAIN_ERROR_NAME(insufficient_return_buffer)
    MODCHAIN_ERROR_NAME(unknown_thunk)
    MODCHAIN_ERROR_NAME(unknown_operation)
    MODCHAIN_ERROR_NAME(read_only_context)
    MODCHAIN_ERROR_NAME(failure)
    MODCHAIN_ERROR_NAME(field_not_found)
    MODCHAIN_ERROR_NAME(unknown_hash_code)
    MODCHAIN_ERROR_NAME(unknown_dsa)
    MODCHAIN_ERROR_NAME(unknown_system_call)
    MODCHAIN_ERROR_NAME(operation_not_found)
    MODCHAIN_ERROR_NAME(authorization_failure)
    MODCHAIN_ERROR_NAME(invalid_nonce)
    MODCHAIN_ERROR_NAME(invalid_signature)
    MODCHAIN_ERROR_NAME(malformed_block)
    MODCHAIN_ERROR_NAME(malformed_transaction)
    MODCHAIN_ERROR_NAME(block_resource_failure)
    MODCHAIN_ERROR_NAME(pending_transaction_limit_exceeded)
    MODCHAIN_ERROR_NAME(unknown_backend)
    MODCHAIN_ERROR_NAME(unexpected_state)
    MODCHAIN_ERROR_NAME(missing_required_arguments)
    MODCHAIN_ERROR_NAME(unknown_previous_block)
    MODCHAIN_ERROR_NAME(unexpected_height)
    MODCHAIN_ERROR_NAME(block_state_error)
    MODCHAIN_ERROR_NAME(state_merkle_mismatch)
    MODCHAIN_ERROR_NAME(unexpected_receipt)
    MODCHAIN_ERROR_NAME(rpc_failure)
    MODCHAIN_ERROR_NAME(pending_state_error)
    MODCHAIN_ERROR_NAME(timestamp_out_of_bounds)
    MODCHAIN_ERROR_NAME(indexer_failure)
    MODCHAIN_ERROR_NAME(network_bandwidth_limit_exceeded)
    MODCHAIN_ERROR_NAME(compute_bandwidth_limit_exceeded)
    MODCHAIN_ERROR_NAME(disk_storage_limit_exceeded)
    MODCHAIN_ERROR_NAME(pre_irreversibility_block)
    MODCHAIN_ERROR_NAME(invalid_encoding)
    MODCHAIN_ERROR_NAME(invalid_argument)
    MODCHAIN_ERROR_NAME(io_error)
    MODCHAIN_ERROR_NAME(not_found)
#undef MODCHAIN_ERROR_NAME
  }
  return "unknown";
}

std::string Error::describe() const {
  return message + " (" + error_code_name(code) + " " + std::to_string(static_cast<int32_t>(code)) + ")";
}

}  // namespace modchain::util
