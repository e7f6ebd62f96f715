#pragma once
/// Koinos multihash (koinos-protocol.md §1.2): `uvarint(code) || uvarint(digest_len) || digest`.
/// Ids, merkle roots and the chain id are sha2-256 multihashes (34 bytes, prefix `12 20`).

#include <compare>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "modchain/util/bytes.hpp"
#include "modchain/util/error.hpp"

namespace modchain::crypto {

/// Multicodec hash codes known to Koinos.
namespace hash_code {
inline constexpr uint64_t identity = 0x00;     ///< digest = the data itself
inline constexpr uint64_t sha1 = 0x11;         ///< 20-byte digest
inline constexpr uint64_t sha2_256 = 0x12;     ///< 32-byte digest; the mainnet block hash code
inline constexpr uint64_t sha2_512 = 0x13;     ///< 64-byte digest
inline constexpr uint64_t keccak_256 = 0x1b;   ///< 32-byte digest (Ethereum Keccak, not SHA3)
inline constexpr uint64_t ripemd_160 = 0x1053; ///< 20-byte digest; varint bytes `d3 20`
}  // namespace hash_code

/// True for the codes listed in `hash_code`.
bool is_known_hash_code(uint64_t code) noexcept;

/// The standard digest size of a known code (identity: 0), or nullopt for an unknown code.
std::optional<size_t> standard_digest_size(uint64_t code) noexcept;

/// A hash code plus digest. Equality compares code and digest bytes; ordering is by code, then digest
/// lexicographically (a shorter digest that is a prefix of a longer one sorts first).
struct Multihash {
  uint64_t code = hash_code::sha2_256;  ///< multicodec hash code
  util::Bytes digest;                   ///< raw digest bytes (any length when parsed)

  /// The binary form `uvarint(code) || uvarint(digest.size()) || digest` (minimal varints).
  util::Bytes to_bytes() const;

  /// Parses the binary form. Strict: the input must be exactly one multihash. Truncated varints or digest,
  /// a varint over 64 bits and trailing bytes are `invalid_encoding`. The code and the digest length are not
  /// checked against each other (the protocol carries arbitrary multihashes, e.g. in contract arguments).
  /// Overlong (non-minimal) varints are accepted, like every other varint decoder in the protocol.
  static util::Result<Multihash> from_bytes(util::ByteView bytes);

  /// Largest digest from_bytes_koinos_lenient will zero-fill (1 MiB); see there.
  static constexpr uint64_t k_max_lenient_digest = 1u << 20;

  /// Parses exactly like the reference node decodes multihash system call arguments (koinos-util
  /// `converter::to<multihash>`): one multihash at the start, trailing bytes ignored, a digest shorter than
  /// its declared length zero-filled to that length, and varints decoded with the reference's arithmetic
  /// (each 7-bit group shifted as a 32-bit int: groups past bit 31 wrap, a group reaching bit 31 sign-extends).
  /// Errors (`invalid_encoding`): empty input or a varint whose last byte has the continuation bit (the
  /// reference throws a generic exception), and a declared length above k_max_lenient_digest (the reference
  /// would try to allocate it). Use for consensus paths that take multihashes from contracts; use from_bytes
  /// for everything else.
  static util::Result<Multihash> from_bytes_koinos_lenient(util::ByteView bytes);

  /// Lowercase hex of to_bytes(), e.g. "1220e3b0…", for logs and test output.
  std::string to_hex() const;

  /// Code and digest bytes equal.
  friend bool operator==(const Multihash&, const Multihash&) = default;
  /// By code, then digest lexicographically.
  friend std::strong_ordering operator<=>(const Multihash& a, const Multihash& b) {
    if (auto c = a.code <=> b.code; c != 0) return c;
    return a.digest <=> b.digest;
  }
};

/// H(data): the sha2-256 multihash of `data` (`12 20 || sha256(data)`).
Multihash multihash_sha256(util::ByteView data);

/// The multihash of `data` with hash `code`; an unknown code is `unknown_hash_code` (as in the
/// reference's hash system call). Identity copies the data.
util::Result<Multihash> multihash(uint64_t code, util::ByteView data);

/// The "zero" multihash: `code` with an all-zero digest of the code's standard size. `code` must be known
/// (is_known_hash_code); an unknown code is a programming error (assert).
Multihash zero_multihash(uint64_t code = hash_code::sha2_256);

/// The "empty" multihash: the hash of the empty string with `code`. `code` must be known (assert).
Multihash empty_multihash(uint64_t code = hash_code::sha2_256);

}  // namespace modchain::crypto

/// Hashes every byte of code and digest (digests inside contract arguments are attacker-chosen, so no
/// prefix shortcuts), for unordered containers keyed by ids.
template <>
struct std::hash<modchain::crypto::Multihash> {
  size_t operator()(const modchain::crypto::Multihash& m) const noexcept {
    const std::string_view digest(reinterpret_cast<const char*>(m.digest.data()), m.digest.size());
    return std::hash<std::string_view>{}(digest) ^ (std::hash<uint64_t>{}(m.code) * 0x9e3779b97f4a7c15ULL);
  }
};
