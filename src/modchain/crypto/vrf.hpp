#pragma once
/// ECVRF over secp256k1 as used by Koinos' `verify_vrf_proof` (koinos-protocol.md §4.4): koinos/secp256k1-vrf,
/// i.e. draft-irtf-cfrg-vrf-05 ECVRF with SHA-256, try-and-increment hash-to-curve and suite byte 0xFE
/// (witnet/vrf-rs "SECP256K1_SHA256_TAI").
///
/// * hash_to_curve(Y, alpha): for ctr = 0, 1, …: h = sha256(0xFE ‖ 0x01 ‖ Y_compressed ‖ alpha ‖ ctr);
///   the first `02 ‖ h` that parses as a curve point is H (cofactor 1).
/// * proof (81 bytes) = Gamma (33, compressed) ‖ c (16, big-endian) ‖ s (32, big-endian).
/// * verify: U = s·G − c·Y, V = s·H − c·Gamma; valid iff c == first 16 bytes of
///   sha256(0xFE ‖ 0x02 ‖ H ‖ Gamma ‖ U ‖ V) (points compressed).
/// * beta = sha256(0xFE ‖ 0x03 ‖ Gamma_compressed).
///
/// Edge cases follow the C library the reference node links (aergoio-derived secp256k1-vrf): Gamma and Y must be
/// 33-byte compressed points; c = 0, s = 0 and s >= n never verify (the library's scalar multiplication
/// refuses them; vrf-rs would reduce s mod n instead); a point at infinity among U, V is hashed as 33 zero
/// bytes (what the library's serializer leaves in its zeroed buffer).
///
/// Point arithmetic uses only libsecp256k1's public API. Verification is not constant time (public inputs);
/// proving uses libsecp256k1's constant-time secret-key operations.

#include <array>
#include <cstdint>
#include <optional>

#include "modchain/crypto/hash.hpp"
#include "modchain/crypto/secp256k1.hpp"
#include "modchain/util/bytes.hpp"

namespace modchain::crypto {

inline constexpr size_t k_vrf_proof_size = 81;  ///< Gamma 33 ‖ c 16 ‖ s 32
inline constexpr uint8_t k_vrf_suite = 0xFE;    ///< SECP256K1_SHA256_TAI suite string

/// An 81-byte ECVRF proof.
using VrfProof = std::array<uint8_t, k_vrf_proof_size>;

/// Verifies `proof` for `message` under `public_key` (33-byte compressed SEC1). Returns beta (the 32-byte VRF
/// output) iff the proof is valid; std::nullopt for any invalid input (wrong sizes, undecodable points,
/// c = 0, s = 0 or s >= n, failed equation). Never throws.
std::optional<Digest256> vrf_verify(util::ByteView public_key, util::ByteView proof, util::ByteView message);

/// beta for a proof's Gamma without verifying the proof (std::nullopt if the proof is not 81 bytes or Gamma
/// does not decode). Only meaningful for a proof already verified or just produced.
std::optional<Digest256> vrf_proof_to_hash(util::ByteView proof);

/// The try-and-increment hash-to-curve point H (compressed) for `public_key` (33-byte compressed) and
/// `message`; std::nullopt if the key does not decode (or, with probability 2^-256, no counter 0..255 works).
std::optional<std::array<uint8_t, 33>> vrf_hash_to_curve(util::ByteView public_key, util::ByteView message);

/// Produces the deterministic proof of vrf-rs / secp256k1-vrf: nonce k = RFC 6979 (HMAC-SHA256) with the
/// secret key and sha256(H_compressed) as the message hash; c = hash_points(H, Gamma, k·G, k·H);
/// s = k + c·x mod n. vrf_verify accepts the result for `message` under `key.public_key()`.
VrfProof vrf_prove(const PrivateKey& key, util::ByteView message);

}  // namespace modchain::crypto
