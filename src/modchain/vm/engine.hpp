#pragma once
/// The engine-neutral interface. An engine turns a PreparedModule into its own executable form once
/// (compile), then runs it any number of times, concurrently, each run in a fresh instance. Every engine
/// must give the same outcome, error code and tick count for the same prepared module and input
/// (docs/vm.md "Engines").

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "modchain/util/error.hpp"
#include "modchain/vm/host.hpp"
#include "modchain/vm/module.hpp"

namespace modchain::vm {

class RawStore;

/// How a run ended.
enum class Outcome : uint8_t {
  success,              ///< the entry point returned
  halted,               ///< a host call returned HostResult::halt (Koinos `exit` with code 0)
  trap,                 ///< WebAssembly trap, float instruction, bad instantiation: `reversion` (1)
  out_of_ticks,         ///< the tick budget ran out; the kernel maps it to insufficient_rc (104) or
                        ///< compute_bandwidth_limit_exceeded (-1013)
  call_depth_exceeded,  ///< the engine's call stack limit: `reversion` (1)
  host_error,           ///< a host call returned an error; `error` is that error unchanged
};

/// Name of the outcome ("out_of_ticks").
const char* outcome_name(Outcome outcome) noexcept;

/// Everything a run reports.
struct ExecutionResult {
  Outcome outcome = Outcome::success;
  util::Error error{util::ErrorCode::success, {}};  ///< code success for success/halted
  /// Ticks charged by the module's own instructions (host call costs excluded). For out_of_ticks this
  /// is greater than the budget: the overshoot of the block that could not be paid.
  uint64_t ticks_used = 0;

  /// True for success and halted.
  bool ok() const noexcept { return outcome == Outcome::success || outcome == Outcome::halted; }
};

/// Options of one contract run.
struct ExecuteOptions {
  int64_t tick_budget = 0;              ///< ticks available to the module (metered modules only)
  std::string_view entry = "_start";    ///< exported () -> () function to run
};

/// An engine's executable form of one prepared module. Immutable and thread-safe once built.
class CompiledModule {
 public:
  virtual ~CompiledModule() = default;
  /// The prepared module it was built from.
  virtual const PreparedModule& prepared() const noexcept = 0;
  /// Approximate memory held, in bytes (module cache accounting).
  virtual size_t memory_bytes() const noexcept = 0;
};

/// A WebAssembly engine.
class Engine {
 public:
  virtual ~Engine() = default;
  /// Short stable name ("wabt-interp"), used in cache keys and benchmark tables.
  virtual std::string_view name() const noexcept = 0;
  /// Builds the executable form. Thread-safe. Errors are `reversion` (the prepared module is already
  /// valid, so this fails only on engine limits or resource exhaustion).
  virtual util::Result<std::shared_ptr<const CompiledModule>> compile(
      std::shared_ptr<const PreparedModule> module) = 0;
  /// Instantiates the module with the Koinos imports bridged to `host`, runs `options.entry` under the
  /// tick budget, and discards the instance. Thread-safe; never throws.
  virtual ExecutionResult execute(const CompiledModule& module, HostHandler& host,
                                  const ExecuteOptions& options) = 0;
  /// A store for the lower-level API (arbitrary imports, invoking any export): spec tests and tools.
  virtual std::unique_ptr<RawStore> create_raw_store() = 0;
};

/// The reference engine: wabt's interpreter (engines/wabt_interp.cpp).
std::unique_ptr<Engine> make_wabt_interp_engine();

}  // namespace modchain::vm
