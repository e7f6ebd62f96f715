#pragma once
/// The execution context (koinos-protocol.md §7.1): one per block application, mempool transaction or
/// read-only call. Holds the frame stack, the intent, the current block/transaction/operation, the
/// resource meter, the chronicler (events, logs), the single exit result slot and the parent-state caches
/// (compute registry, dispatch overrides, block hash code). Dispatch (§7.2) lives here too.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "koinos/chain/chain.pb.h"
#include "koinos/protocol/protocol.pb.h"
#include "modchain/kernel/resource_meter.hpp"
#include "modchain/kernel/types.hpp"
#include "modchain/protocol/serialization.hpp"
#include "modchain/state_db/state_node.hpp"

namespace modchain::vm {
class Engine;
class ModuleCache;
}  // namespace modchain::vm

namespace modchain::kernel {

/// The engine and module cache a context runs contracts with (owned by the controller).
struct VmRuntime {
  vm::Engine* engine = nullptr;
  vm::ModuleCache* modules = nullptr;
};

/// The context's single `exit` result slot (§9.3): never cleared, so a later `_start` that returns without
/// `exit` sees the previous value.
struct ResultSlot {
  int32_t code = 0;
  koinos::chain::result value;
};

/// Execution context. Not thread-safe; owns no threads, sockets or clocks.
class ExecutionContext {
 public:
  /// A context over `state` (the writable node) whose dispatch/caches read `parent` (§7.1).
  ExecutionContext(VmRuntime runtime, Intent intent, state_db::StateNode state, state_db::StateNode parent);

  /// Why this context runs.
  Intent intent() const noexcept { return m_intent; }
  /// The node system calls read and write (block node, or a transaction's anonymous node).
  const state_db::StateNode& state() const noexcept { return m_state; }
  state_db::StateNode& state() noexcept { return m_state; }
  /// Replaces the current node (apply_transaction switches to an anonymous node and back).
  void set_state(state_db::StateNode node) { m_state = std::move(node); }
  /// The parent block's node: source of overrides and caches.
  const state_db::StateNode& parent_state() const noexcept { return m_parent; }

  /// Current block (null outside block application).
  const koinos::protocol::block* block() const noexcept { return m_block; }
  /// Sets the current block (not owned; must outlive its use).
  void set_block(const koinos::protocol::block* block) noexcept { m_block = block; }
  /// Current transaction (null outside one).
  const koinos::protocol::transaction* transaction() const noexcept { return m_transaction; }
  /// Sets the current transaction (not owned; null to clear).
  void set_transaction(const koinos::protocol::transaction* trx) noexcept { m_transaction = trx; }
  /// Current operation (null outside one).
  const koinos::protocol::operation* operation() const noexcept { return m_operation; }
  /// Sets the current operation (not owned; null to clear).
  void set_operation(const koinos::protocol::operation* op) noexcept { m_operation = op; }

  /// Pushes a frame; the 257th frame is a "stack overflow" reversion.
  util::Status push_frame(Frame frame);
  /// Pops the top frame.
  void pop_frame();
  /// The frame stack, bottom first.
  const std::vector<Frame>& frames() const noexcept { return m_frames; }
  /// The top frame (asserts non-empty).
  Frame& top_frame();
  /// Privilege of the frame below the top (kernel if the stack has ≤ 1 frame).
  Privilege caller_privilege() const;
  /// Contract id of the frame below the top ("" if none).
  const std::string& caller() const;
  /// Contract id of the nearest frame with a non-empty contract id.
  std::string current_contract_id() const;

  /// The resource meter.
  ResourceMeter& meter() noexcept { return m_meter; }
  /// Charges `units × registry[name]` compute (unknown name → reversion).
  util::Status charge_compute(std::string_view name, uint64_t units = 1);

  /// Dispatches system call `id` (§7.2): override from the parent state, else the native thunk, else
  /// unknown_thunk. `from_wasm` adds deserialize_message_per_byte × len(arguments).
  util::Result<std::string> system_call(uint32_t id, std::string_view arguments, bool from_wasm = false);
  /// invoke_thunk from WASM: the native thunk directly, no frame, no registry charge.
  util::Result<std::string> invoke_thunk(uint32_t id, std::string_view arguments);
  /// Runs a contract's `_start` with a frame {contract_id, privilege, arguments, entry_point} and returns
  /// the exit result object (§9.3).
  util::Result<std::string> run_contract(const std::string& contract_id, uint32_t entry_point, std::string arguments,
                                         const std::string& bytecode, Privilege privilege);

  /// The exit result slot.
  ResultSlot& result_slot() noexcept { return m_result_slot; }
  /// Set by the exit thunk; consumed by the WASM bridge to stop the running contract.
  std::optional<int32_t>& exit_request() noexcept { return m_exit_request; }

  /// Emits an event (sequence assigned here; attached to the current transaction if any).
  void emit_event(koinos::protocol::event_data event);
  /// Appends a log line (transaction receipt inside an RC scope, else block receipt).
  void add_log(std::string message);
  /// Events and logs recorded outside transactions.
  const std::vector<koinos::protocol::event_data>& block_events() const noexcept { return m_block_events; }
  /// Logs recorded outside any payer RC scope.
  const std::vector<std::string>& block_logs() const noexcept { return m_block_logs; }
  /// Events and logs of the current transaction; take_* moves them out.
  std::vector<koinos::protocol::event_data> take_transaction_events();
  /// Moves the current transaction's logs out.
  std::vector<std::string> take_transaction_logs();

  /// The block receipt under construction (apply_block) with transaction receipts appended.
  koinos::protocol::block_receipt& block_receipt() noexcept { return m_block_receipt; }
  /// The mempool's pending nonces (transaction_application intent only; empty = none).
  const PendingNonceLookup& pending_nonces() const noexcept { return m_pending_nonces; }
  /// Sets the pending nonce lookup.
  void set_pending_nonces(PendingNonceLookup lookup) { m_pending_nonces = std::move(lookup); }
  /// Indices of transactions dropped in block_proposal intent.
  std::vector<size_t>& failed_transactions() noexcept { return m_failed_transactions; }

  /// Cached from the parent state: the system call dispatch override for `id` (§7.3), if any.
  util::Result<std::optional<koinos::protocol::system_call_target>> dispatch_override(uint32_t id);
  /// Cached from the parent state: the block hash code (0x12 when absent).
  util::Result<uint64_t> block_hash_code();
  /// Reads a metadata object (§5.2) from the current state.
  util::Result<std::optional<std::string>> read_metadata(std::string_view name) const;

 private:
  util::Status load_registry();
  util::Result<std::string> dispatch_native(uint32_t target, std::string_view arguments, bool from_wasm);
  util::Result<std::string> dispatch_bundle(const koinos::protocol::contract_call_bundle& bundle,
                                            std::string_view arguments);

  VmRuntime m_runtime;
  Intent m_intent;
  state_db::StateNode m_state;
  state_db::StateNode m_parent;
  const koinos::protocol::block* m_block = nullptr;
  const koinos::protocol::transaction* m_transaction = nullptr;
  const koinos::protocol::operation* m_operation = nullptr;
  std::vector<Frame> m_frames;
  ResourceMeter m_meter;
  ResultSlot m_result_slot;
  std::optional<int32_t> m_exit_request;
  uint32_t m_event_sequence = 0;
  std::vector<koinos::protocol::event_data> m_block_events;
  std::vector<std::string> m_block_logs;
  std::vector<koinos::protocol::event_data> m_trx_events;
  std::vector<std::string> m_trx_logs;
  koinos::protocol::block_receipt m_block_receipt;
  std::vector<size_t> m_failed_transactions;
  PendingNonceLookup m_pending_nonces;
  std::optional<std::map<std::string, uint64_t, std::less<>>> m_registry;
  std::unordered_map<uint32_t, std::optional<koinos::protocol::system_call_target>> m_overrides;
  std::optional<uint64_t> m_block_hash_code;
};

/// Calls system call `id` natively with a typed argument message and parses the typed result.
template <class Res, class Args>
util::Result<Res> call_system(ExecutionContext& context, uint32_t id, const Args& args) {
  auto bytes = context.system_call(id, protocol::serialize_to_string(args));
  if (!bytes.ok()) return bytes.error();
  Res result;
  if (!result.ParseFromString(bytes.value())) {
    return reversion("system call " + std::to_string(id) + " returned a malformed result");
  }
  return result;
}

}  // namespace modchain::kernel
