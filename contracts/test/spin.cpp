// Test contract `spin`: burns VM ticks (and system calls) for the resource meter tests.
// Layouts: docs/contracts.md ("spin").
#include "modchain/sdk/contract.hpp"

namespace sdk = modchain::sdk;
namespace pb = modchain::sdk::pb;

namespace {

[[noreturn]] void exit_with_value(uint64_t value) {
  uint8_t result[11];
  pb::Writer w(sdk::MutableBytes{result, sizeof result});
  w.uint64_field(1, value);
  sdk::exit_success(w.view());
}

// spin {iterations=1 uint64} -> spin_result {value=1 uint64}: runs `iterations` rounds of xorshift64
// from seed 1 (a loop the optimizer cannot collapse) and returns the final state, so the work is
// observable and its tick count is a linear function of `iterations`.
void spin(sdk::Bytes args) {
  uint64_t iterations = pb::find_uint64(args, 1);
  uint64_t x = 1;
  for (uint64_t i = 0; i < iterations; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
  }
  exit_with_value(x);
}

// spin_syscalls {iterations=1 uint64} -> spin_result {value=1 uint64 = iterations}: calls
// get_contract_id `iterations` times (system call compute, not just VM ticks).
void spin_syscalls(sdk::Bytes args) {
  uint64_t iterations = pb::find_uint64(args, 1);
  for (uint64_t i = 0; i < iterations; ++i) {
    sdk::ArenaScope scope;  // keeps the arena from growing with the loop
    sdk::get_contract_id();
  }
  exit_with_value(iterations);
}

constexpr sdk::Method k_methods[] = {
    {sdk::entry_point_id("spin"), spin},
    {sdk::entry_point_id("spin_syscalls"), spin_syscalls},
};

}  // namespace

extern "C" __attribute__((export_name("_start"))) void start() { sdk::dispatch(k_methods); }
