// apply_block (koinos-protocol.md §10.4, §12.2).
#include <algorithm>

#include "modchain/kernel/receipts.hpp"
#include "modchain/kernel/state_keys.hpp"
#include "modchain/kernel/thunks.hpp"
#include "modchain/protocol/ids.hpp"

namespace modchain::kernel::thunks {
namespace {

using util::ErrorCode;
namespace kc = koinos::chain;
namespace kp = koinos::protocol;

util::Status set_limits(ExecutionContext& context) {
  auto limits = call_system<kc::get_resource_limits_result>(context, kc::get_resource_limits,
                                                            kc::get_resource_limits_arguments{});
  if (!limits.ok()) return limits.error();
  const auto& l = limits.value().value();
  context.meter().set_limits(ResourceLimits{l.disk_storage_limit(), l.disk_storage_cost(), l.network_bandwidth_limit(),
                                            l.network_bandwidth_cost(), l.compute_bandwidth_limit(),
                                            l.compute_bandwidth_cost()});
  return {};
}

// Steps 3–7: id, transaction merkle root, system network use, signature.
util::Status validate_block(ExecutionContext& context, const kp::block& block) {
  const auto id = protocol::block_id(block.header());
  if (util::to_string(id.to_bytes()) != block.id()) return kernel_error(ErrorCode::malformed_block, "block id mismatch");
  KERNEL_TRY_ASSIGN(code, context.block_hash_code());
  auto root = crypto::Multihash::from_bytes(util::as_bytes(block.header().transaction_merkle_root()));
  if (!root.ok() || root.value().code != code) {
    return kernel_error(ErrorCode::malformed_block, "transaction merkle root has the wrong hash code");
  }
  kc::verify_merkle_root_arguments verify;
  verify.set_root(block.header().transaction_merkle_root());
  int64_t transactions_size = 0;
  for (const auto& trx : block.transactions()) {
    auto [header_leaf, signatures_leaf] = protocol::transaction_leaves(trx);
    verify.add_hashes(util::to_string(header_leaf.to_bytes()));
    verify.add_hashes(util::to_string(signatures_leaf.to_bytes()));
    transactions_size += static_cast<int64_t>(protocol::serialized_size(trx));
  }
  const auto block_size = static_cast<int64_t>(protocol::serialized_size(block));
  MODCHAIN_TRY_STATUS(context.meter().use_network_bandwidth(block_size - transactions_size));
  KERNEL_TRY_ASSIGN(verified, call_system<kc::verify_merkle_root_result>(context, kc::verify_merkle_root, verify));
  if (!verified.value()) return kernel_error(ErrorCode::malformed_block, "transaction merkle root mismatch");
  kc::process_block_signature_arguments signature;
  signature.set_digest(block.id());
  *signature.mutable_header() = block.header();
  signature.set_signature(block.signature());
  KERNEL_TRY_ASSIGN(signed_ok, call_system<kc::process_block_signature_result>(context, kc::process_block_signature,
                                                                               signature));
  if (!signed_ok.value()) return kernel_error(ErrorCode::invalid_signature, "invalid block signature");
  return {};
}

util::Status apply_transactions(ExecutionContext& context, const kp::block& block) {
  for (int i = 0; i < block.transactions_size(); ++i) {
    kc::apply_transaction_arguments args;
    *args.mutable_transaction() = block.transactions(i);
    const ResourceMeter before = context.meter();
    auto done = context.system_call(kc::apply_transaction, protocol::serialize_to_string(args));
    if (done.ok() || util::is_reversion(done.error().code)) continue;
    if (context.intent() != Intent::block_proposal) return done.error();
    // The producer drops this transaction: its resource use must not starve the rest of the dry run.
    context.meter() = before;
    context.failed_transactions().push_back(static_cast<size_t>(i));
  }
  return {};
}

// Step 12: system rc to the signer, block resources, receipt totals.
util::Status settle_block(ExecutionContext& context, const kp::block& block) {
  auto& meter = context.meter();
  kc::consume_account_rc_arguments consume;
  consume.set_account(block.header().signer());
  consume.set_value(meter.system_rc_cost());
  KERNEL_TRY_ASSIGN(paid, call_system<kc::consume_account_rc_result>(context, kc::consume_account_rc, consume));
  if (!paid.value()) return kernel_error(ErrorCode::insufficient_rc, "block signer cannot pay the system rc");
  const ResourceUsage charged = meter.used();
  kc::consume_block_resources_arguments resources;
  resources.set_disk_storage_consumed(static_cast<uint64_t>(std::max<int64_t>(charged.disk_storage, 0)));
  resources.set_network_bandwidth_consumed(static_cast<uint64_t>(charged.network_bandwidth));
  resources.set_compute_bandwidth_consumed(static_cast<uint64_t>(charged.compute_bandwidth));
  KERNEL_TRY_ASSIGN(ok, call_system<kc::consume_block_resources_result>(context, kc::consume_block_resources, resources));
  if (!ok.value()) return kernel_error(ErrorCode::failure, "consume_block_resources refused the block");
  auto& receipt = context.block_receipt();
  receipt.set_disk_storage_charged(resources.disk_storage_consumed());
  receipt.set_network_bandwidth_charged(resources.network_bandwidth_consumed());
  receipt.set_compute_bandwidth_charged(resources.compute_bandwidth_consumed());
  const ResourceUsage used = meter.used();
  receipt.set_disk_storage_used(static_cast<uint64_t>(std::max<int64_t>(used.disk_storage, 0)));
  receipt.set_network_bandwidth_used(static_cast<uint64_t>(used.network_bandwidth));
  receipt.set_compute_bandwidth_used(static_cast<uint64_t>(used.compute_bandwidth));
  return {};
}

}  // namespace

util::Result<kc::apply_block_result> apply_block(ExecutionContext& context, const kc::apply_block_arguments& args) {
  if (context.intent() != Intent::block_application && context.intent() != Intent::block_proposal) {
    return kernel_error(ErrorCode::internal_error, "apply_block needs a block application context");
  }
  const kp::block& block = args.block();
  context.set_block(&block);
  auto& receipt = context.block_receipt();
  receipt.Clear();
  receipt.set_id(block.id());
  receipt.set_height(block.header().height());
  MODCHAIN_TRY_STATUS(set_limits(context));
  MODCHAIN_TRY_STATUS(validate_block(context, block));
  auto pre = context.system_call(kc::pre_block_callback,
                                 protocol::serialize_to_string(kc::pre_block_callback_arguments{}));
  if (!pre.ok()) return pre.error();
  auto head = context.state().put_object(system_space(kc::metadata), util::as_bytes(metadata_key_bytes("head_block")),
                                         util::as_bytes(protocol::serialize_to_string(block)));
  if (!head.ok()) return head.error();
  MODCHAIN_TRY_STATUS(apply_transactions(context, block));
  auto post = context.system_call(kc::post_block_callback,
                                  protocol::serialize_to_string(kc::post_block_callback_arguments{}));
  if (!post.ok()) return post.error();
  MODCHAIN_TRY_STATUS(settle_block(context, block));
  for (const auto& event : context.block_events()) *receipt.add_events() = event;
  for (const auto& log : context.block_logs()) receipt.add_logs(log);
  MODCHAIN_TRY_STATUS(append_delta_entries(context.state(), *receipt.mutable_state_delta_entries()));
  return kc::apply_block_result{};
}

}  // namespace modchain::kernel::thunks
