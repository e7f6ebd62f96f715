// math.hpp compiled for wasm32 (contracts' flags) and exported for math_wasm_check.mjs, which compares
// it with JavaScript BigInt: the host gtests cannot see how clang lowers the 64-bit arithmetic on wasm32.
#include "modchain/sdk/math.hpp"

namespace sdk = modchain::sdk;

/// mul_div(a, b, c), or a sentinel when it reports overflow.
extern "C" __attribute__((export_name("mul_div"))) uint64_t mul_div(uint64_t a, uint64_t b, uint64_t c) {
  bool overflow = false;
  uint64_t q = sdk::mul_div(a, b, c, &overflow);
  return overflow ? 0xdeadbeefcafef00dull : q;
}

/// High half of a * b.
extern "C" __attribute__((export_name("mul_hi"))) uint64_t mul_hi(uint64_t a, uint64_t b) { return sdk::mul_u64(a, b).hi; }

/// Low half of a * b.
extern "C" __attribute__((export_name("mul_lo"))) uint64_t mul_lo(uint64_t a, uint64_t b) { return sdk::mul_u64(a, b).lo; }
