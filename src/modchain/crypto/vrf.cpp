#include "modchain/crypto/vrf.hpp"

#include <openssl/crypto.h>
#include <secp256k1.h>

#include <cstring>

#include "modchain/crypto/secp256k1_context.hpp"
#include "modchain/util/assert.hpp"

namespace modchain::crypto {
namespace {

using Point33 = std::array<uint8_t, 33>;
using Scalar32 = std::array<uint8_t, 32>;

constexpr uint8_t k_hash_to_curve_domain = 0x01;
constexpr uint8_t k_hash_points_domain = 0x02;
constexpr uint8_t k_proof_to_hash_domain = 0x03;
constexpr size_t k_c_size = 16;
constexpr size_t k_gamma_offset = 0;
constexpr size_t k_c_offset = 33;
constexpr size_t k_s_offset = 49;

// The layer's shared context (secp256k1_context.cpp).
const secp256k1_context* context() { return detail::secp256k1_context(); }

// Parses a 33-byte compressed point (02/03 ‖ X with X < p on the curve).
std::optional<secp256k1_pubkey> parse_point(util::ByteView bytes) {
  if (bytes.size() != 33 || (bytes[0] != 0x02 && bytes[0] != 0x03)) return std::nullopt;
  secp256k1_pubkey point;
  if (secp256k1_ec_pubkey_parse(context(), &point, bytes.data(), bytes.size()) != 1) return std::nullopt;
  return point;
}

Point33 serialize(const secp256k1_pubkey& point) {
  Point33 out{};
  size_t length = out.size();
  MODCHAIN_ASSERT(secp256k1_ec_pubkey_serialize(context(), out.data(), &length, &point, SECP256K1_EC_COMPRESSED) == 1 &&
                      length == out.size(),
                  "secp256k1_ec_pubkey_serialize failed");
  return out;
}

// scalar·point for 0 < scalar < n (false otherwise).
bool multiply(secp256k1_pubkey& point, const Scalar32& scalar) {
  return secp256k1_ec_pubkey_tweak_mul(context(), &point, scalar.data()) == 1;
}

// a − b, compressed; 33 zero bytes when the difference is the point at infinity (the reference library hashes
// its zeroed serialization buffer in that case).
Point33 subtract(const secp256k1_pubkey& a, secp256k1_pubkey b) {
  MODCHAIN_ASSERT(secp256k1_ec_pubkey_negate(context(), &b) == 1, "secp256k1_ec_pubkey_negate failed");
  const secp256k1_pubkey* terms[2] = {&a, &b};
  secp256k1_pubkey sum;
  if (secp256k1_ec_pubkey_combine(context(), &sum, terms, 2) != 1) return Point33{};
  return serialize(sum);
}

// The hash-to-curve point for a compressed key Y (already validated) and alpha.
std::optional<secp256k1_pubkey> hash_to_curve(const Point33& y, util::ByteView alpha) {
  util::Bytes input;
  input.reserve(2 + y.size() + alpha.size() + 1);
  input.push_back(k_vrf_suite);
  input.push_back(k_hash_to_curve_domain);
  input.insert(input.end(), y.begin(), y.end());
  input.insert(input.end(), alpha.begin(), alpha.end());
  input.push_back(0);
  for (unsigned ctr = 0; ctr <= 0xFF; ++ctr) {
    input.back() = static_cast<uint8_t>(ctr);
    const Digest256 h = sha256(input);
    Point33 candidate;
    candidate[0] = 0x02;
    std::memcpy(candidate.data() + 1, h.data(), h.size());
    secp256k1_pubkey point;
    if (secp256k1_ec_pubkey_parse(context(), &point, candidate.data(), candidate.size()) == 1) return point;
  }
  return std::nullopt;
}

// First 16 bytes of sha256(suite ‖ 0x02 ‖ p1 ‖ p2 ‖ p3 ‖ p4).
std::array<uint8_t, k_c_size> hash_points(const Point33& p1, const Point33& p2, const Point33& p3, const Point33& p4) {
  Sha256 hasher;
  const uint8_t prefix[2] = {k_vrf_suite, k_hash_points_domain};
  hasher.update(prefix).update(p1).update(p2).update(p3).update(p4);
  const Digest256 digest = hasher.finish();
  std::array<uint8_t, k_c_size> c{};
  std::memcpy(c.data(), digest.data(), c.size());
  return c;
}

Digest256 gamma_to_hash(const Point33& gamma) {
  Sha256 hasher;
  const uint8_t prefix[2] = {k_vrf_suite, k_proof_to_hash_domain};
  return hasher.update(prefix).update(gamma).finish();
}

// A 16-byte big-endian c as a 32-byte scalar.
Scalar32 widen(util::ByteView c16) {
  Scalar32 c{};
  std::memcpy(c.data() + (c.size() - c16.size()), c16.data(), c16.size());
  return c;
}

}  // namespace

std::optional<Digest256> vrf_verify(util::ByteView public_key, util::ByteView proof, util::ByteView message) {
  if (proof.size() != k_vrf_proof_size) return std::nullopt;
  const auto y = parse_point(public_key);
  if (!y) return std::nullopt;
  const auto gamma = parse_point(proof.subspan(k_gamma_offset, 33));
  if (!gamma) return std::nullopt;
  const util::ByteView c16 = proof.subspan(k_c_offset, k_c_size);
  const Scalar32 c = widen(c16);
  Scalar32 s{};
  std::memcpy(s.data(), proof.data() + k_s_offset, s.size());
  // 0 < s < n; c < 2^128 < n, so only c = 0 is out of range. The reference rejects these (see header).
  if (secp256k1_ec_seckey_verify(context(), s.data()) != 1) return std::nullopt;
  if (secp256k1_ec_seckey_verify(context(), c.data()) != 1) return std::nullopt;

  const Point33 y_bytes = serialize(*y);
  const auto h = hash_to_curve(y_bytes, message);
  if (!h) return std::nullopt;

  // U = s·G − c·Y
  secp256k1_pubkey s_g;
  if (secp256k1_ec_pubkey_create(context(), &s_g, s.data()) != 1) return std::nullopt;
  secp256k1_pubkey c_y = *y;
  if (!multiply(c_y, c)) return std::nullopt;
  const Point33 u = subtract(s_g, c_y);

  // V = s·H − c·Gamma
  secp256k1_pubkey s_h = *h;
  if (!multiply(s_h, s)) return std::nullopt;
  secp256k1_pubkey c_gamma = *gamma;
  if (!multiply(c_gamma, c)) return std::nullopt;
  const Point33 v = subtract(s_h, c_gamma);

  const Point33 gamma_bytes = serialize(*gamma);
  const auto expected = hash_points(serialize(*h), gamma_bytes, u, v);
  if (std::memcmp(expected.data(), c16.data(), k_c_size) != 0) return std::nullopt;
  return gamma_to_hash(gamma_bytes);
}

std::optional<Digest256> vrf_proof_to_hash(util::ByteView proof) {
  if (proof.size() != k_vrf_proof_size) return std::nullopt;
  const auto gamma = parse_point(proof.subspan(k_gamma_offset, 33));
  if (!gamma) return std::nullopt;
  return gamma_to_hash(serialize(*gamma));
}

std::optional<std::array<uint8_t, 33>> vrf_hash_to_curve(util::ByteView public_key, util::ByteView message) {
  const auto y = parse_point(public_key);
  if (!y) return std::nullopt;
  const auto h = hash_to_curve(serialize(*y), message);
  if (!h) return std::nullopt;
  return serialize(*h);
}

VrfProof vrf_prove(const PrivateKey& key, util::ByteView message) {
  const secp256k1_context* ctx = context();
  const Scalar32& x = key.secret();
  const Point33 y = key.public_key().compressed();
  const auto h = hash_to_curve(y, message);
  MODCHAIN_ASSERT(h.has_value(), "vrf hash_to_curve found no point");  // probability 2^-256
  const Point33 h_bytes = serialize(*h);

  // Gamma = x·H
  secp256k1_pubkey gamma = *h;
  MODCHAIN_ASSERT(multiply(gamma, x), "vrf Gamma = x*H failed");

  // k: RFC 6979 with msg = sha256(H) (libsecp256k1's nonce function reduces it mod n = bits2octets), first
  // candidate in [1, n-1].
  const Digest256 h_hash = sha256(h_bytes);
  Scalar32 k{};
  for (unsigned counter = 0;; ++counter) {
    MODCHAIN_ASSERT(secp256k1_nonce_function_rfc6979(k.data(), h_hash.data(), x.data(), nullptr, nullptr, counter) == 1,
                    "rfc6979 nonce failed");
    if (secp256k1_ec_seckey_verify(ctx, k.data()) == 1) break;
  }

  // U = k·G, V = k·H
  secp256k1_pubkey k_g;
  MODCHAIN_ASSERT(secp256k1_ec_pubkey_create(ctx, &k_g, k.data()) == 1, "vrf k*G failed");
  secp256k1_pubkey k_h = *h;
  MODCHAIN_ASSERT(multiply(k_h, k), "vrf k*H failed");

  const Point33 gamma_bytes = serialize(gamma);
  const auto c16 = hash_points(h_bytes, gamma_bytes, serialize(k_g), serialize(k_h));

  // s = k + c·x mod n
  Scalar32 s = x;
  const Scalar32 c = widen(c16);
  bool ok = true;
  if (secp256k1_ec_seckey_verify(ctx, c.data()) == 1) {
    ok = secp256k1_ec_seckey_tweak_mul(ctx, s.data(), c.data()) == 1 &&
         secp256k1_ec_seckey_tweak_add(ctx, s.data(), k.data()) == 1;
  } else {
    s = k;  // c = 0 (probability 2^-128): s = k
  }
  OPENSSL_cleanse(k.data(), k.size());
  MODCHAIN_ASSERT(ok, "vrf s = k + c*x is zero");  // probability 2^-256

  VrfProof proof{};
  std::memcpy(proof.data() + k_gamma_offset, gamma_bytes.data(), gamma_bytes.size());
  std::memcpy(proof.data() + k_c_offset, c16.data(), c16.size());
  std::memcpy(proof.data() + k_s_offset, s.data(), s.size());
  OPENSSL_cleanse(s.data(), s.size());
  return proof;
}

}  // namespace modchain::crypto
