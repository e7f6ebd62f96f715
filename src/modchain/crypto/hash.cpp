#include "modchain/crypto/hash.hpp"

#include <openssl/evp.h>

#include <cstring>

#include "modchain/util/assert.hpp"

namespace modchain::crypto {
namespace {

// The OpenSSL algorithms used here. Fetched explicitly once: OpenSSL 3's implicit fetch inside
// EVP_sha256() & co. costs a provider lookup per hash, which shows on 100-byte inputs.
enum Algorithm : size_t { k_sha1, k_sha256, k_sha512, k_ripemd160, k_algorithm_count };

const EVP_MD* fetched(Algorithm algorithm) {
  static const std::array<const EVP_MD*, k_algorithm_count> table = [] {
    std::array<const EVP_MD*, k_algorithm_count> mds{};
    const char* names[k_algorithm_count] = {"SHA1", "SHA2-256", "SHA2-512", "RIPEMD-160"};
    for (size_t i = 0; i < k_algorithm_count; ++i) {
      mds[i] = EVP_MD_fetch(nullptr, names[i], nullptr);
      // RIPEMD-160 lives in OpenSSL 3's default provider since 3.0.7 (Debian 12 ships 3.0.x >= 3.0.9).
      MODCHAIN_ASSERT(mds[i] != nullptr, "OpenSSL lacks a hash algorithm the protocol needs");
    }
    return mds;
  }();
  return table[algorithm];
}

// One reusable EVP_MD_CTX per thread and algorithm: avoids an allocation per hash.
EVP_MD_CTX* thread_context(Algorithm algorithm) {
  struct Contexts {
    std::array<EVP_MD_CTX*, k_algorithm_count> ctx{};
    ~Contexts() {
      for (auto* c : ctx) EVP_MD_CTX_free(c);
    }
  };
  thread_local Contexts contexts;
  auto*& ctx = contexts.ctx[algorithm];
  if (ctx == nullptr) {
    ctx = EVP_MD_CTX_new();
    MODCHAIN_ASSERT(ctx != nullptr, "EVP_MD_CTX_new failed (out of memory)");
  }
  return ctx;
}

template <size_t N>
std::array<uint8_t, N> evp_digest(Algorithm algorithm, util::ByteView a, util::ByteView b = {}) {
  EVP_MD_CTX* ctx = thread_context(algorithm);
  std::array<uint8_t, N> out{};
  unsigned int length = 0;
  const bool ok = EVP_DigestInit_ex2(ctx, fetched(algorithm), nullptr) == 1 &&
                  EVP_DigestUpdate(ctx, a.data(), a.size()) == 1 &&
                  (b.empty() || EVP_DigestUpdate(ctx, b.data(), b.size()) == 1) &&
                  EVP_DigestFinal_ex(ctx, out.data(), &length) == 1;
  MODCHAIN_ASSERT(ok && length == N, "OpenSSL digest failed");
  return out;
}

// ---- Keccak-f[1600] (FIPS 202 permutation), used with Ethereum's original padding. ----

constexpr std::array<uint64_t, 24> k_round_constants = {
    0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808AULL, 0x8000000080008000ULL,
    0x000000000000808BULL, 0x0000000080000001ULL, 0x8000000080008081ULL, 0x8000000000008009ULL,
    0x000000000000008AULL, 0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000AULL,
    0x000000008000808BULL, 0x800000000000008BULL, 0x8000000000008089ULL, 0x8000000000008003ULL,
    0x8000000000008002ULL, 0x8000000000000080ULL, 0x000000000000800AULL, 0x800000008000000AULL,
    0x8000000080008081ULL, 0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL};

// Rotation offsets r[x + 5y] (the rho step).
constexpr std::array<unsigned, 25> k_rotations = {0,  1,  62, 28, 27,  //
                                                  36, 44, 6,  55, 20,  //
                                                  3,  10, 43, 25, 39,  //
                                                  41, 45, 15, 21, 8,   //
                                                  18, 2,  61, 56, 14};

constexpr uint64_t rotl(uint64_t v, unsigned n) { return n == 0 ? v : (v << n) | (v >> (64 - n)); }

/// The 24-round permutation on 25 lanes, lane (x, y) at index x + 5y.
void keccak_f1600(std::array<uint64_t, 25>& a) {
  for (uint64_t round_constant : k_round_constants) {
    // theta: xor each lane with the parities of two neighbouring columns.
    uint64_t c[5];
    for (int x = 0; x < 5; ++x) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (int x = 0; x < 5; ++x) {
      const uint64_t d = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1);
      for (int y = 0; y < 25; y += 5) a[x + y] ^= d;
    }
    // rho and pi: rotate each lane and move (x, y) to (y, 2x + 3y).
    std::array<uint64_t, 25> b{};
    for (int x = 0; x < 5; ++x) {
      for (int y = 0; y < 5; ++y) b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(a[x + 5 * y], k_rotations[x + 5 * y]);
    }
    // chi: the only non-linear step, along rows.
    for (int y = 0; y < 25; y += 5) {
      for (int x = 0; x < 5; ++x) a[x + y] = b[x + y] ^ (~b[(x + 1) % 5 + y] & b[(x + 2) % 5 + y]);
    }
    // iota
    a[0] ^= round_constant;
  }
}

uint64_t load_le64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

}  // namespace

Digest160 sha1(util::ByteView data) { return evp_digest<20>(k_sha1, data); }

Digest256 sha256(util::ByteView data) { return evp_digest<32>(k_sha256, data); }

Digest256 sha256(util::ByteView a, util::ByteView b) { return evp_digest<32>(k_sha256, a, b); }

Digest512 sha512(util::ByteView data) { return evp_digest<64>(k_sha512, data); }

Digest160 ripemd160(util::ByteView data) { return evp_digest<20>(k_ripemd160, data); }

Digest256 keccak256(util::ByteView data) { return detail::keccak_sponge256(data, 0x01); }

Digest256 detail::keccak_sponge256(util::ByteView data, uint8_t domain_byte) {
  constexpr size_t k_rate = 136;  // (1600 - 2 * 256) / 8 bytes absorbed per permutation
  std::array<uint64_t, 25> state{};
  size_t offset = 0;
  for (; data.size() - offset >= k_rate; offset += k_rate) {
    for (size_t i = 0; i < k_rate / 8; ++i) state[i] ^= load_le64(data.data() + offset + 8 * i);
    keccak_f1600(state);
  }
  // Last (possibly empty) block with pad10*1 after the domain bits (Keccak 0x01, SHA3 0x06).
  std::array<uint8_t, k_rate> block{};
  const size_t rest = data.size() - offset;
  if (rest > 0) std::memcpy(block.data(), data.data() + offset, rest);
  block[rest] ^= domain_byte;
  block[k_rate - 1] ^= 0x80;
  for (size_t i = 0; i < k_rate / 8; ++i) state[i] ^= load_le64(block.data() + 8 * i);
  keccak_f1600(state);

  Digest256 out{};
  for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<uint8_t>(state[i / 8] >> (8 * (i % 8)));
  return out;
}

// ---- Sha256 ----

void Sha256::CtxDeleter::operator()(evp_md_ctx_st* ctx) const noexcept { EVP_MD_CTX_free(ctx); }

Sha256::Sha256() : m_ctx(EVP_MD_CTX_new()) {
  MODCHAIN_ASSERT(m_ctx != nullptr, "EVP_MD_CTX_new failed (out of memory)");
  MODCHAIN_ASSERT(EVP_DigestInit_ex2(m_ctx.get(), fetched(k_sha256), nullptr) == 1, "sha256 init failed");
}

Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

Sha256& Sha256::update(util::ByteView data) {
  MODCHAIN_ASSERT(m_ctx != nullptr, "Sha256 used after move");
  MODCHAIN_ASSERT(EVP_DigestUpdate(m_ctx.get(), data.data(), data.size()) == 1, "sha256 update failed");
  return *this;
}

Digest256 Sha256::finish() {
  MODCHAIN_ASSERT(m_ctx != nullptr, "Sha256 used after move");
  Digest256 out{};
  unsigned int length = 0;
  MODCHAIN_ASSERT(EVP_DigestFinal_ex(m_ctx.get(), out.data(), &length) == 1 && length == out.size(),
                  "sha256 final failed");
  MODCHAIN_ASSERT(EVP_DigestInit_ex2(m_ctx.get(), fetched(k_sha256), nullptr) == 1, "sha256 init failed");
  return out;
}

}  // namespace modchain::crypto
