// apply_block and apply_transaction (koinos-protocol.md §10.3, §10.4, §11, §12.2, §12.3).
#include "modchain/kernel/receipts.hpp"
#include "modchain/kernel/state_keys.hpp"
#include "modchain/kernel/thunks.hpp"
#include "modchain/protocol/ids.hpp"

namespace modchain::kernel::thunks {
namespace {

using util::ErrorCode;
namespace kc = koinos::chain;
namespace kp = koinos::protocol;

template <class Res, class Args>
util::Result<bool> call_bool(ExecutionContext& context, uint32_t id, const Args& args) {
  auto result = call_system<Res>(context, id, args);
  if (!result.ok()) return result.error();
  return result.value().value();
}

util::Status check_authority_of(ExecutionContext& context, const std::string& account) {
  kc::check_authority_arguments check;
  check.set_type(kc::transaction_application);
  check.set_account(account);
  KERNEL_TRY_ASSIGN(ok, call_bool<kc::check_authority_result>(context, kc::check_authority, check));
  if (!ok) return kernel_error(ErrorCode::authorization_failure, "transaction not authorized by account");
  return {};
}

util::Status check_operation_root(ExecutionContext& context, const kp::transaction& trx) {
  auto root = crypto::Multihash::from_bytes(util::as_bytes(trx.header().operation_merkle_root()));
  KERNEL_TRY_ASSIGN(code, context.block_hash_code());
  if (!root.ok() || root.value().code != code) {
    return kernel_error(ErrorCode::malformed_transaction, "operation merkle root has the wrong hash code");
  }
  kc::verify_merkle_root_arguments verify;
  verify.set_root(trx.header().operation_merkle_root());
  for (const auto& op : trx.operations()) *verify.add_hashes() = util::to_string(protocol::operation_leaf(op).to_bytes());
  KERNEL_TRY_ASSIGN(ok, call_bool<kc::verify_merkle_root_result>(context, kc::verify_merkle_root, verify));
  if (!ok) return kernel_error(ErrorCode::malformed_transaction, "operation merkle root mismatch");
  return {};
}

util::Status check_nonce(ExecutionContext& context, const kp::transaction& trx) {
  const auto& header = trx.header();
  const bool payee_pays_nonce = !header.payee().empty() && header.payee() != header.payer();
  kc::verify_account_nonce_arguments verify;
  verify.set_account(payee_pays_nonce ? header.payee() : header.payer());
  verify.set_nonce(header.nonce());
  KERNEL_TRY_ASSIGN(ok, call_bool<kc::verify_account_nonce_result>(context, kc::verify_account_nonce, verify));
  if (!ok) return kernel_error(ErrorCode::invalid_nonce, "invalid transaction nonce");
  kc::set_account_nonce_arguments set;
  set.set_account(verify.account());
  set.set_nonce(header.nonce());
  auto done = context.system_call(kc::set_account_nonce, protocol::serialize_to_string(set));
  if (!done.ok()) return done.error();
  return {};
}

// §12.3 step 2; writes go to the block node and persist even if the transaction later reverts.
util::Status precheck(ExecutionContext& context, const kp::transaction& trx, uint64_t& payer_rc) {
  const auto& header = trx.header();
  kc::get_account_rc_arguments rc_args;
  rc_args.set_account(header.payer());
  KERNEL_TRY_ASSIGN(rc, call_system<kc::get_account_rc_result>(context, kc::get_account_rc, rc_args));
  payer_rc = rc.value();
  if (payer_rc < header.rc_limit()) {
    return kernel_error(ErrorCode::insufficient_rc, "payer rc " + std::to_string(payer_rc) + " is below rc_limit " +
                                                        std::to_string(header.rc_limit()));
  }
  KERNEL_TRY_ASSIGN(chain, call_system<kc::get_chain_id_result>(context, kc::get_chain_id, kc::get_chain_id_arguments{}));
  if (chain.value() != header.chain_id()) return kernel_error(ErrorCode::malformed_transaction, "wrong chain id");
  if (util::to_string(protocol::transaction_id(header).to_bytes()) != trx.id()) {
    return kernel_error(ErrorCode::malformed_transaction, "transaction id mismatch");
  }
  MODCHAIN_TRY_STATUS(check_operation_root(context, trx));
  MODCHAIN_TRY_STATUS(check_authority_of(context, header.payer()));
  if (!header.payee().empty() && header.payee() != header.payer()) {
    MODCHAIN_TRY_STATUS(check_authority_of(context, header.payee()));
  }
  MODCHAIN_TRY_STATUS(check_nonce(context, trx));
  return context.meter().use_network_bandwidth(static_cast<int64_t>(protocol::serialized_size(trx)));
}

template <class Args>
util::Status apply_operation(ExecutionContext& context, uint32_t id, Args args) {
  auto done = context.system_call(id, protocol::serialize_to_string(args));
  if (!done.ok()) return done.error();
  return {};
}

util::Status dispatch_operation(ExecutionContext& context, const kp::operation& op) {
  switch (op.op_case()) {
    case kp::operation::kUploadContract: {
      kc::apply_upload_contract_operation_arguments args;
      *args.mutable_op() = op.upload_contract();
      return apply_operation(context, kc::apply_upload_contract_operation, std::move(args));
    }
    case kp::operation::kCallContract: {
      kc::apply_call_contract_operation_arguments args;
      *args.mutable_op() = op.call_contract();
      return apply_operation(context, kc::apply_call_contract_operation, std::move(args));
    }
    case kp::operation::kSetSystemCall: {
      kc::apply_set_system_call_operation_arguments args;
      *args.mutable_op() = op.set_system_call();
      return apply_operation(context, kc::apply_set_system_call_operation, std::move(args));
    }
    case kp::operation::kSetSystemContract: {
      kc::apply_set_system_contract_operation_arguments args;
      *args.mutable_op() = op.set_system_contract();
      return apply_operation(context, kc::apply_set_system_contract_operation, std::move(args));
    }
    default: return kernel_error(ErrorCode::unknown_operation, "unknown operation");
  }
}

// §12.3 step 3: callbacks and operations in an anonymous node.
util::Status run_operations(ExecutionContext& context, const kp::transaction& trx) {
  MODCHAIN_TRY_STATUS(apply_operation(context, kc::pre_transaction_callback, kc::pre_transaction_callback_arguments{}));
  for (const auto& op : trx.operations()) {
    context.set_operation(&op);
    auto status = dispatch_operation(context, op);
    context.set_operation(nullptr);
    MODCHAIN_TRY_STATUS(status);
  }
  return apply_operation(context, kc::post_transaction_callback, kc::post_transaction_callback_arguments{});
}

// Runs the operation phase; returns the reversion (if any) or a failure.
util::Result<std::optional<util::Error>> operation_phase(ExecutionContext& context, const kp::transaction& trx) {
  const auto base = context.state();
  KERNEL_TRY_ASSIGN(anonymous, base.create_anonymous_node());
  context.set_state(anonymous);
  auto status = run_operations(context, trx);
  context.set_state(base);
  if (status.ok()) {
    MODCHAIN_TRY_STATUS(anonymous.commit());
    return std::optional<util::Error>{};
  }
  (void)anonymous.discard();
  if (util::is_failure(status.error().code)) return status.error();
  context.add_log("transaction reverted: " + status.error().message);
  return std::optional<util::Error>{status.error()};
}

util::Error as_failure(util::Error error) {
  if (util::is_reversion(error.code)) {
    error.message += std::string(" (") + util::error_code_name(error.code) + " in transaction pre-check)";
    error.code = ErrorCode::failure;
  }
  return error;
}

ResourceUsage difference(const ResourceUsage& after, const ResourceUsage& before) {
  return {after.disk_storage - before.disk_storage, after.network_bandwidth - before.network_bandwidth,
          after.compute_bandwidth - before.compute_bandwidth};
}

}  // namespace

util::Result<kc::apply_transaction_result> apply_transaction(ExecutionContext& context,
                                                             const kc::apply_transaction_arguments& args) {
  if (context.intent() == Intent::read_only) return kernel_error(ErrorCode::read_only_context, "read-only context");
  const kp::transaction& trx = args.transaction();
  auto& meter = context.meter();
  const ResourceUsage start = meter.used();
  context.set_transaction(&trx);
  meter.begin_rc_scope(trx.header().rc_limit());
  uint64_t payer_rc = 0;
  if (auto pre = precheck(context, trx, payer_rc); !pre.ok()) {
    meter.end_rc_scope();
    (void)context.take_transaction_events();
    (void)context.take_transaction_logs();
    context.set_transaction(nullptr);
    return as_failure(pre.error());
  }
  auto reverted = operation_phase(context, trx);
  const RcScopeSummary rc = meter.end_rc_scope();
  auto events = context.take_transaction_events();
  auto logs = context.take_transaction_logs();
  context.set_transaction(nullptr);
  if (!reverted.ok()) return reverted.error();
  const ResourceUsage used = difference(meter.used(), start);
  kc::consume_account_rc_arguments consume;
  consume.set_account(trx.header().payer());
  consume.set_value(rc.rc_used);
  KERNEL_TRY_ASSIGN(consumed, call_bool<kc::consume_account_rc_result>(context, kc::consume_account_rc, consume));
  if (!consumed) return kernel_error(ErrorCode::failure, "consume_account_rc refused the transaction's rc");
  TransactionReceiptInput input{&trx, payer_rc, rc, used, reverted.value().has_value(), std::move(events),
                                std::move(logs)};
  KERNEL_TRY_ASSIGN(receipt, build_transaction_receipt(context.state(), std::move(input)));
  *context.block_receipt().add_transaction_receipts() = std::move(receipt);
  if (reverted.value()) return *reverted.value();
  return kc::apply_transaction_result{};
}

}  // namespace modchain::kernel::thunks
