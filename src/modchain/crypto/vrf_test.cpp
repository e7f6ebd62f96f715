#include "modchain/crypto/vrf.hpp"

#include <gtest/gtest.h>
#include <secp256k1.h>

#include <string>

#include "modchain/util/encoding.hpp"

namespace modchain::crypto {
namespace {

util::Bytes unhex(std::string_view text) { return util::from_hex(text).value(); }
util::ByteView text_bytes(std::string_view text) { return util::as_bytes(text); }

// witnet/vrf-rs src/openssl/mod.rs, SECP256K1_SHA256_TAI tests (also aergoio/secp256k1-vrf
// src/modules/vrf/tests_impl.h): secret key and message of RFC 6979 A.2.5 / draft-05 A.1.
constexpr const char* k_secret_hex = "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";
constexpr const char* k_public_hex = "032c8c31fc9f990c6b55e3865a184a4ce50e09481f2eaeb3e60ec1cea13a6ae645";
constexpr const char* k_message = "sample";
// test_prove_secp256k1_sha256_tai: the proof vrf-rs (draft-05 nonce) produces.
constexpr const char* k_proof_prove_hex =
    "031f4dbca087a1972d04a07a779b7df1caa99e0f5db2aa21f3aecc4f9e10e85d08748c9fbe6b95d17359707bfb8e8ab0c93ba0c5153"
    "33adcb8b64f372c535e115ccf66ebf5abe6fadb01b5efb37c0a0ec9";
// test_verify_secp256k1_sha256_tai: a second valid proof (same Gamma, other nonce) and its beta.
constexpr const char* k_proof_verify_hex =
    "031f4dbca087a1972d04a07a779b7df1caa99e0f5db2aa21f3aecc4f9e10e85d0814faa89697b482daa377fb6b4a8b0191a65d34a6d"
    "90a8a2461e5db9205d4cf0bb4b2c31b5ef6997a585a9f1a72517b6f";
constexpr const char* k_beta_hex = "612065e309e937ef46c2ef04d5886b9c6efd2991ac484ec64a9b014366fc5d81";
constexpr const char* k_curve_order_hex = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";

PrivateKey vector_key() { return PrivateKey::from_bytes(unhex(k_secret_hex)).value(); }

TEST(Vrf, VectorKeyMatchesVectorPublicKey) {
  EXPECT_EQ(util::to_hex(vector_key().public_key().compressed()), k_public_hex);
}

TEST(Vrf, ProveReproducesVrfRsVector) {
  const VrfProof proof = vrf_prove(vector_key(), text_bytes(k_message));
  EXPECT_EQ(util::to_hex(proof), k_proof_prove_hex);
}

TEST(Vrf, BothPublishedProofsVerifyWithPublishedBeta) {
  for (const char* proof_hex : {k_proof_prove_hex, k_proof_verify_hex}) {
    const auto beta = vrf_verify(unhex(k_public_hex), unhex(proof_hex), text_bytes(k_message));
    ASSERT_TRUE(beta.has_value()) << proof_hex;
    EXPECT_EQ(util::to_hex(*beta), k_beta_hex);
    const auto unverified = vrf_proof_to_hash(unhex(proof_hex));
    ASSERT_TRUE(unverified.has_value());
    EXPECT_EQ(util::to_hex(*unverified), k_beta_hex);
  }
}

TEST(Vrf, BetaIsSha256OfSuiteThreeGamma) {
  util::Bytes input = {0xFE, 0x03};
  const util::Bytes proof = unhex(k_proof_verify_hex);
  input.insert(input.end(), proof.begin(), proof.begin() + 33);
  EXPECT_EQ(util::to_hex(sha256(input)), k_beta_hex);
}

TEST(Vrf, EveryByteChangedFails) {
  // Same loop as secp256k1-vrf's own test: each byte replaced (0 → 1, else → 0) must fail.
  for (const char* proof_hex : {k_proof_prove_hex, k_proof_verify_hex}) {
    util::Bytes proof = unhex(proof_hex);
    for (size_t i = 0; i < proof.size(); ++i) {
      const uint8_t saved = proof[i];
      proof[i] = saved == 0 ? 1 : 0;
      EXPECT_FALSE(vrf_verify(unhex(k_public_hex), proof, text_bytes(k_message)).has_value()) << i;
      proof[i] = saved;
    }
    EXPECT_TRUE(vrf_verify(unhex(k_public_hex), proof, text_bytes(k_message)).has_value());
  }
}

TEST(Vrf, SingleBitFlipsInGammaCAndSFail) {
  util::Bytes proof = unhex(k_proof_verify_hex);
  for (size_t byte : {size_t{0}, size_t{1}, size_t{32}, size_t{33}, size_t{48}, size_t{49}, size_t{80}}) {
    for (int bit = 0; bit < 8; ++bit) {
      proof[byte] ^= static_cast<uint8_t>(1u << bit);
      EXPECT_FALSE(vrf_verify(unhex(k_public_hex), proof, text_bytes(k_message)).has_value()) << byte << ":" << bit;
      proof[byte] ^= static_cast<uint8_t>(1u << bit);
    }
  }
}

TEST(Vrf, WrongMessageWrongKeyWrongLengthsFail) {
  const util::Bytes proof = unhex(k_proof_verify_hex);
  const util::Bytes key = unhex(k_public_hex);
  EXPECT_FALSE(vrf_verify(key, proof, text_bytes("notsample")).has_value());
  EXPECT_FALSE(vrf_verify(key, proof, text_bytes("")).has_value());
  const auto other = PrivateKey::from_seed("other").public_key().compressed();
  EXPECT_FALSE(vrf_verify(other, proof, text_bytes(k_message)).has_value());
  // vrf-rs test_verify_secp256k1_sha256_tai_bad_message (a 65-byte draft-04 proof) and _malformed_proof.
  EXPECT_FALSE(
      vrf_verify(key,
                 unhex("031f4dbca087a1972d04a07a779b7df1caa99e0f5db2aa21f3aecc4f9e10e85d0800851b42ee92f76d98c1f"
                       "19e4a1e855526b20afe0dd6eb232a493adc107eb2b0f1"),
                 text_bytes("notsample"))
          .has_value());
  EXPECT_FALSE(vrf_verify(key, unhex("00000000000000000000000000000000"), text_bytes(k_message)).has_value());
  util::Bytes short_proof(proof.begin(), proof.end() - 1);
  EXPECT_FALSE(vrf_verify(key, short_proof, text_bytes(k_message)).has_value());
  util::Bytes long_proof = proof;
  long_proof.push_back(0);
  EXPECT_FALSE(vrf_verify(key, long_proof, text_bytes(k_message)).has_value());
  EXPECT_FALSE(vrf_verify(key, util::Bytes{}, text_bytes(k_message)).has_value());
  EXPECT_FALSE(vrf_proof_to_hash(short_proof).has_value());
  // Public key: uncompressed form, truncated, bad prefix, not on the curve.
  const auto uncompressed = vector_key().public_key().uncompressed();
  EXPECT_FALSE(vrf_verify(uncompressed, proof, text_bytes(k_message)).has_value());
  EXPECT_FALSE(vrf_verify(util::ByteView(key).first(32), proof, text_bytes(k_message)).has_value());
  util::Bytes bad_prefix = key;
  bad_prefix[0] = 0x04;
  EXPECT_FALSE(vrf_verify(bad_prefix, proof, text_bytes(k_message)).has_value());
  util::Bytes off_curve(33, 0);
  off_curve[0] = 0x02;  // x = 0: 7 is not a square mod p
  EXPECT_FALSE(vrf_verify(off_curve, proof, text_bytes(k_message)).has_value());
  // Gamma not on the curve / wrong prefix.
  util::Bytes bad_gamma = proof;
  std::fill(bad_gamma.begin() + 1, bad_gamma.begin() + 33, 0);
  EXPECT_FALSE(vrf_verify(key, bad_gamma, text_bytes(k_message)).has_value());
  EXPECT_FALSE(vrf_proof_to_hash(bad_gamma).has_value());
}

TEST(Vrf, OutOfRangeScalarsFail) {
  const util::Bytes key = unhex(k_public_hex);
  util::Bytes proof = unhex(k_proof_verify_hex);
  const util::Bytes n = unhex(k_curve_order_hex);
  std::copy(n.begin(), n.end(), proof.begin() + 49);  // s = n
  EXPECT_FALSE(vrf_verify(key, proof, text_bytes(k_message)).has_value());
  std::fill(proof.begin() + 49, proof.end(), 0xFF);  // s = 2^256 - 1
  EXPECT_FALSE(vrf_verify(key, proof, text_bytes(k_message)).has_value());
  std::fill(proof.begin() + 49, proof.end(), 0x00);  // s = 0
  EXPECT_FALSE(vrf_verify(key, proof, text_bytes(k_message)).has_value());
  proof = unhex(k_proof_verify_hex);
  std::fill(proof.begin() + 33, proof.begin() + 49, 0x00);  // c = 0
  EXPECT_FALSE(vrf_verify(key, proof, text_bytes(k_message)).has_value());
}

TEST(Vrf, HashToCurveInputLayout) {
  // H is the first 02‖sha256(FE ‖ 01 ‖ Y ‖ alpha ‖ ctr) that decodes; recompute it independently.
  const util::Bytes key = unhex(k_public_hex);
  const auto h = vrf_hash_to_curve(key, text_bytes(k_message));
  ASSERT_TRUE(h.has_value());
  bool found = false;
  for (unsigned ctr = 0; ctr < 256 && !found; ++ctr) {
    util::Bytes input = {0xFE, 0x01};
    input.insert(input.end(), key.begin(), key.end());
    const auto m = text_bytes(k_message);
    input.insert(input.end(), m.begin(), m.end());
    input.push_back(static_cast<uint8_t>(ctr));
    util::Bytes candidate = {0x02};
    const Digest256 d = sha256(input);
    candidate.insert(candidate.end(), d.begin(), d.end());
    if (PublicKey::from_bytes(candidate).ok()) {
      EXPECT_EQ(util::to_hex(*h), util::to_hex(candidate));
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST(Vrf, ProveVerifyRoundTrips) {
  for (int i = 0; i < 16; ++i) {
    const PrivateKey key = PrivateKey::from_seed("vrf key " + std::to_string(i));
    const std::string message = i % 4 == 0 ? std::string() : "message " + std::to_string(i * 7919);
    const VrfProof proof = vrf_prove(key, text_bytes(message));
    EXPECT_EQ(vrf_prove(key, text_bytes(message)), proof);  // deterministic
    const auto beta = vrf_verify(key.public_key().compressed(), proof, text_bytes(message));
    ASSERT_TRUE(beta.has_value()) << i;
    EXPECT_EQ(*beta, vrf_proof_to_hash(proof).value());
    EXPECT_FALSE(vrf_verify(key.public_key().compressed(), proof, text_bytes(message + "x")).has_value());
  }
}

// The reference library (secp256k1-vrf) serializes a point at infinity as 33 zero bytes inside hash_points. The
// key owner can therefore build a second proof with U = V = O: s = c·x, c = hash_points(H, Gamma, 0³³, 0³³).
// The reference accepts it (same Gamma, same beta); so must we.
TEST(Vrf, InfinityUAndVAreHashedAsZeroBytes) {
  const PrivateKey key = vector_key();
  const auto honest = vrf_prove(key, text_bytes(k_message));
  const auto h = vrf_hash_to_curve(key.public_key().compressed(), text_bytes(k_message)).value();
  util::Bytes input = {0xFE, 0x02};
  input.insert(input.end(), h.begin(), h.end());
  input.insert(input.end(), honest.begin(), honest.begin() + 33);
  input.insert(input.end(), 66, 0);
  const Digest256 digest = sha256(input);
  std::array<uint8_t, 32> c{};
  std::copy(digest.begin(), digest.begin() + 16, c.begin() + 16);
  std::array<uint8_t, 32> s = key.secret();
  secp256k1_context* ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
  ASSERT_EQ(secp256k1_ec_seckey_tweak_mul(ctx, s.data(), c.data()), 1);
  secp256k1_context_destroy(ctx);
  VrfProof forged = honest;
  std::copy(digest.begin(), digest.begin() + 16, forged.begin() + 33);
  std::copy(s.begin(), s.end(), forged.begin() + 49);
  const auto beta = vrf_verify(key.public_key().compressed(), forged, text_bytes(k_message));
  ASSERT_TRUE(beta.has_value());
  EXPECT_EQ(util::to_hex(*beta), k_beta_hex);
}

// Mainnet block 15,409,189 (conformance/vectors.json mainnet_block): its pob signature_data's vrf_hash is the
// sha2-256 multihash of beta(Gamma). (Verifying the proof itself needs the previous PoB seed, not in the vectors.)
TEST(Vrf, MainnetBlockVrfHashIsBetaOfItsProof) {
  const util::Bytes proof = unhex(
      "02665c360cf65851af3284c579ff970106f55871b2ecfc3261be3e2aef8cd5d5aaa254bf5a160c53ed35bfca876cb11fd03240ddf49"
      "4a63f08f514ed801e25bbffc07e01fa294856474e495d0e9c510d32");
  const auto beta = vrf_proof_to_hash(proof);
  ASSERT_TRUE(beta.has_value());
  EXPECT_EQ("1220" + util::to_hex(*beta), "1220000195350c3e3014c832cd0a0b63c162a711bc828b08aac84bb1e499162da2d4");
  // A valid proof under some other key/message would be a break of the scheme: must be false.
  EXPECT_FALSE(vrf_verify(unhex(k_public_hex), proof, text_bytes(k_message)).has_value());
}

}  // namespace
}  // namespace modchain::crypto
