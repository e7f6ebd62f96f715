#pragma once
/// Lower-level API over the same engines: instances with arbitrary imports (the spec tests' `spectest`
/// module and registered modules), invoking any exported function with typed values, reading globals.
/// Not used by the kernel. A RawStore is single-threaded.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "modchain/util/error.hpp"
#include "modchain/vm/engine.hpp"
#include "modchain/vm/value.hpp"

namespace modchain::vm {

/// A function signature.
struct FuncSignature {
  std::vector<ValueType> params;   ///< parameter types
  std::vector<ValueType> results;  ///< result types (at most one in the MVP)
};

/// Handle of a function, table, memory or global living in a RawStore.
struct ExternRef {
  uint64_t handle = 0;                 ///< engine-specific identity within one store
  ExternKind kind = ExternKind::func;  ///< what it is
};

/// Handle of an instance in a RawStore.
using InstanceId = uint32_t;

/// Looks up an import by (module, name); nullopt makes the instantiation fail as unlinkable.
using ImportResolver = std::function<std::optional<ExternRef>(std::string_view module, std::string_view name)>;

/// Host function body for the raw API: fills results (already sized to the signature).
using RawHostFunction = std::function<util::Status(std::span<const Value> args, std::span<Value> results)>;

/// Result of invoking an export.
struct InvokeResult {
  ExecutionResult execution;    ///< outcome, error and ticks as for contract runs
  std::vector<Value> results;   ///< on success
};

/// A set of linked instances sharing one engine store.
class RawStore {
 public:
  virtual ~RawStore() = default;
  /// A host function.
  virtual ExternRef make_function(const FuncSignature& signature, RawHostFunction body) = 0;
  /// A global holding `value`.
  virtual ExternRef make_global(Value value, bool is_mutable) = 0;
  /// A memory of `min` pages, optionally bounded.
  virtual ExternRef make_memory(uint32_t min, std::optional<uint32_t> max) = 0;
  /// A funcref table of `min` elements, optionally bounded.
  virtual ExternRef make_table(uint32_t min, std::optional<uint32_t> max) = 0;
  /// Instantiates (links imports, applies segments, runs the start function under `tick_budget`).
  /// Errors: `reversion` with "unlinkable: ..." or "instantiation: ..." messages.
  virtual util::Result<InstanceId> instantiate(const CompiledModule& module, const ImportResolver& resolve,
                                               int64_t tick_budget) = 0;
  /// An export of an instance; `not_found` if absent.
  virtual util::Result<ExternRef> export_of(InstanceId instance, std::string_view name) = 0;
  /// Calls an exported function with `args` (types must match the signature) under `tick_budget`.
  virtual InvokeResult invoke(InstanceId instance, std::string_view name, std::span<const Value> args,
                              int64_t tick_budget) = 0;
  /// Current value of an exported global.
  virtual util::Result<Value> global_value(InstanceId instance, std::string_view name) = 0;
};

}  // namespace modchain::vm
