#pragma once
/// Hash functions used by the Koinos protocol: sha1, sha2-256, sha2-512, ripemd-160 (OpenSSL EVP) and
/// Ethereum's Keccak-256 (own Keccak-f[1600], original 0x01 padding, not NIST SHA3-256).
///
/// All functions are thread-safe and never fail: the OpenSSL algorithms are fetched once per process and a
/// missing algorithm is a fatal MODCHAIN_ASSERT at first use (a broken installation, not an input error).

#include <array>
#include <cstdint>
#include <memory>

#include "modchain/util/bytes.hpp"

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX, kept out of this header.

namespace modchain::crypto {

/// A 32-byte digest (sha2-256, keccak-256).
using Digest256 = std::array<uint8_t, 32>;

/// A 64-byte digest (sha2-512).
using Digest512 = std::array<uint8_t, 64>;

/// A 20-byte digest (sha1, ripemd-160).
using Digest160 = std::array<uint8_t, 20>;

/// SHA-1 (Koinos multihash code 0x11). Not collision resistant; present only for protocol completeness.
Digest160 sha1(util::ByteView data);

/// SHA2-256 (Koinos multihash code 0x12): ids, merkle roots, addresses.
Digest256 sha256(util::ByteView data);

/// SHA2-256 of the concatenation `a || b` without building it (merkle parents, double hashing).
Digest256 sha256(util::ByteView a, util::ByteView b);

/// SHA2-512 (Koinos multihash code 0x13).
Digest512 sha512(util::ByteView data);

/// RIPEMD-160 (Koinos multihash code 0x1053): the address hash.
Digest160 ripemd160(util::ByteView data);

/// Ethereum Keccak-256 (Koinos multihash code 0x1b): Keccak[r=1088, c=512] with the original 0x01 padding.
/// keccak256("") = c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470.
Digest256 keccak256(util::ByteView data);

namespace detail {
/// The Keccak[r=1088, c=512] sponge with 32-byte output and the given domain/padding byte: 0x01 gives
/// keccak256, 0x06 gives NIST SHA3-256 (used by the tests to check the permutation against OpenSSL).
Digest256 keccak_sponge256(util::ByteView data, uint8_t domain_byte);
}  // namespace detail

/// Incremental SHA2-256 for inputs that arrive in pieces. Not copyable; movable.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  /// Appends bytes to the hashed input.
  Sha256& update(util::ByteView data);

  /// Returns the digest of everything appended since construction or the last finish(), and resets the
  /// hasher so it can be reused for a new input.
  Digest256 finish();

 private:
  struct CtxDeleter {
    void operator()(evp_md_ctx_st* ctx) const noexcept;
  };
  std::unique_ptr<evp_md_ctx_st, CtxDeleter> m_ctx;
};

}  // namespace modchain::crypto
