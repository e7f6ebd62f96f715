#include "modchain/vm/engines/wabt_common.hpp"

#include <bit>
#include <exception>
#include <limits>

#include "modchain/vm/module_internal.hpp"

namespace modchain::vm::wabt_engine {

wabt::Features features() { return detail::mvp_features(); }

interp::Value to_wabt(const Value& value) {
  switch (value.type) {
    case ValueType::i32: return interp::Value::Make(value.as_u32());
    case ValueType::i64: return interp::Value::Make(value.as_u64());
    case ValueType::f32: return interp::Value::Make(value.as_f32());
    case ValueType::f64: return interp::Value::Make(value.as_f64());
  }
  return {};
}

Value from_wabt(const interp::Value& value, wabt::Type type) {
  switch (type) {
    case wabt::Type::I64: return Value::i64(value.Get<uint64_t>());
    case wabt::Type::F32: return Value::f32_bits(std::bit_cast<uint32_t>(value.Get<float>()));
    case wabt::Type::F64: return Value::f64_bits(std::bit_cast<uint64_t>(value.Get<double>()));
    default: return Value::i32(value.Get<uint32_t>());
  }
}

wabt::Type to_wabt(ValueType type) {
  switch (type) {
    case ValueType::i64: return wabt::Type::I64;
    case ValueType::f32: return wabt::Type::F32;
    case ValueType::f64: return wabt::Type::F64;
    default: return wabt::Type::I32;
  }
}

bool from_wabt(wabt::Type type, ValueType* out) {
  switch (type) {
    case wabt::Type::I32: *out = ValueType::i32; return true;
    case wabt::Type::I64: *out = ValueType::i64; return true;
    case wabt::Type::F32: *out = ValueType::f32; return true;
    case wabt::Type::F64: *out = ValueType::f64; return true;
    default: return false;
  }
}

interp::Extern::Ptr find_export(interp::Store& store, const interp::Instance& instance, std::string_view name) {
  interp::Module::Ptr module{store, instance.module()};
  const auto& types = module->export_types();
  for (size_t i = 0; i < types.size(); ++i) {
    if (types[i].name == name) return interp::Extern::Ptr{store, instance.exports()[i]};
  }
  return {};
}

TickMeter::TickMeter(interp::Store& store, const interp::Instance& instance) {
  if (auto ticks = find_export(store, instance, k_ticks_export)) m_ticks = ticks.As<interp::Global>();
  if (auto trap = find_export(store, instance, k_trap_export)) m_trap = trap.As<interp::Global>();
  if (auto depth = find_export(store, instance, k_depth_export)) m_depth = depth.As<interp::Global>();
}

void TickMeter::reset() const {
  if (m_trap) m_trap->UnsafeSet(interp::Value::Make(uint32_t{0}));
  if (m_depth) m_depth->UnsafeSet(interp::Value::Make(uint32_t{0}));
}

int64_t TickMeter::remaining() const { return m_ticks ? static_cast<int64_t>(m_ticks->Get().Get<uint64_t>()) : 0; }

void TickMeter::set_remaining(int64_t ticks) {
  m_sync = ticks < 0 ? 0 : ticks;
  if (m_ticks) m_ticks->UnsafeSet(interp::Value::Make(static_cast<uint64_t>(m_sync)));
}

uint64_t TickMeter::used_since_sync() const {
  return m_ticks ? static_cast<uint64_t>(m_sync - remaining()) : 0;
}

uint32_t TickMeter::trap_reason() const { return m_trap ? m_trap->Get().Get<uint32_t>() : 0; }

ExecutionResult classify(const interp::Trap::Ptr& trap, const TickMeter& meter, std::string_view what) {
  ExecutionResult result;
  if (meter.active() && meter.remaining() < 0) {
    result.outcome = Outcome::out_of_ticks;
    result.error = util::make_error(util::ErrorCode::compute_bandwidth_limit_exceeded, "out of ticks");
    return result;
  }
  if (meter.trap_reason() == static_cast<uint32_t>(InjectedTrap::float_instruction)) {
    result.outcome = Outcome::trap;
    result.error = util::make_error(util::ErrorCode::reversion, "trap: float instruction executed");
    return result;
  }
  const std::string message = trap ? trap->message() : std::string("unknown trap");
  if (message == "call stack exhausted" ||
      meter.trap_reason() == static_cast<uint32_t>(InjectedTrap::call_depth)) {
    result.outcome = Outcome::call_depth_exceeded;
    result.error = util::make_error(util::ErrorCode::reversion, "trap: call stack exhausted");
    return result;
  }
  result.outcome = Outcome::trap;
  result.error = util::make_error(util::ErrorCode::reversion, std::string(what) + ": " + message);
  return result;
}

wabt::Result call(interp::Store& store, interp::Func& func, const interp::Values& params, interp::Values& results,
                  interp::Trap::Ptr* trap) {
  trap->reset();
  try {
    interp::Thread thread(store);
    const wabt::Result result = func.Call(thread, params, results, trap);
    // wabt 1.0.32 bug: a call_indirect that overflows the frame stack sets the trap but carries on as if
    // the call had returned. Metered modules never get there (their depth guard is lower); for
    // unmetered ones the run is reported as the call-depth error it should have been.
    if (wabt::Succeeded(result) && *trap) return wabt::Result::Error;
    return result;
  } catch (const std::bad_alloc&) {
    *trap = interp::Trap::New(store, "out of memory");
  } catch (const std::exception& e) {
    *trap = interp::Trap::New(store, std::string("engine exception: ") + e.what());
  }
  return wabt::Result::Error;
}

}  // namespace modchain::vm::wabt_engine
