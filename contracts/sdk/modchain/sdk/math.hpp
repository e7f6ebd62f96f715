// Overflow-safe uint64 arithmetic for token and resource amounts.
//
// Contracts are built for wasm32 without compiler-rt, so `unsigned __int128` multiplication and division
// (which lower to __multi3 / __udivti3 calls) cannot be linked. The 64x64->128 product and the 128/64
// division below are written with 32-bit halves and a bitwise long division instead.
#pragma once

#include <stdint.h>

namespace modchain::sdk {

/// An unsigned 128-bit value as two 64-bit halves.
struct U128 {
  uint64_t hi = 0;  ///< bits 64..127
  uint64_t lo = 0;  ///< bits 0..63

  /// Equal halves.
  constexpr bool operator==(const U128&) const = default;
};

/// The exact product a * b.
constexpr U128 mul_u64(uint64_t a, uint64_t b) {
  // Schoolbook multiplication on 32-bit halves: every partial product fits in 64 bits.
  uint64_t a_lo = a & 0xffffffffu, a_hi = a >> 32;
  uint64_t b_lo = b & 0xffffffffu, b_hi = b >> 32;
  uint64_t ll = a_lo * b_lo;
  uint64_t lh = a_lo * b_hi;
  uint64_t hl = a_hi * b_lo;
  uint64_t hh = a_hi * b_hi;
  // Middle column: the high half of ll plus the low halves of the cross products (< 3 * 2^32).
  uint64_t mid = (ll >> 32) + (lh & 0xffffffffu) + (hl & 0xffffffffu);
  U128 out;
  out.lo = (mid << 32) | (ll & 0xffffffffu);
  out.hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
  return out;
}

/// True when a + b does not fit in 64 bits.
constexpr bool add_overflows(uint64_t a, uint64_t b) { return a > UINT64_MAX - b; }

/// True when a * b does not fit in 64 bits.
constexpr bool mul_overflows(uint64_t a, uint64_t b) { return mul_u64(a, b).hi != 0; }

/// floor(n / d) when it fits in 64 bits, with the remainder in `*remainder` (optional). When d == 0 or the
/// quotient needs more than 64 bits, `*overflow` (optional) is set to true and 0 is returned.
constexpr uint64_t div_u128(U128 n, uint64_t d, bool* overflow = nullptr, uint64_t* remainder = nullptr) {
  if (overflow != nullptr) *overflow = false;
  if (d == 0 || n.hi >= d) {  // n.hi >= d  <=>  n / d >= 2^64
    if (overflow != nullptr) *overflow = true;
    if (remainder != nullptr) *remainder = 0;
    return 0;
  }
  // Restoring long division over the 64 low bits; the running remainder starts at n.hi (< d) and stays
  // below d, so one extra carry bit is all that can spill out of 64 bits when it is shifted left.
  uint64_t rem = n.hi;
  uint64_t quotient = 0;
  for (int bit = 63; bit >= 0; --bit) {
    bool carry = (rem >> 63) != 0;
    rem = (rem << 1) | ((n.lo >> bit) & 1u);
    if (carry || rem >= d) {
      rem -= d;  // wraps correctly when carry is set: the true value is 2^64 + rem >= d
      quotient |= uint64_t{1} << bit;
    }
  }
  if (remainder != nullptr) *remainder = rem;
  return quotient;
}

/// floor(a * b / c) computed exactly through the 128-bit product (the usual "amount * numerator /
/// denominator" of token and resource formulas). On c == 0 or a result above 2^64 - 1, sets `*overflow`
/// (optional) and returns 0; otherwise `*overflow` is false.
constexpr uint64_t mul_div(uint64_t a, uint64_t b, uint64_t c, bool* overflow = nullptr) {
  return div_u128(mul_u64(a, b), c, overflow);
}

}  // namespace modchain::sdk
