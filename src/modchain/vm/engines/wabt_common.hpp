#pragma once
// Internal to the wabt interpreter engine: shared pieces of the contract runner and the raw store.

#include <memory>
#include <string>
#include <string_view>

#include "wabt/interp/interp.h"
#include "modchain/vm/engine.hpp"
#include "modchain/vm/value.hpp"

namespace modchain::vm::wabt_engine {

namespace interp = wabt::interp;

/// The engine's executable form: wabt's decoded module description (istream code, types, segments).
class WabtCompiled final : public CompiledModule {
 public:
  WabtCompiled(std::shared_ptr<const PreparedModule> prepared, interp::ModuleDesc desc)
      : m_prepared(std::move(prepared)), m_desc(std::move(desc)) {}
  const PreparedModule& prepared() const noexcept override { return *m_prepared; }
  size_t memory_bytes() const noexcept override {
    return m_prepared->code().size() + m_desc.istream.end() + sizeof(*this);
  }
  const interp::ModuleDesc& desc() const noexcept { return m_desc; }

 private:
  std::shared_ptr<const PreparedModule> m_prepared;
  interp::ModuleDesc m_desc;
};

/// The store's feature set (MVP).
wabt::Features features();

/// Converts between our values and wabt's.
interp::Value to_wabt(const Value& value);
Value from_wabt(const interp::Value& value, wabt::Type type);
wabt::Type to_wabt(ValueType type);
bool from_wabt(wabt::Type type, ValueType* out);

/// The exported extern `name` of an instance, or an empty pointer.
interp::Extern::Ptr find_export(interp::Store& store, const interp::Instance& instance, std::string_view name);

/// Reads and writes the injected tick counter of a metered instance.
class TickMeter {
 public:
  TickMeter() = default;
  TickMeter(interp::Store& store, const interp::Instance& instance);
  bool active() const noexcept { return static_cast<bool>(m_ticks); }
  int64_t remaining() const;
  void set_remaining(int64_t ticks);  ///< clamps to >= 0 and remembers it as the sync point
  /// Ticks used since the last set_remaining() (negative remaining included).
  uint64_t used_since_sync() const;
  /// Value of the injected trap-reason global (0 when not metered).
  uint32_t trap_reason() const;
  /// Zeroes the injected call-depth counter and trap reason (a trapped call leaves them set).
  void reset() const;

 private:
  interp::Global::Ptr m_ticks;
  interp::Global::Ptr m_trap;
  interp::Global::Ptr m_depth;
  int64_t m_sync = 0;
};

/// Maps a finished call to an ExecutionResult (ticks_used left to the caller).
ExecutionResult classify(const interp::Trap::Ptr& trap, const TickMeter& meter, std::string_view what);

/// Calls `func` on a fresh thread; wraps wabt's C++ exceptions (allocation failures) as traps.
wabt::Result call(interp::Store& store, interp::Func& func, const interp::Values& params, interp::Values& results,
                  interp::Trap::Ptr* trap);

}  // namespace modchain::vm::wabt_engine
