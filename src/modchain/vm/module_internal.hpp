#pragma once
// Internal to the vm library: the steps of prepare_module() that work on wabt's IR. Includes wabt headers,
// so it must never be included from a public vm header.

#include <cstdint>

#include "modchain/util/bytes.hpp"
#include "modchain/util/error.hpp"
#include "modchain/vm/module.hpp"

namespace wabt {
struct Module;
struct Features;
enum class ExternalKind;
}  // namespace wabt

namespace modchain::vm::detail {

/// The MVP feature set (no post-1.0 proposals), as the Koinos VM (Fizzy 0.8) accepts.
wabt::Features mvp_features();

/// Cheap streaming pass over the binary that enforces ModuleLimits before wabt builds any IR, so
/// hostile sizes are rejected without allocating for them. Malformed input is left to the full decoder.
util::Status check_limits(util::ByteView wasm, const ModuleLimits& limits);

/// WebAssembly 1.0 rules wabt 1.0.32 no longer enforces (br_table label types in unreachable code).
util::Status check_mvp_rules(const wabt::Module& module);

/// Koinos contract rules (koinos-protocol.md §9.1) on a decoded, validated module.
util::Status check_koinos_rules(const wabt::Module& module, const ModuleLimits& limits);

/// Instrumentation result.
struct InstrumentInfo {
  bool deferred_start = false;
};

/// Injects metering (and float traps) into `module` in place. See docs/vm.md "Metering".
util::Result<InstrumentInfo> instrument(wabt::Module& module, bool trap_floats, uint32_t max_memory_pages);

/// wabt's import/export kind as ours (tags, absent from the MVP, map to func).
ExternKind extern_kind(wabt::ExternalKind kind) noexcept;

/// "invalid module: <first wabt error>" style error.
util::Error reversion(const char* what, const std::string& detail);

}  // namespace modchain::vm::detail
