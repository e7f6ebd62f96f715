// The four operations (koinos-protocol.md §7.3, §8 rows 4–7).
#include "modchain/kernel/state_keys.hpp"
#include "modchain/kernel/system_call_table.hpp"
#include "modchain/kernel/thunks.hpp"

namespace modchain::kernel::thunks {
namespace {

using util::ErrorCode;
namespace kc = koinos::chain;

util::Status require_writable(const ExecutionContext& context) {
  if (context.intent() == Intent::read_only) return kernel_error(ErrorCode::read_only_context, "read-only context");
  return {};
}

util::Status put_system(ExecutionContext& context, kc::system_space_id space, const std::string& key,
                        std::string value) {
  kc::put_object_arguments put;
  put.mutable_space()->set_system(true);
  put.mutable_space()->set_id(space);
  put.set_key(key);
  put.set_obj(std::move(value));
  auto done = context.system_call(kc::put_object, protocol::serialize_to_string(put));
  if (!done.ok()) return done.error();
  return {};
}

util::Status emit(ExecutionContext& context, const std::string& name, const google::protobuf::Message& data) {
  kc::event_arguments event;
  event.set_name(name);
  event.set_data(protocol::serialize_to_string(data));
  auto done = context.system_call(kc::event, protocol::serialize_to_string(event));
  if (!done.ok()) return done.error();
  return {};
}

util::Status require_system_authority(ExecutionContext& context) {
  auto authorized = call_system<kc::check_system_authority_result>(context, kc::check_system_authority,
                                                                    kc::check_system_authority_arguments{});
  if (!authorized.ok()) return authorized.error();
  if (!authorized.value().value()) {
    return kernel_error(ErrorCode::system_authorization_failure, "system authority required");
  }
  return {};
}

util::Result<std::optional<kc::contract_metadata_object>> existing_contract(ExecutionContext& context,
                                                                            const std::string& id) {
  auto code = context.state().get_object(system_space(kc::contract_bytecode), util::as_bytes(id));
  auto meta = context.state().get_object(system_space(kc::contract_metadata), util::as_bytes(id));
  if (!code.ok()) return code.error();
  if (!meta.ok()) return meta.error();
  if (!code.value() || !meta.value()) return std::optional<kc::contract_metadata_object>{};
  kc::contract_metadata_object metadata;
  (void)metadata.ParseFromArray(meta.value()->data(), static_cast<int>(meta.value()->size()));
  return std::optional<kc::contract_metadata_object>{std::move(metadata)};
}

}  // namespace

util::Result<kc::apply_upload_contract_operation_result> apply_upload_contract_operation(
    ExecutionContext& context, const kc::apply_upload_contract_operation_arguments& args) {
  MODCHAIN_TRY_STATUS(require_writable(context));
  const auto& op = args.op();
  kc::check_authority_arguments check;
  check.set_type(kc::contract_upload);
  check.set_account(op.contract_id());
  KERNEL_TRY_ASSIGN(authorized, call_system<kc::check_authority_result>(context, kc::check_authority, check));
  if (!authorized.value()) return kernel_error(ErrorCode::authorization_failure, "upload of contract not authorized");
  kc::contract_metadata_object metadata;
  auto old = context.state().get_object(system_space(kc::contract_metadata), util::as_bytes(op.contract_id()));
  if (!old.ok()) return old.error();
  if (old.value()) (void)metadata.ParseFromArray(old.value()->data(), static_cast<int>(old.value()->size()));
  KERNEL_TRY_ASSIGN(code, context.block_hash_code());
  KERNEL_TRY_ASSIGN(hash, crypto::multihash(code, util::as_bytes(op.bytecode())));
  metadata.set_hash(util::to_string(hash.to_bytes()));
  metadata.set_authorizes_call_contract(op.authorizes_call_contract());
  metadata.set_authorizes_transaction_application(op.authorizes_transaction_application());
  metadata.set_authorizes_upload_contract(op.authorizes_upload_contract());
  MODCHAIN_TRY_STATUS(put_system(context, kc::contract_bytecode, op.contract_id(), op.bytecode()));
  MODCHAIN_TRY_STATUS(put_system(context, kc::contract_metadata, op.contract_id(),
                                 protocol::serialize_to_string(metadata)));
  return kc::apply_upload_contract_operation_result{};
}

util::Result<kc::apply_call_contract_operation_result> apply_call_contract_operation(
    ExecutionContext& context, const kc::apply_call_contract_operation_arguments& args) {
  MODCHAIN_TRY_STATUS(require_writable(context));
  context.top_frame().privilege = Privilege::user_mode;
  kc::call_arguments call;
  call.set_contract_id(args.op().contract_id());
  call.set_entry_point(args.op().entry_point());
  call.set_args(args.op().args());
  auto done = context.system_call(kc::call, protocol::serialize_to_string(call));
  if (!done.ok()) {
    util::Error error = done.error();
    const bool block_limit = error.code == ErrorCode::compute_bandwidth_limit_exceeded ||
                             error.code == ErrorCode::network_bandwidth_limit_exceeded ||
                             error.code == ErrorCode::disk_storage_limit_exceeded;
    if (util::is_failure(error.code) && !block_limit) error.code = ErrorCode::reversion;
    return error;
  }
  return kc::apply_call_contract_operation_result{};
}

util::Result<kc::apply_set_system_call_operation_result> apply_set_system_call_operation(
    ExecutionContext& context, const kc::apply_set_system_call_operation_arguments& args) {
  MODCHAIN_TRY_STATUS(require_writable(context));
  MODCHAIN_TRY_STATUS(require_system_authority(context));
  const auto& op = args.op();
  if (op.target().has_system_call_bundle()) {
    KERNEL_TRY_ASSIGN(contract, existing_contract(context, op.target().system_call_bundle().contract_id()));
    if (!contract || !contract->system()) {
      return kernel_error(ErrorCode::invalid_contract, "override target must be an existing system contract");
    }
    if (op.call_id() == kc::call) return reversion("the call system call cannot be overridden by a contract");
  } else {
    const SystemCallRow* row = find_system_call(op.target().thunk_id());
    if (!op.target().has_thunk_id() || row == nullptr || row->handler == nullptr) {
      return kernel_error(ErrorCode::unknown_thunk, "override target thunk does not exist");
    }
  }
  MODCHAIN_TRY_STATUS(put_system(context, kc::system_call_dispatch, be32(op.call_id()),
                                 protocol::serialize_to_string(op.target())));
  kc::set_system_call_event event;
  event.set_call_id(op.call_id());
  *event.mutable_target() = op.target();
  MODCHAIN_TRY_STATUS(emit(context, "koinos.chain.set_system_call_event", event));
  return kc::apply_set_system_call_operation_result{};
}

util::Result<kc::apply_set_system_contract_operation_result> apply_set_system_contract_operation(
    ExecutionContext& context, const kc::apply_set_system_contract_operation_arguments& args) {
  MODCHAIN_TRY_STATUS(require_writable(context));
  MODCHAIN_TRY_STATUS(require_system_authority(context));
  const auto& op = args.op();
  KERNEL_TRY_ASSIGN(contract, existing_contract(context, op.contract_id()));
  if (!contract || contract->hash().empty()) return kernel_error(ErrorCode::invalid_contract, "contract does not exist");
  contract->set_system(op.system_contract());
  MODCHAIN_TRY_STATUS(put_system(context, kc::contract_metadata, op.contract_id(),
                                 protocol::serialize_to_string(*contract)));
  kc::set_system_contract_event event;
  event.set_contract_id(op.contract_id());
  event.set_system_contract(op.system_contract());
  MODCHAIN_TRY_STATUS(emit(context, "koinos.chain.set_system_contract_event", event));
  return kc::apply_set_system_contract_operation_result{};
}

}  // namespace modchain::kernel::thunks
