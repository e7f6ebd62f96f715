/* Compute kernels for the VM tests and benchmarks, built for wasm32 (contract) and natively (baseline).
 *
 * run(which, n): 0 = SHA-256 over n bytes, 1 = recursive fib(n), 2 = hash map with n inserts + n lookups.
 * Returns a checksum so every engine and the native build can be compared.
 *
 * As a contract, _start reads 8 bytes of arguments {which, n} (little-endian u32s) with system call 603
 * and reports the u64 checksum with system call 602. These are test-only payloads, not the Koinos
 * protobuf messages: the test host (not the kernel) answers them. */
#include <stdint.h>

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static const uint32_t k_sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static void sha256_block(uint32_t state[8], const uint8_t block[64]) {
  uint32_t w[64];
  for (int i = 0; i < 16; ++i) {
    w[i] = (uint32_t)block[4 * i] << 24 | (uint32_t)block[4 * i + 1] << 16 | (uint32_t)block[4 * i + 2] << 8 |
           (uint32_t)block[4 * i + 3];
  }
  for (int i = 16; i < 64; ++i) {
    uint32_t s0 = ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
  uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
  for (int i = 0; i < 64; ++i) {
    uint32_t t1 = h + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) + ((e & f) ^ (~e & g)) + k_sha256_k[i] + w[i];
    uint32_t t2 = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
  }
  state[0] += a; state[1] += b; state[2] += c; state[3] += d;
  state[4] += e; state[5] += f; state[6] += g; state[7] += h;
}

/* SHA-256 of n bytes of the pattern byte[i] = i * 31 (padding included). */
static uint64_t sha256_pattern(uint32_t n) {
  uint32_t state[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  uint8_t block[64];
  uint32_t pos = 0;
  for (uint32_t i = 0; i < n; ++i) {
    block[pos++] = (uint8_t)(i * 31u);
    if (pos == 64) { sha256_block(state, block); pos = 0; }
  }
  block[pos++] = 0x80;
  if (pos > 56) {
    while (pos < 64) block[pos++] = 0;
    sha256_block(state, block);
    pos = 0;
  }
  while (pos < 56) block[pos++] = 0;
  uint64_t bits = (uint64_t)n * 8u;
  for (int i = 7; i >= 0; --i) block[pos++] = (uint8_t)(bits >> (8 * i));
  sha256_block(state, block);
  return (uint64_t)state[0] << 32 | state[1];
}

static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

#define MAP_BITS 18
#define MAP_SIZE (1u << MAP_BITS)
static uint64_t g_keys[MAP_SIZE];
static uint64_t g_values[MAP_SIZE];

static uint64_t next_key(uint64_t* x) {
  *x ^= *x << 13; *x ^= *x >> 7; *x ^= *x << 17;
  return *x | 1u; /* 0 marks an empty slot */
}

/* Open addressing with linear probing; n must stay below MAP_SIZE / 2. */
static uint64_t map_workload(uint32_t n) {
  for (uint32_t i = 0; i < MAP_SIZE; ++i) g_keys[i] = 0;
  uint64_t x = 88172645463325252ull;
  for (uint32_t i = 0; i < n; ++i) {
    uint64_t key = next_key(&x);
    uint32_t slot = (uint32_t)(key * 0x9E3779B97F4A7C15ull >> (64 - MAP_BITS));
    while (g_keys[slot] != 0 && g_keys[slot] != key) slot = (slot + 1) & (MAP_SIZE - 1);
    g_keys[slot] = key;
    g_values[slot] = i;
  }
  uint64_t sum = 0;
  x = 88172645463325252ull;
  for (uint32_t i = 0; i < n; ++i) {
    uint64_t key = next_key(&x);
    uint32_t slot = (uint32_t)(key * 0x9E3779B97F4A7C15ull >> (64 - MAP_BITS));
    while (g_keys[slot] != key) slot = (slot + 1) & (MAP_SIZE - 1);
    sum = sum * 31 + g_values[slot];
  }
  return sum;
}

#ifdef __wasm__
#define EXPORT(name) __attribute__((export_name(name)))
#else
#define EXPORT(name)
#endif

EXPORT("run") uint64_t kernels_run(uint32_t which, uint32_t n) {
  switch (which) {
    case 0: return sha256_pattern(n);
    case 1: return fib(n);
    case 2: return map_workload(n < MAP_SIZE / 2 ? n : MAP_SIZE / 2);
    default: return 0;
  }
}

#ifdef __wasm__
__attribute__((import_module("env"), import_name("invoke_system_call"))) int32_t invoke_system_call(
    uint32_t id, void* ret, uint32_t ret_len, const void* arg, uint32_t arg_len, uint32_t* bytes_written);

EXPORT("_start") void start(void) {
  uint32_t args[2] = {0, 0};
  uint32_t written = 0;
  invoke_system_call(603, args, sizeof args, 0, 0, &written);
  uint64_t result = kernels_run(args[0], args[1]);
  invoke_system_call(602, 0, 0, &result, sizeof result, &written);
}
#endif
