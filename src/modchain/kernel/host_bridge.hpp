#pragma once
/// The WASM ABI bridge (koinos-protocol.md §9.2–§9.3, §10.2): runs a contract module and serves its
/// invoke_system_call / invoke_thunk host calls through the execution context.

#include <string>

#include "modchain/kernel/execution_context.hpp"

namespace modchain::kernel {

/// Compiles (cached) and runs `bytecode`'s `_start` under the compute the meter has left; the top frame
/// must be the contract's frame. Returns the exit result object, or the error the contract ended with:
/// traps are reversions, running out of ticks is the meter's error (insufficient_rc or
/// compute_bandwidth_limit_exceeded), a non-zero exit code is that code.
util::Result<std::string> run_module(ExecutionContext& context, const VmRuntime& runtime, const std::string& bytecode);

}  // namespace modchain::kernel
