#pragma once
/// secp256k1 keys and Koinos compact recoverable signatures (koinos-protocol.md §4).
///
/// Signatures are 65 bytes: `31 + recid || r (32, big-endian) || s (32, big-endian)`. Signing is RFC 6979
/// deterministic (libsecp256k1's default nonce, no extra data) and low-S, so it is byte-identical to koilib
/// and to koinos-crypto's first attempt. Recovery reproduces the reference's checks exactly, quirks included.
/// One libsecp256k1 context is created on first use and shared by all threads (it is read-only after setup).
/// libsecp256k1 headers stay in the .cpp.

#include <array>
#include <compare>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "modchain/crypto/address.hpp"
#include "modchain/crypto/hash.hpp"
#include "modchain/util/bytes.hpp"
#include "modchain/util/error.hpp"

namespace modchain::crypto {

/// A 65-byte compact recoverable signature.
using CompactSignature = std::array<uint8_t, 65>;

/// A secp256k1 public key (always a valid curve point). Stored compressed.
class PublicKey {
 public:
  static constexpr size_t k_compressed_size = 33;    ///< `02/03 || X`
  static constexpr size_t k_uncompressed_size = 65;  ///< `04 || X || Y`

  /// Parses SEC1: 33 bytes `02/03 || X` or 65 bytes `04 || X || Y`. Hybrid keys (06/07), other sizes and
  /// points not on the curve are `invalid_argument`.
  static util::Result<PublicKey> from_bytes(util::ByteView bytes);

  /// The 33-byte compressed form (what Koinos puts on the wire and hashes into addresses).
  const std::array<uint8_t, 33>& compressed() const noexcept { return m_compressed; }

  /// The 65-byte uncompressed form `04 || X || Y`.
  std::array<uint8_t, 65> uncompressed() const;

  /// compressed() or uncompressed() as owned bytes (the recover_public_key system call's `compressed` flag).
  util::Bytes serialize(bool compressed = true) const;

  /// The Koinos address of this key.
  Address address() const { return Address::from_public_key(m_compressed); }

  /// Compares the compressed encodings (one per point).
  friend bool operator==(const PublicKey&, const PublicKey&) = default;
  friend auto operator<=>(const PublicKey&, const PublicKey&) = default;

 private:
  explicit PublicKey(const std::array<uint8_t, 33>& compressed) : m_compressed(compressed) {}
  friend class PrivateKey;
  friend util::Result<PublicKey> recover_compact(util::ByteView, const Digest256&);

  std::array<uint8_t, 33> m_compressed;
};

/// A secp256k1 private key: a scalar in [1, n-1]. The secret is wiped on destruction.
class PrivateKey {
 public:
  /// From 32 big-endian bytes; 0 and values >= n (and any other size) are `invalid_argument`.
  static util::Result<PrivateKey> from_bytes(util::ByteView secret);

  /// koilib's `Signer.fromSeed(seed)`: the secret is sha256(seed). (A seed hashing to an invalid scalar
  /// would need a sha256 preimage with 128 leading one bits; treated as impossible, asserted.)
  static PrivateKey from_seed(std::string_view seed);

  /// A key from 32 bytes of caller-supplied entropy (this layer has no randomness source): the entropy
  /// itself when it is a valid scalar, else sha256 of it, repeated until valid. Deterministic, never fails.
  static PrivateKey generate(std::span<const uint8_t, 32> entropy);

  /// Parses WIF (§4.1): base58check of `0x80 || secret32 || 0x01`. The legacy uncompressed form (no 0x01,
  /// "5…") is accepted too, as koinos-crypto's from_wif does; Koinos keys are used compressed either way.
  /// Bad base58/checksum, wrong length, prefix or compression flag are `invalid_encoding`; an out-of-range
  /// secret is `invalid_argument`.
  static util::Result<PrivateKey> from_wif(std::string_view wif);

  /// The WIF form with the compressed flag, e.g. "L4E99PaFJZRfxmeyND8XGJGjtuTZGB9LGVzjxGp7gEKbuZVQWRUU".
  std::string to_wif() const;

  /// The 32-byte big-endian secret.
  const std::array<uint8_t, 32>& secret() const noexcept { return m_secret; }

  /// The matching public key.
  PublicKey public_key() const;

  /// Signs a 32-byte digest (for transactions: the digest inside the transaction id). RFC 6979, low-S,
  /// header byte 31 + recovery id.
  CompactSignature sign_compact(const Digest256& digest) const;

  /// Signs like koinos-crypto-cpp's `private_key::sign_compact` (the reference node and block producer), which
  /// differs from koilib: its nonce callback bumps a counter before each use, so the first nonce tried is
  /// RFC 6979's second candidate; it re-signs until is_koinos_canonical (low-S always is). Both forms verify
  /// identically; this one exists to reproduce reference-node signatures byte for byte.
  CompactSignature sign_compact_koinos_cpp(const Digest256& digest) const;

  /// Copies the secret (each copy wipes its own on destruction).
  PrivateKey(const PrivateKey&) = default;
  PrivateKey& operator=(const PrivateKey&) = default;
  /// Wipes the secret.
  ~PrivateKey();

  /// Compares secrets (not constant-time: for tests and key management, not for secret-dependent checks).
  friend bool operator==(const PrivateKey&, const PrivateKey&) = default;

 private:
  explicit PrivateKey(const std::array<uint8_t, 32>& secret) : m_secret(secret) {}
  std::array<uint8_t, 32> m_secret;
};

/// The reference's "canonical" test (§4.3 step 3): the 32 big-endian bytes of s (signature bytes 33..64)
/// compared with memcmp against the little-endian image of n/2 (`A0 20 1B 68 … FF 7F`); true iff <=.
/// Every low-S signature passes, and so do high-S values starting with 0x80–0x9F (and some 0xA0…).
/// `signature` must be 65 bytes (false otherwise).
bool is_koinos_canonical(util::ByteView signature) noexcept;

/// Recovers the signer of `digest` exactly as Koinos' recover_public_key thunk (§4.3), in this order:
/// 1. size != 65 → `invalid_signature`;
/// 2. !is_koinos_canonical → `invalid_signature`;
/// 3. header byte outside 31..33 → `reversion` (code 1): the reference throws a generic crypto exception
///    here, which is a reversion from WASM but invalidates the block in native authority checks (§9.4) —
///    the caller decides;
/// 4. libsecp256k1 recovery with recid = `sig[0] >> 5` (31→0, 32→1, 33→1); r or s zero or >= n, or no
///    point → `reversion` (code 1, same generic exception).
util::Result<PublicKey> recover_compact(util::ByteView signature, const Digest256& digest);

/// recover_compact with the digest given as a serialized multihash (the system call's `digest` argument),
/// decoded like the reference (Multihash::from_bytes_koinos_lenient: trailing bytes ignored, a short digest
/// zero-filled). Checks in the reference's order: digest length 32 (else `reversion`, code 1), signature
/// length 65 and canonical s (`invalid_signature`), then as recover_compact. An undecodable multihash is
/// `reversion` too. Any hash code is accepted; only the digest bytes are used.
util::Result<PublicKey> recover_compact_multihash(util::ByteView signature, util::ByteView digest_multihash);

/// Koinos verify_signature: recovers and compares with `public_key`. Recovery errors propagate (as in the
/// reference, where the recover call throws); otherwise true iff the recovered key equals `public_key`.
util::Result<bool> verify_compact(const PublicKey& public_key, util::ByteView signature, const Digest256& digest);

}  // namespace modchain::crypto
