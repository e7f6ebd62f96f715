// The SDK's umbrella header and the entry point dispatch helper.
//
// A contract is one C++ file:
//
//   #include "modchain/sdk/contract.hpp"
//   namespace sdk = modchain::sdk;
//
//   void put(sdk::Bytes args) { ... sdk::exit_success(); }
//   constexpr sdk::Method k_methods[] = {
//       {sdk::entry_point_id("put"), put},   // 0x........
//   };
//   extern "C" __attribute__((export_name("_start"))) void start() { sdk::dispatch(k_methods); }
//
// Build flags: contracts/test/build.sh (clang-14, --target=wasm32 -mcpu=mvp, -nostdlib -ffreestanding).
#pragma once

#include "modchain/sdk/arena.hpp"
#include "modchain/sdk/authority.hpp"
#include "modchain/sdk/bytes.hpp"
#include "modchain/sdk/chain_calls.hpp"
#include "modchain/sdk/entry_point.hpp"
#include "modchain/sdk/host.hpp"
#include "modchain/sdk/kernel_calls.hpp"
#include "modchain/sdk/math.hpp"
#include "modchain/sdk/names.hpp"
#include "modchain/sdk/protobuf.hpp"
#include "modchain/sdk/resources.hpp"
#include "modchain/sdk/results.hpp"
#include "modchain/sdk/system_calls.hpp"
#include "modchain/sdk/value_type.hpp"

namespace modchain::sdk {

/// One row of a contract's dispatch table: entry point id and the handler receiving the serialized
/// arguments message. A handler normally ends with exit_success()/exit_error(); if it returns, `_start`
/// returns without calling exit, and the kernel uses whatever the context's result slot holds.
struct Method {
  uint32_t entry_point;      ///< entry_point_id("<method name>")
  void (*handler)(Bytes);    ///< called with argument_data.arguments
};

/// Reads the call's arguments and runs the handler registered for its entry point; an unknown entry
/// point ends the call with a reversion (code 1, "unknown entry point"), as the Koinos generators do.
template <uint32_t N>
void dispatch(const Method (&methods)[N]) {
  Arguments call = get_arguments();
  for (uint32_t i = 0; i < N; ++i) {
    if (methods[i].entry_point == call.entry_point) {
      methods[i].handler(call.args);
      return;
    }
  }
  exit_reversion("unknown entry point");
}

/// Ends the call with a reversion unless `condition` holds (the usual precondition check).
inline void require(bool condition, Bytes message) {
  if (!condition) exit_reversion(message);
}

}  // namespace modchain::sdk
