#pragma once
/// Receipt building (koinos-protocol.md §2, §10.3, §12.2 step 12, §12.3 step 4).

#include <string>
#include <vector>

#include "koinos/protocol/protocol.pb.h"
#include "modchain/kernel/resource_meter.hpp"
#include "modchain/state_db/state_node.hpp"

namespace modchain::kernel {

/// Everything a transaction receipt is made of.
struct TransactionReceiptInput {
  const koinos::protocol::transaction* transaction = nullptr;
  uint64_t max_payer_rc = 0;  ///< get_account_rc(payer) before execution
  RcScopeSummary rc;
  ResourceUsage used;         ///< meter deltas during the transaction
  bool reverted = false;
  std::vector<koinos::protocol::event_data> events;  ///< dropped when reverted
  std::vector<std::string> logs;
};

/// The receipt; state_delta_entries are `node`'s cumulative delta so far (the reference's quirk).
util::Result<koinos::protocol::transaction_receipt> build_transaction_receipt(const state_db::StateNode& node,
                                                                              TransactionReceiptInput input);

/// Appends `node`'s delta entries to a repeated state_delta_entry field.
util::Status append_delta_entries(const state_db::StateNode& node,
                                  google::protobuf::RepeatedPtrField<koinos::protocol::state_delta_entry>& out);

}  // namespace modchain::kernel
