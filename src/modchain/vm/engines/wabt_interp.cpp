// The reference engine: wabt's interpreter (wabt/interp). It keeps its own value and call stacks, so WASM
// recursion never recurses natively; its call stack holds 64 KiB of frames (about 1,600 nested calls),
// and exhausting it is the call-depth error.
#include <exception>
#include <optional>
#include <string>

#include "wabt/binary-reader.h"
#include "wabt/error.h"
#include "wabt/interp/binary-reader-interp.h"
#include "modchain/vm/engines/wabt_common.hpp"
#include "modchain/vm/raw.hpp"

namespace modchain::vm {
namespace wabt_engine {

std::unique_ptr<RawStore> make_raw_store();

namespace {

// Per-run state shared by the host functions of one instance.
struct RunState {
  HostHandler* handler = nullptr;
  interp::Store* store = nullptr;
  interp::Memory::Ptr memory;
  TickMeter meter;
  uint64_t ticks_used = 0;
  std::optional<HostResult> stop;  // halt or error raised by a host call
};

class Context final : public HostContext {
 public:
  explicit Context(RunState& state) : m_state(state) {}
  MemoryView memory() override {
    if (!m_state.memory) return {};
    return {m_state.memory->UnsafeData(), static_cast<size_t>(m_state.memory->ByteSize())};
  }
  int64_t ticks_remaining() const override { return m_state.meter.remaining(); }
  void set_ticks_remaining(int64_t ticks) override {
    m_state.ticks_used += m_state.meter.used_since_sync();
    m_state.meter.set_remaining(ticks);
  }

 private:
  RunState& m_state;
};

HostResult invoke_handler(RunState& state, const HostCall& call) {
  Context context(state);
  try {
    return state.handler->invoke(context, call);
  } catch (const std::exception& e) {
    return HostResult::fail(util::make_error(util::ErrorCode::internal_error,
                                             std::string("host handler threw: ") + e.what()));
  } catch (...) {
    return HostResult::fail(util::make_error(util::ErrorCode::internal_error, "host handler threw"));
  }
}

interp::HostFunc::Ptr make_host_function(interp::Store& store, RunState& state, HostFunction which) {
  interp::FuncType type(interp::ValueTypes(6, wabt::Type::I32), {wabt::Type::I32});
  auto callback = [&state, which](interp::Thread&, const interp::Values& params, interp::Values& results,
                                  interp::Trap::Ptr* trap) -> wabt::Result {
    const HostCall call{which,
                        params[0].Get<uint32_t>(),
                        params[1].Get<uint32_t>(),
                        params[2].Get<uint32_t>(),
                        params[3].Get<uint32_t>(),
                        params[4].Get<uint32_t>(),
                        params[5].Get<uint32_t>()};
    HostResult result = invoke_handler(state, call);
    if (result.kind == HostResult::Kind::ok) {
      results[0] = interp::Value::Make(static_cast<uint32_t>(result.value));
      return wabt::Result::Ok;
    }
    state.stop = std::move(result);
    *trap = interp::Trap::New(*state.store, "host call stopped the run");
    return wabt::Result::Error;
  };
  return interp::HostFunc::New(store, std::move(type), std::move(callback));
}

util::Result<interp::RefVec> koinos_imports(interp::Store& store, RunState& state, const interp::Module& module) {
  interp::RefVec imports;
  for (const auto& import : module.import_types()) {
    if (import.module != "env" || import.type->kind != wabt::ExternalKind::Func) {
      return util::make_error(util::ErrorCode::reversion, "unlinkable: " + import.module + "." + import.name);
    }
    if (import.name == "invoke_system_call") {
      imports.push_back(make_host_function(store, state, HostFunction::invoke_system_call).ref());
    } else if (import.name == "invoke_thunk") {
      imports.push_back(make_host_function(store, state, HostFunction::invoke_thunk).ref());
    } else {
      return util::make_error(util::ErrorCode::reversion, "unlinkable: env." + import.name);
    }
  }
  return imports;
}

ExecutionResult finish(RunState& state, bool ok, const interp::Trap::Ptr& trap, std::string_view what) {
  ExecutionResult result;
  if (ok) {
    result.outcome = Outcome::success;
  } else if (state.stop) {
    const bool halted = state.stop->kind == HostResult::Kind::halt;
    result.outcome = halted ? Outcome::halted : Outcome::host_error;
    if (!halted) result.error = state.stop->error;
  } else {
    result = classify(trap, state.meter, what);
  }
  result.ticks_used = state.ticks_used + state.meter.used_since_sync();
  return result;
}

// Runs an exported () -> () function; `missing_ok` for the optional deferred start.
bool run_export(RunState& state, const interp::Instance& instance, std::string_view name, bool missing_ok,
                interp::Trap::Ptr* trap) {
  auto ext = find_export(*state.store, instance, name);
  if (!ext || ext->kind() == interp::ObjectKind::Null || !interp::Func::classof(ext.get())) {
    if (missing_ok) return true;
    *trap = interp::Trap::New(*state.store, "entry point " + std::string(name) + " not exported");
    return false;
  }
  auto func = ext.As<interp::Func>();
  if (!func->type().params.empty() || !func->type().results.empty()) {
    *trap = interp::Trap::New(*state.store, "entry point " + std::string(name) + " is not () -> ()");
    return false;
  }
  interp::Values results;
  return wabt::Succeeded(call(*state.store, *func, {}, results, trap));
}

ExecutionResult execute_in_store(interp::Store& store, const WabtCompiled& compiled, HostHandler& host,
                                 const ExecuteOptions& options) {
  RunState state;
  state.handler = &host;
  state.store = &store;
  auto module = interp::Module::New(store, compiled.desc());
  auto imports = koinos_imports(store, state, *module);
  if (!imports) return {Outcome::trap, imports.error(), 0};
  interp::Trap::Ptr trap;
  auto instance = interp::Instance::Instantiate(store, module.ref(), imports.value(), &trap);
  if (!instance) return classify(trap, state.meter, "instantiation");
  if (!instance->memories().empty()) state.memory = interp::Memory::Ptr{store, instance->memories()[0]};
  state.meter = TickMeter(store, *instance);
  state.meter.set_remaining(options.tick_budget);
  state.meter.reset();
  const bool started = run_export(state, *instance, k_start_export, true, &trap);
  if (!started) return finish(state, false, trap, "start function");
  const bool ok = run_export(state, *instance, options.entry, false, &trap);
  return finish(state, ok, trap, "trap");
}

class WabtInterpEngine final : public Engine {
 public:
  std::string_view name() const noexcept override { return "wabt-interp"; }

  util::Result<std::shared_ptr<const CompiledModule>> compile(std::shared_ptr<const PreparedModule> module) override {
    try {
      interp::ModuleDesc desc;
      wabt::Errors errors;
      wabt::ReadBinaryOptions read_options(features(), nullptr, false, true, true);
      const auto& code = module->code();
      if (wabt::Failed(interp::ReadBinaryInterp("module", code.data(), code.size(), read_options, &errors, &desc))) {
        return util::make_error(util::ErrorCode::reversion,
                                "compile: " + (errors.empty() ? std::string("failed") : errors.front().message));
      }
      return std::shared_ptr<const CompiledModule>(std::make_shared<WabtCompiled>(std::move(module), std::move(desc)));
    } catch (const std::exception& e) {
      return util::make_error(util::ErrorCode::reversion, std::string("compile: ") + e.what());
    }
  }

  ExecutionResult execute(const CompiledModule& module, HostHandler& host, const ExecuteOptions& options) override {
    try {
      interp::Store store(features());
      return execute_in_store(store, static_cast<const WabtCompiled&>(module), host, options);
    } catch (const std::bad_alloc&) {
      return {Outcome::trap, util::make_error(util::ErrorCode::reversion, "trap: out of memory"), 0};
    } catch (const std::exception& e) {
      return {Outcome::trap, util::make_error(util::ErrorCode::reversion, std::string("trap: ") + e.what()), 0};
    }
  }

  std::unique_ptr<RawStore> create_raw_store() override { return make_raw_store(); }
};

}  // namespace
}  // namespace wabt_engine

std::unique_ptr<Engine> make_wabt_interp_engine() { return std::make_unique<wabt_engine::WabtInterpEngine>(); }

const char* outcome_name(Outcome outcome) noexcept {
  switch (outcome) {
    case Outcome::success: return "success";
    case Outcome::halted: return "halted";
    case Outcome::trap: return "trap";
    case Outcome::out_of_ticks: return "out_of_ticks";
    case Outcome::call_depth_exceeded: return "call_depth_exceeded";
    case Outcome::host_error: return "host_error";
  }
  return "unknown";
}

}  // namespace modchain::vm
