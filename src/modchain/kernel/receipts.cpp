#include "modchain/kernel/receipts.hpp"

#include <algorithm>

namespace modchain::kernel {
namespace {

uint64_t non_negative(int64_t value) { return static_cast<uint64_t>(std::max<int64_t>(value, 0)); }

}  // namespace

util::Status append_delta_entries(const state_db::StateNode& node,
                                  google::protobuf::RepeatedPtrField<koinos::protocol::state_delta_entry>& out) {
  auto entries = node.delta_entries();
  if (!entries.ok()) return entries.error();
  for (const auto& entry : entries.value()) {
    auto* delta = out.Add();
    delta->mutable_object_space()->set_system(entry.space.system);
    delta->mutable_object_space()->set_zone(util::to_string(entry.space.zone));
    delta->mutable_object_space()->set_id(entry.space.id);
    delta->set_key(util::to_string(entry.key));
    if (entry.value) delta->set_value(util::to_string(*entry.value));
  }
  return {};
}

util::Result<koinos::protocol::transaction_receipt> build_transaction_receipt(const state_db::StateNode& node,
                                                                              TransactionReceiptInput input) {
  koinos::protocol::transaction_receipt receipt;
  const auto& trx = *input.transaction;
  receipt.set_id(trx.id());
  receipt.set_payer(trx.header().payer());
  receipt.set_max_payer_rc(input.max_payer_rc);
  receipt.set_rc_limit(input.rc.rc_limit);
  receipt.set_rc_used(input.rc.rc_used);
  receipt.set_disk_storage_used(non_negative(input.used.disk_storage));
  receipt.set_network_bandwidth_used(non_negative(input.used.network_bandwidth));
  receipt.set_compute_bandwidth_used(non_negative(input.used.compute_bandwidth));
  receipt.set_reverted(input.reverted);
  if (!input.reverted) {
    for (auto& event : input.events) *receipt.add_events() = std::move(event);
  }
  for (auto& log : input.logs) receipt.add_logs(std::move(log));
  MODCHAIN_TRY_STATUS(append_delta_entries(node, *receipt.mutable_state_delta_entries()));
  return receipt;
}

}  // namespace modchain::kernel
