#pragma once
/// Module preparation: decode, validate (WebAssembly MVP + the Koinos contract rules), then instrument
/// for deterministic metering. Every engine runs the *prepared* bytes, never the original ones, so tick
/// counts are defined at the WASM level and cannot drift between engines (docs/vm.md "Metering").

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "modchain/util/bytes.hpp"
#include "modchain/util/error.hpp"

namespace modchain::vm {

/// Resource limits checked before a module is accepted. Defaults are the Koinos contract limits chosen
/// for modchain (docs/vm.md "Limits"); every violation is a validation error (reversion, code 1).
struct ModuleLimits {
  uint32_t max_module_bytes = 1u << 20;        ///< whole binary (preparation peaks at ~85x this in RAM)
  uint32_t max_memory_pages = 512;             ///< 32 MiB; also caps memory.grow
  uint32_t max_table_elements = 65'536;        ///< initial and maximum table size
  uint32_t max_globals = 1'024;                ///< defined + imported
  uint32_t max_functions = 16'384;             ///< defined + imported
  uint32_t max_types = 4'096;
  uint32_t max_function_body_bytes = 512u << 10;
  uint32_t max_locals_per_function = 4'096;    ///< bounds the interpreter value stack per frame
  uint32_t max_nesting_depth = 1'024;          ///< block/loop/if nesting; bounds native recursion in tools
  uint32_t max_data_segments = 4'096;
  uint32_t max_elem_segments = 4'096;
  uint32_t max_exports = 4'096;
  uint32_t max_params = 256;                   ///< params or results of one function type
};

/// What rules a module is checked against.
enum class ModuleRules : uint8_t {
  koinos,  ///< contract rules: only env.invoke_system_call/env.invoke_thunk imports, `_start` + memory exported
  raw,     ///< plain WebAssembly MVP (spec tests, tools): any imports/exports
};

/// Options for prepare_module().
struct PrepareOptions {
  ModuleRules rules = ModuleRules::koinos;
  bool meter = true;        ///< inject tick metering (docs/vm.md "Metering")
  bool trap_floats = true;  ///< make every executed f32/f64 instruction trap (Koinos); ignored without meter
  ModuleLimits limits{};
};

/// Names of the exports the instrumentation adds. '.' keeps them apart from C-style names; a module that
/// already exports one of them is rejected.
inline constexpr const char* k_ticks_export = "modchain.ticks";     ///< mutable i64: ticks remaining
inline constexpr const char* k_trap_export = "modchain.trap";       ///< mutable i32: why the module trapped
inline constexpr const char* k_start_export = "modchain.start";     ///< the module's start function, deferred
inline constexpr const char* k_depth_export = "modchain.depth";     ///< mutable i32: current call depth

/// Nested WebAssembly calls allowed per run in metered modules, counted by injected code so every engine
/// traps at the same depth (below wabt's own frame stack of ~1,638, whose call_indirect overflow path is
/// broken in 1.0.32; Fizzy/Koinos allow ~1,797). docs/vm.md "Call depth".
inline constexpr uint32_t k_max_call_depth = 1'536;

/// Values of the `modchain.trap` global: set by injected code just before it executes `unreachable`.
enum class InjectedTrap : uint32_t { none = 0, float_instruction = 1, call_depth = 2 };

/// Kind of an import or export.
enum class ExternKind : uint8_t { func, table, memory, global };

/// One import of a module, as declared.
struct ImportInfo {
  std::string module;                  ///< import module name ("env")
  std::string name;                    ///< field name ("invoke_system_call")
  ExternKind kind = ExternKind::func;  ///< what is imported
};

/// A validated, instrumented module: immutable, shareable between threads and engines.
class PreparedModule {
 public:
  /// The bytes engines run (instrumented when metered()).
  const util::Bytes& code() const noexcept { return m_code; }
  /// True if ticks are metered; then ticks are exported as k_ticks_export.
  bool metered() const noexcept { return m_metered; }
  /// True if f32/f64 instructions trap when executed.
  bool floats_trap() const noexcept { return m_floats_trap; }
  /// True if the original start function was moved to the k_start_export export (metered modules).
  bool deferred_start() const noexcept { return m_deferred_start; }
  /// Rules the module was validated against.
  ModuleRules rules() const noexcept { return m_rules; }
  /// Memory page cap applied at run time (memory.grow beyond it returns -1).
  uint32_t max_memory_pages() const noexcept { return m_max_memory_pages; }
  /// Imports in declaration order.
  const std::vector<ImportInfo>& imports() const noexcept { return m_imports; }
  /// Size in bytes of the original module.
  size_t original_size() const noexcept { return m_original_size; }

 private:
  friend struct PreparedModuleBuilder;
  util::Bytes m_code;
  std::vector<ImportInfo> m_imports;
  size_t m_original_size = 0;
  uint32_t m_max_memory_pages = 0;
  ModuleRules m_rules = ModuleRules::koinos;
  bool m_metered = false;
  bool m_floats_trap = false;
  bool m_deferred_start = false;
};

/// Decodes, validates and (optionally) instruments a module. Errors: code `reversion` (1) with a message
/// naming the rule that failed ("malformed module: ...", "invalid module: ...", "limit: ...",
/// "koinos: ..."). Never throws; thread-safe.
util::Result<std::shared_ptr<const PreparedModule>> prepare_module(util::ByteView wasm,
                                                                    const PrepareOptions& options);

}  // namespace modchain::vm
