#include "modchain/kernel/host_bridge.hpp"

#include <algorithm>

#include "modchain/vm/engine.hpp"
#include "modchain/vm/module_cache.hpp"

namespace modchain::kernel {
namespace {

using util::ErrorCode;

// One per contract run: syncs VM ticks with the meter at each host call and serves the call.
class HostBridge final : public vm::HostHandler {
 public:
  HostBridge(ExecutionContext& context, int64_t budget) : m_context(context), m_last_budget(budget) {}

  vm::HostResult invoke(vm::HostContext& vm_context, const vm::HostCall& call) override {
    const int64_t used = std::max<int64_t>(m_last_budget - vm_context.ticks_remaining(), 0);
    m_charged += static_cast<uint64_t>(used);
    if (auto status = m_context.meter().use_compute_bandwidth(used); !status.ok()) {
      return vm::HostResult::fail(status.error());
    }
    vm::HostResult result = serve(vm_context, call);
    m_last_budget = static_cast<int64_t>(m_context.meter().compute_bandwidth_remaining());
    vm_context.set_ticks_remaining(m_last_budget);
    return result;
  }

  uint64_t charged() const noexcept { return m_charged; }

 private:
  vm::HostResult serve(vm::HostContext& vm_context, const vm::HostCall& call) {
    const vm::MemoryView memory = vm_context.memory();
    auto arguments = memory.read(call.arg_ptr, call.arg_len);
    if (!arguments.ok()) return vm::HostResult::fail(arguments.error());
    const std::string args = util::to_string(arguments.value());
    const Privilege privilege = m_context.top_frame().privilege;
    util::Result<std::string> result = std::string();
    if (call.function == vm::HostFunction::invoke_thunk) {
      if (privilege != Privilege::kernel_mode) {
        result = kernel_error(ErrorCode::insufficient_privileges, "invoke_thunk requires kernel mode");
      } else {
        result = m_context.invoke_thunk(call.id, args);
      }
    } else {
      result = m_context.system_call(call.id, args, true);
    }
    if (auto exit = std::exchange(m_context.exit_request(), std::nullopt)) return exit_result(*exit);
    if (result.ok()) {
      auto written = vm::write_host_result(memory, call, util::as_bytes(result.value()));
      if (written.ok()) return vm::HostResult::ok(0);
      if (written.error().code != ErrorCode::insufficient_return_buffer) return vm::HostResult::fail(written.error());
      result = written.error();
    }
    return return_error(memory, call, result.error(), privilege);
  }

  // §9.2: user-mode callers never see reversion codes; everything else is returned with error_data.
  static vm::HostResult return_error(const vm::MemoryView& memory, const vm::HostCall& call, const util::Error& error,
                                     Privilege privilege) {
    if (util::is_reversion(error.code) && privilege == Privilege::user_mode) return vm::HostResult::fail(error);
    koinos::chain::error_data data;
    data.set_message(error.message);
    const std::string bytes = protocol::serialize_to_string(data);
    auto written = vm::write_host_result(memory, call, util::as_bytes(bytes));
    if (written.ok()) return vm::HostResult::ok(static_cast<int32_t>(error.code));
    if (written.error().code != ErrorCode::insufficient_return_buffer) return vm::HostResult::fail(written.error());
    if (auto zero = memory.write_u32(call.bytes_written_ptr, 0); !zero.ok()) return vm::HostResult::fail(zero.error());
    return vm::HostResult::ok(static_cast<int32_t>(ErrorCode::insufficient_return_buffer));
  }

  vm::HostResult exit_result(int32_t code) {
    if (code == 0) return vm::HostResult::halt();
    const auto& slot = m_context.result_slot();
    return vm::HostResult::fail(util::Error{static_cast<ErrorCode>(code), slot.value.error().message()});
  }

  ExecutionContext& m_context;
  int64_t m_last_budget = 0;
  uint64_t m_charged = 0;
};

util::Result<std::string> slot_outcome(ExecutionContext& context) {
  const ResultSlot& slot = context.result_slot();
  if (slot.code == 0) return slot.value.object();
  return util::Error{static_cast<ErrorCode>(slot.code), slot.value.error().message()};
}

}  // namespace

util::Result<std::string> run_module(ExecutionContext& context, const VmRuntime& runtime, const std::string& bytecode) {
  auto compiled = runtime.modules->get(util::as_bytes(bytecode));
  if (!compiled.ok()) return reversion("invalid contract module: " + compiled.error().message);
  auto& meter = context.meter();
  const auto budget = static_cast<int64_t>(meter.compute_bandwidth_remaining());
  HostBridge bridge(context, budget);
  const vm::ExecutionResult run = runtime.engine->execute(*compiled.value(), bridge, vm::ExecuteOptions{budget});
  const uint64_t rest = run.ticks_used > bridge.charged() ? run.ticks_used - bridge.charged() : 0;
  util::Status charged = meter.use_compute_bandwidth(static_cast<int64_t>(rest));
  if (run.outcome == vm::Outcome::out_of_ticks) {
    if (charged.ok()) charged = meter.use_compute_bandwidth(static_cast<int64_t>(meter.compute_bandwidth_remaining()) + 1);
    if (!charged.ok()) return charged.error();
    return kernel_error(ErrorCode::compute_bandwidth_limit_exceeded, "out of ticks");
  }
  switch (run.outcome) {
    case vm::Outcome::host_error: return run.error;
    case vm::Outcome::success:
      if (!charged.ok()) return charged.error();
      return slot_outcome(context);
    case vm::Outcome::halted:
      if (!charged.ok()) return charged.error();
      return context.result_slot().value.object();
    default: return reversion(run.error.message.empty() ? "contract trapped" : run.error.message);
  }
}

}  // namespace modchain::kernel
