// Entry point ids computed at compile time.
//
// Koinos convention: a method's entry point is the first 4 bytes of sha256(method name), read big-endian
// (e.g. "authorize" -> 0x4a2dbd90). The kernel only enforces it for `authorize`, but every tool (the
// AssemblyScript generator, koilib ABIs) follows it, so test contracts do too. A constexpr SHA-256 lets
// contracts write entry_point_id("transfer") instead of pasting magic numbers, and static_asserts pin the
// well-known ids.
#pragma once

#include "modchain/sdk/bytes.hpp"

namespace modchain::sdk {

/// A SHA-256 digest.
struct Sha256Digest {
  uint8_t bytes[32] = {};  ///< the 32 digest bytes
};

namespace detail {

constexpr uint32_t rotr(uint32_t x, uint32_t n) { return (x >> n) | (x << (32 - n)); }

constexpr uint32_t k_sha256_round[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr void sha256_block(uint32_t (&h)[8], const uint8_t (&block)[64]) {
  uint32_t w[64] = {};
  for (uint32_t i = 0; i < 16; ++i) {
    w[i] = (uint32_t{block[4 * i]} << 24) | (uint32_t{block[4 * i + 1]} << 16) |
           (uint32_t{block[4 * i + 2]} << 8) | uint32_t{block[4 * i + 3]};
  }
  for (uint32_t i = 16; i < 64; ++i) {
    uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (uint32_t i = 0; i < 64; ++i) {
    uint32_t t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k_sha256_round[i] + w[i];
    uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    hh = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

}  // namespace detail

/// SHA-256 of `size` bytes read through `data[i]` (uint8_t or char elements). Meant for compile time
/// (entry point ids); at run time prefer the `hash` system call, which the chain prices per byte
/// instead of by VM ticks.
template <typename Byte>
constexpr Sha256Digest sha256(const Byte* data, uint32_t size) {
  uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  uint8_t block[64] = {};
  uint32_t used = 0;
  for (uint32_t i = 0; i < size; ++i) {
    block[used++] = static_cast<uint8_t>(data[i]);
    if (used == 64) {
      detail::sha256_block(h, block);
      used = 0;
    }
  }
  block[used++] = 0x80;
  if (used > 56) {
    while (used < 64) block[used++] = 0;
    detail::sha256_block(h, block);
    used = 0;
  }
  while (used < 56) block[used++] = 0;
  uint64_t bits = static_cast<uint64_t>(size) * 8;
  for (int i = 7; i >= 0; --i) block[used++] = static_cast<uint8_t>(bits >> (8 * i));
  detail::sha256_block(h, block);
  Sha256Digest out;
  for (uint32_t i = 0; i < 8; ++i) {
    for (uint32_t j = 0; j < 4; ++j) out.bytes[4 * i + j] = static_cast<uint8_t>(h[i] >> (24 - 8 * j));
  }
  return out;
}

/// Entry point id of a method: the first 4 bytes of sha256(name), big-endian.
/// Use it in constant expressions: `constexpr uint32_t k_put = entry_point_id("put");`.
template <uint32_t N>
consteval uint32_t entry_point_id(const char (&name)[N]) {
  Sha256Digest d = sha256(name, N - 1);
  return (uint32_t{d.bytes[0]} << 24) | (uint32_t{d.bytes[1]} << 16) | (uint32_t{d.bytes[2]} << 8) | d.bytes[3];
}

/// Entry point ids the kernel and the system contracts rely on (values from koinos-protocol.md §3).
namespace entry_points {
inline constexpr uint32_t k_authorize = entry_point_id("authorize");
inline constexpr uint32_t k_get_account_rc = entry_point_id("get_account_rc");
inline constexpr uint32_t k_consume_account_rc = entry_point_id("consume_account_rc");
inline constexpr uint32_t k_get_resource_limits = entry_point_id("get_resource_limits");
inline constexpr uint32_t k_consume_block_resources = entry_point_id("consume_block_resources");
inline constexpr uint32_t k_process_block_signature = entry_point_id("process_block_signature");
inline constexpr uint32_t k_check_system_authority = entry_point_id("check_system_authority");
inline constexpr uint32_t k_get_contract_metadata = entry_point_id("get_contract_metadata");
}  // namespace entry_points

// The constexpr SHA-256 must reproduce the documented ids; a wrong round constant fails the build here.
static_assert(entry_points::k_authorize == 0x4a2dbd90);
static_assert(entry_points::k_get_account_rc == 0x2d464aab);
static_assert(entry_points::k_consume_account_rc == 0x80e3f5c9);
static_assert(entry_points::k_get_resource_limits == 0x427a0394);
static_assert(entry_points::k_consume_block_resources == 0x9850b1fd);
static_assert(entry_points::k_process_block_signature == 0xe0adbeab);
static_assert(entry_points::k_check_system_authority == 0xa88d06c9);
static_assert(entry_points::k_get_contract_metadata == 0x784faa08);
static_assert(entry_point_id("transfer") == 0x27f576ca);
static_assert(entry_point_id("name") == 0x82a3537f);

}  // namespace modchain::sdk
