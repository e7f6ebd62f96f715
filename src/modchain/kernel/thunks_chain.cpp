// Chain facts, callbacks, the native block signature and system authority, nonces and resources
// (koinos-protocol.md §8 rows 0–12, 101–111, 201–204).
#include "modchain/crypto/secp256k1.hpp"
#include "modchain/kernel/field_access.hpp"
#include "modchain/protocol/ids.hpp"
#include "modchain/kernel/state_keys.hpp"
#include "modchain/kernel/thunks.hpp"

namespace modchain::kernel::thunks {
namespace {

using util::ErrorCode;
namespace kc = koinos::chain;

util::Result<std::string> required_metadata(ExecutionContext& context, std::string_view name) {
  auto value = context.read_metadata(name);
  if (!value.ok()) return value.error();
  if (!value.value()) return kernel_error(ErrorCode::unexpected_state, "metadata " + std::string(name) + " missing");
  return *value.value();
}

util::Result<uint64_t> parse_nonce(const std::string& bytes) {
  kc::value_type value;
  if (!value.ParseFromString(bytes) || value.kind_case() != kc::value_type::kUint64Value) {
    return kernel_error(ErrorCode::invalid_nonce, "nonce is not a value_type with uint64_value");
  }
  return value.uint64_value();
}

util::Result<std::string> stored_nonce(ExecutionContext& context, const std::string& account) {
  auto stored = context.state().get_object(system_space(kc::transaction_nonce), util::as_bytes(account));
  if (!stored.ok()) return stored.error();
  return stored.value() ? util::to_string(*stored.value()) : default_nonce();
}

}  // namespace

util::Result<kc::nop_result> nop(ExecutionContext&, const kc::nop_arguments&) { return kc::nop_result{}; }

util::Result<kc::get_head_info_result> get_head_info(ExecutionContext& context, const kc::get_head_info_arguments&) {
  kc::get_head_info_result result;
  auto* info = result.mutable_value();
  const auto& node = context.state();
  info->mutable_head_topology()->set_id(util::to_string(node.id()));
  info->mutable_head_topology()->set_previous(util::to_string(node.parent_id()));
  info->mutable_head_topology()->set_height(node.revision());
  if (context.block() != nullptr) {
    info->set_head_block_time(context.block()->header().timestamp());
  } else {
    KERNEL_TRY_ASSIGN(head, context.read_metadata("head_block"));
    koinos::protocol::block block;
    if (head && block.ParseFromString(*head)) info->set_head_block_time(block.header().timestamp());
  }
  KERNEL_TRY_ASSIGN(lib, call_system<kc::get_last_irreversible_block_result>(
                             context, kc::get_last_irreversible_block, kc::get_last_irreversible_block_arguments{}));
  info->set_last_irreversible_block(lib.value());
  return result;
}

util::Result<kc::pre_block_callback_result> pre_block_callback(ExecutionContext&,
                                                               const kc::pre_block_callback_arguments&) {
  return kc::pre_block_callback_result{};
}

util::Result<kc::post_block_callback_result> post_block_callback(ExecutionContext&,
                                                                 const kc::post_block_callback_arguments&) {
  return kc::post_block_callback_result{};
}

util::Result<kc::pre_transaction_callback_result> pre_transaction_callback(
    ExecutionContext&, const kc::pre_transaction_callback_arguments&) {
  return kc::pre_transaction_callback_result{};
}

util::Result<kc::post_transaction_callback_result> post_transaction_callback(
    ExecutionContext&, const kc::post_transaction_callback_arguments&) {
  return kc::post_transaction_callback_result{};
}

util::Result<kc::get_chain_id_result> get_chain_id(ExecutionContext& context, const kc::get_chain_id_arguments&) {
  KERNEL_TRY_ASSIGN(id, required_metadata(context, "chain_id"));
  kc::get_chain_id_result result;
  result.set_value(std::move(id));
  return result;
}

util::Result<kc::process_block_signature_result> process_block_signature(
    ExecutionContext& context, const kc::process_block_signature_arguments& args) {
  KERNEL_TRY_ASSIGN(genesis_key, required_metadata(context, "genesis_key"));
  auto key = crypto::recover_compact_multihash(util::as_bytes(args.signature()), util::as_bytes(args.digest()));
  if (!key.ok()) return key.error();
  kc::process_block_signature_result result;
  result.set_value(util::to_string(key.value().address().view()) == genesis_key);
  return result;
}

util::Result<kc::get_transaction_result> get_transaction(ExecutionContext& context, const kc::get_transaction_arguments&) {
  if (context.transaction() == nullptr) return kernel_error(ErrorCode::internal_error, "no current transaction");
  kc::get_transaction_result result;
  *result.mutable_value() = *context.transaction();
  return result;
}

util::Result<kc::get_transaction_field_result> get_transaction_field(ExecutionContext& context,
                                                                     const kc::get_transaction_field_arguments& args) {
  if (context.transaction() == nullptr) return kernel_error(ErrorCode::internal_error, "no current transaction");
  KERNEL_TRY_ASSIGN(value, message_field(*context.transaction(), args.field()));
  kc::get_transaction_field_result result;
  *result.mutable_value() = std::move(value);
  return result;
}

util::Result<kc::get_block_result> get_block(ExecutionContext& context, const kc::get_block_arguments&) {
  if (context.block() == nullptr) return kernel_error(ErrorCode::internal_error, "no current block");
  kc::get_block_result result;
  *result.mutable_value() = *context.block();
  return result;
}

util::Result<kc::get_block_field_result> get_block_field(ExecutionContext& context,
                                                         const kc::get_block_field_arguments& args) {
  if (context.block() == nullptr) return kernel_error(ErrorCode::internal_error, "no current block");
  KERNEL_TRY_ASSIGN(value, message_field(*context.block(), args.field()));
  kc::get_block_field_result result;
  *result.mutable_value() = std::move(value);
  return result;
}

util::Result<kc::get_last_irreversible_block_result> get_last_irreversible_block(
    ExecutionContext& context, const kc::get_last_irreversible_block_arguments&) {
  const uint64_t height = context.state().revision();
  kc::get_last_irreversible_block_result result;
  result.set_value(height > 60 ? height - 60 : 0);
  return result;
}

util::Result<kc::get_account_nonce_result> get_account_nonce(ExecutionContext& context,
                                                             const kc::get_account_nonce_arguments& args) {
  KERNEL_TRY_ASSIGN(nonce, stored_nonce(context, args.account()));
  kc::get_account_nonce_result result;
  result.set_value(std::move(nonce));
  return result;
}

util::Result<kc::verify_account_nonce_result> verify_account_nonce(ExecutionContext& context,
                                                                   const kc::verify_account_nonce_arguments& args) {
  KERNEL_TRY_ASSIGN(proposed, parse_nonce(args.nonce()));
  KERNEL_TRY_ASSIGN(current_bytes, stored_nonce(context, args.account()));
  KERNEL_TRY_ASSIGN(current, parse_nonce(current_bytes));
  if (context.intent() == Intent::transaction_application && context.pending_nonces()) {
    if (auto pending = context.pending_nonces()(args.account())) current = *pending;
  }
  kc::verify_account_nonce_result result;
  result.set_value(current != UINT64_MAX && proposed == current + 1);
  return result;
}

util::Result<kc::set_account_nonce_result> set_account_nonce(ExecutionContext& context,
                                                             const kc::set_account_nonce_arguments& args) {
  if (context.intent() == Intent::read_only) return kernel_error(ErrorCode::read_only_context, "read-only context");
  KERNEL_TRY_ASSIGN(parsed, parse_nonce(args.nonce()));
  (void)parsed;
  auto delta = context.state().put_object(system_space(kc::transaction_nonce), util::as_bytes(args.account()),
                                          util::as_bytes(args.nonce()));
  if (!delta.ok()) return delta.error();
  MODCHAIN_TRY_STATUS(context.meter().use_disk_storage(delta.value()));
  return kc::set_account_nonce_result{};
}

util::Result<kc::check_system_authority_result> check_system_authority(ExecutionContext& context,
                                                                       const kc::check_system_authority_arguments&) {
  const auto* trx = context.transaction();
  if (trx == nullptr) return kernel_error(ErrorCode::internal_error, "check_system_authority needs a transaction");
  KERNEL_TRY_ASSIGN(genesis_key, required_metadata(context, "genesis_key"));
  const auto digest = protocol::transaction_signing_digest(trx->header());
  kc::check_system_authority_result result;
  for (const auto& signature : trx->signatures()) {
    auto key = crypto::recover_compact(util::as_bytes(signature), digest);
    if (key.ok() && util::to_string(key.value().address().view()) == genesis_key) {
      result.set_value(true);
      break;
    }
  }
  return result;
}

util::Result<kc::get_operation_result> get_operation(ExecutionContext& context, const kc::get_operation_arguments&) {
  if (context.operation() == nullptr) return kernel_error(ErrorCode::operation_not_found, "no current operation");
  kc::get_operation_result result;
  *result.mutable_value() = *context.operation();
  return result;
}

util::Result<kc::get_account_rc_result> get_account_rc(ExecutionContext& context, const kc::get_account_rc_arguments&) {
  KERNEL_TRY_ASSIGN(bytes, required_metadata(context, "max_account_resources"));
  kc::max_account_resources max;
  (void)max.ParseFromString(bytes);
  kc::get_account_rc_result result;
  result.set_value(max.value());
  return result;
}

util::Result<kc::consume_account_rc_result> consume_account_rc(ExecutionContext&,
                                                               const kc::consume_account_rc_arguments&) {
  kc::consume_account_rc_result result;
  result.set_value(true);
  return result;
}

util::Result<kc::get_resource_limits_result> get_resource_limits(ExecutionContext& context,
                                                                 const kc::get_resource_limits_arguments&) {
  KERNEL_TRY_ASSIGN(bytes, required_metadata(context, "resource_limit_data"));
  kc::get_resource_limits_result result;
  (void)result.mutable_value()->ParseFromString(bytes);
  return result;
}

util::Result<kc::consume_block_resources_result> consume_block_resources(
    ExecutionContext&, const kc::consume_block_resources_arguments&) {
  kc::consume_block_resources_result result;
  result.set_value(true);
  return result;
}

}  // namespace modchain::kernel::thunks
