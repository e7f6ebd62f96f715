#include "modchain/kernel/execution_context.hpp"

#include "modchain/kernel/host_bridge.hpp"
#include "modchain/kernel/state_keys.hpp"
#include "modchain/kernel/system_call_table.hpp"
#include "modchain/util/varint.hpp"

#include <utility>

namespace modchain::kernel {

using util::ErrorCode;

ExecutionContext::ExecutionContext(VmRuntime runtime, Intent intent, state_db::StateNode state,
                                   state_db::StateNode parent)
    : m_runtime(runtime), m_intent(intent), m_state(std::move(state)), m_parent(std::move(parent)) {}

util::Status ExecutionContext::push_frame(Frame frame) {
  if (m_frames.size() >= k_max_stack_depth) return reversion("stack overflow");
  m_frames.push_back(std::move(frame));
  return {};
}

void ExecutionContext::pop_frame() {
  MODCHAIN_ASSERT(!m_frames.empty(), "pop_frame on an empty stack");
  m_frames.pop_back();
}

Frame& ExecutionContext::top_frame() {
  MODCHAIN_ASSERT(!m_frames.empty(), "top_frame on an empty stack");
  return m_frames.back();
}

Privilege ExecutionContext::caller_privilege() const {
  if (m_frames.size() <= 1) return Privilege::kernel_mode;
  return m_frames[m_frames.size() - 2].privilege;
}

const std::string& ExecutionContext::caller() const {
  static const std::string k_empty;
  if (m_frames.size() <= 1) return k_empty;
  return m_frames[m_frames.size() - 2].contract_id;
}

std::string ExecutionContext::current_contract_id() const {
  for (auto it = m_frames.rbegin(); it != m_frames.rend(); ++it) {
    if (!it->contract_id.empty()) return it->contract_id;
  }
  return {};
}

util::Status ExecutionContext::load_registry() {
  if (m_registry) return {};
  m_registry.emplace();
  auto bytes = m_parent.get_object(system_space(koinos::chain::metadata),
                                   util::as_bytes(metadata_key_bytes("compute_bandwidth_registry")));
  if (!bytes.ok()) return bytes.error();
  if (!bytes.value()) return {};
  koinos::chain::compute_bandwidth_registry registry;
  if (!registry.ParseFromArray(bytes.value()->data(), static_cast<int>(bytes.value()->size()))) {
    return reversion("malformed compute_bandwidth_registry");
  }
  for (const auto& entry : registry.entries()) (*m_registry)[entry.name()] = entry.compute();
  return {};
}

util::Status ExecutionContext::charge_compute(std::string_view name, uint64_t units) {
  MODCHAIN_TRY_STATUS(load_registry());
  auto it = m_registry->find(name);
  if (it == m_registry->end()) return reversion("no compute bandwidth registry entry for " + std::string(name));
  const __int128 ticks = static_cast<__int128>(it->second) * units;
  if (ticks > INT64_MAX) return kernel_error(ErrorCode::compute_bandwidth_limit_exceeded, "compute overflow");
  return m_meter.use_compute_bandwidth(static_cast<int64_t>(ticks));
}

util::Result<std::optional<koinos::protocol::system_call_target>> ExecutionContext::dispatch_override(uint32_t id) {
  if (auto it = m_overrides.find(id); it != m_overrides.end()) return it->second;
  auto bytes = m_parent.get_object(system_space(koinos::chain::system_call_dispatch), util::as_bytes(be32(id)));
  if (!bytes.ok()) return bytes.error();
  std::optional<koinos::protocol::system_call_target> target;
  if (bytes.value()) {
    koinos::protocol::system_call_target parsed;
    if (!parsed.ParseFromArray(bytes.value()->data(), static_cast<int>(bytes.value()->size()))) {
      return reversion("malformed system call dispatch entry for " + std::to_string(id));
    }
    if (parsed.target_case() != koinos::protocol::system_call_target::TARGET_NOT_SET) target = std::move(parsed);
  }
  m_overrides.emplace(id, target);
  return target;
}

util::Result<uint64_t> ExecutionContext::block_hash_code() {
  if (m_block_hash_code) return *m_block_hash_code;
  auto bytes = m_parent.get_object(system_space(koinos::chain::metadata),
                                   util::as_bytes(metadata_key_bytes("block_hash_code")));
  if (!bytes.ok()) return bytes.error();
  uint64_t code = 0x12;
  if (bytes.value()) {
    auto decoded = util::read_uvarint(*bytes.value());
    if (decoded.ok()) code = decoded.value().value;
  }
  m_block_hash_code = code;
  return code;
}

util::Result<std::optional<std::string>> ExecutionContext::read_metadata(std::string_view name) const {
  auto bytes = m_state.get_object(system_space(koinos::chain::metadata), util::as_bytes(metadata_key_bytes(name)));
  if (!bytes.ok()) return bytes.error();
  if (!bytes.value()) return std::optional<std::string>{};
  return std::optional<std::string>{util::to_string(*bytes.value())};
}

util::Result<std::string> ExecutionContext::system_call(uint32_t id, std::string_view arguments, bool from_wasm) {
  MODCHAIN_TRY_STATUS(push_frame(Frame{{}, id, Privilege::kernel_mode, {}, 0}));
  auto target = dispatch_override(id);
  util::Result<std::string> result = std::string();
  if (!target.ok()) {
    result = target.error();
  } else if (target.value() && target.value()->has_system_call_bundle()) {
    result = dispatch_bundle(target.value()->system_call_bundle(), arguments);
  } else {
    const bool overridden = target.value().has_value();
    const uint32_t thunk = overridden ? target.value()->thunk_id() : id;
    const SystemCallRow* row = find_system_call(thunk);
    if (row == nullptr || row->handler == nullptr || (!overridden && !row->genesis)) {
      result = kernel_error(ErrorCode::unknown_thunk, "system call " + std::to_string(id) + " is not enabled");
    } else {
      result = dispatch_native(thunk, arguments, from_wasm);
    }
  }
  pop_frame();
  return result;
}

util::Result<std::string> ExecutionContext::dispatch_native(uint32_t target, std::string_view arguments,
                                                            bool from_wasm) {
  const SystemCallRow* row = find_system_call(target);
  if (!row->compute_cost.empty()) MODCHAIN_TRY_STATUS(charge_compute(row->compute_cost));
  if (from_wasm) MODCHAIN_TRY_STATUS(charge_compute("deserialize_message_per_byte", arguments.size()));
  if (row->privilege == CallPrivilege::kernel_only && caller_privilege() != Privilege::kernel_mode) {
    return kernel_error(ErrorCode::insufficient_privileges,
                        "system call " + std::string(row->name) + " requires kernel mode");
  }
  return row->handler(*this, arguments);
}

util::Result<std::string> ExecutionContext::dispatch_bundle(const koinos::protocol::contract_call_bundle& bundle,
                                                            std::string_view arguments) {
  const auto id = util::as_bytes(bundle.contract_id());
  auto code = m_parent.get_object(system_space(koinos::chain::contract_bytecode), id);
  auto meta = m_parent.get_object(system_space(koinos::chain::contract_metadata), id);
  if (!code.ok()) return code.error();
  if (!meta.ok()) return meta.error();
  if (!code.value() || !meta.value()) {
    return kernel_error(ErrorCode::invalid_contract, "override contract does not exist");
  }
  koinos::chain::contract_metadata_object metadata;
  (void)metadata.ParseFromArray(meta.value()->data(), static_cast<int>(meta.value()->size()));
  return run_contract(bundle.contract_id(), bundle.entry_point(), std::string(arguments),
                      util::to_string(*code.value()),
                      metadata.system() ? Privilege::kernel_mode : Privilege::user_mode);
}

util::Result<std::string> ExecutionContext::invoke_thunk(uint32_t id, std::string_view arguments) {
  const SystemCallRow* row = find_system_call(id);
  if (row == nullptr || row->handler == nullptr) {
    return kernel_error(ErrorCode::unknown_thunk, "thunk " + std::to_string(id) + " does not exist");
  }
  MODCHAIN_TRY_STATUS(charge_compute("deserialize_message_per_byte", arguments.size()));
  return row->handler(*this, arguments);
}

util::Result<std::string> ExecutionContext::run_contract(const std::string& contract_id, uint32_t entry_point,
                                                         std::string arguments, const std::string& bytecode,
                                                         Privilege privilege) {
  MODCHAIN_TRY_STATUS(push_frame(Frame{contract_id, 0, privilege, std::move(arguments), entry_point}));
  auto result = run_module(*this, m_runtime, bytecode);
  pop_frame();
  return result;
}

void ExecutionContext::emit_event(koinos::protocol::event_data event) {
  event.set_sequence(m_event_sequence++);
  if (m_transaction != nullptr) {
    m_trx_events.push_back(std::move(event));
  } else {
    m_block_events.push_back(std::move(event));
  }
}

void ExecutionContext::add_log(std::string message) {
  if (m_meter.in_rc_scope()) {
    m_trx_logs.push_back(std::move(message));
  } else {
    m_block_logs.push_back(std::move(message));
  }
}

std::vector<koinos::protocol::event_data> ExecutionContext::take_transaction_events() {
  return std::exchange(m_trx_events, {});
}

std::vector<std::string> ExecutionContext::take_transaction_logs() { return std::exchange(m_trx_logs, {}); }

}  // namespace modchain::kernel
