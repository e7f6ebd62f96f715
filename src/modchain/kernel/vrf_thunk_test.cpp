// System call 505 verify_vrf_proof (koinos-protocol.md §4.4, §8), natively through the controller's
// invoke_system_call path (dispatch, compute charge, thunk) on a tester chain.
#include <gtest/gtest.h>

#include "modchain/crypto/multihash.hpp"
#include "modchain/crypto/vrf.hpp"
#include "modchain/kernel/test_helpers.hpp"
#include "modchain/util/encoding.hpp"

namespace modchain::kernel {
namespace {

using testing::Tester;
using util::ErrorCode;
namespace kc = koinos::chain;

// witnet/vrf-rs test_verify_secp256k1_sha256_tai (SECP256K1_SHA256_TAI, message "sample").
constexpr const char* k_public_hex = "032c8c31fc9f990c6b55e3865a184a4ce50e09481f2eaeb3e60ec1cea13a6ae645";
constexpr const char* k_proof_hex =
    "031f4dbca087a1972d04a07a779b7df1caa99e0f5db2aa21f3aecc4f9e10e85d0814faa89697b482daa377fb6b4a8b0191a65d34a6d"
    "90a8a2461e5db9205d4cf0bb4b2c31b5ef6997a585a9f1a72517b6f";
constexpr const char* k_beta_hex = "612065e309e937ef46c2ef04d5886b9c6efd2991ac484ec64a9b014366fc5d81";

std::string unhex(std::string_view text) { return util::to_string(util::from_hex(text).value()); }

kc::verify_vrf_proof_arguments vector_args() {
  kc::verify_vrf_proof_arguments args;
  args.set_type(kc::ecdsa_secp256k1);
  args.set_public_key(unhex(k_public_hex));
  args.set_proof(unhex(k_proof_hex));
  args.set_hash(
      util::to_string(crypto::Multihash{crypto::hash_code::sha2_256, util::from_hex(k_beta_hex).value()}.to_bytes()));
  args.set_message("sample");
  return args;
}

util::Result<bool> call(Tester& tester, const kc::verify_vrf_proof_arguments& args) {
  auto bytes = tester.controller().invoke_system_call(kc::verify_vrf_proof, protocol::serialize_to_string(args));
  if (!bytes.ok()) return bytes.error();
  kc::verify_vrf_proof_result result;
  EXPECT_TRUE(result.ParseFromString(bytes.value()));
  return result.value();
}

TEST(VerifyVrfProof, PublishedVectorIsTrue) {
  Tester tester;
  auto result = call(tester, vector_args());
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_TRUE(result.value());
}

TEST(VerifyVrfProof, TamperedProofMessageOrHashIsFalse) {
  Tester tester;
  auto tampered = vector_args();
  (*tampered.mutable_proof())[40] ^= 0x01;
  EXPECT_FALSE(call(tester, tampered).value());
  auto wrong_message = vector_args();
  wrong_message.set_message("notsample");
  EXPECT_FALSE(call(tester, wrong_message).value());
  auto wrong_hash = vector_args();
  (*wrong_hash.mutable_hash())[5] ^= 0x01;
  EXPECT_FALSE(call(tester, wrong_hash).value());
  auto wrong_code = vector_args();  // beta as a sha2-512-coded multihash: the code must be sha2-256
  wrong_code.set_hash(
      util::to_string(crypto::Multihash{crypto::hash_code::sha2_512, util::from_hex(k_beta_hex).value()}.to_bytes()));
  EXPECT_FALSE(call(tester, wrong_code).value());
  auto short_proof = vector_args();
  short_proof.mutable_proof()->pop_back();
  EXPECT_FALSE(call(tester, short_proof).value());
  auto other_key = vector_args();
  other_key.set_public_key(util::to_string(Tester::key("alice").public_key().serialize()));
  EXPECT_FALSE(call(tester, other_key).value());
}

TEST(VerifyVrfProof, FreshProofFromVrfProveIsTrue) {
  Tester tester;
  const auto key = Tester::key("producer");
  const std::string message = "seed and block time";
  const auto proof = crypto::vrf_prove(key, util::as_bytes(message));
  const auto beta = crypto::vrf_proof_to_hash(proof).value();
  kc::verify_vrf_proof_arguments args;
  args.set_type(kc::ecdsa_secp256k1);
  args.set_public_key(util::to_string(key.public_key().serialize()));
  args.set_proof(util::to_string(proof));
  args.set_hash(util::to_string(
      crypto::Multihash{crypto::hash_code::sha2_256, util::Bytes(beta.begin(), beta.end())}.to_bytes()));
  args.set_message(message);
  auto result = call(tester, args);
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_TRUE(result.value());
}

TEST(VerifyVrfProof, WrongDsaIsUnknownDsa) {
  Tester tester;
  auto args = vector_args();
  args.set_type(static_cast<kc::dsa>(1));
  auto result = call(tester, args);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::unknown_dsa);
  EXPECT_EQ(static_cast<int32_t>(result.error().code), -102);
}

TEST(VerifyVrfProof, UndecodableKeyOrHashReverts) {
  Tester tester;
  auto short_key = vector_args();
  short_key.mutable_public_key()->pop_back();
  EXPECT_EQ(call(tester, short_key).error().code, ErrorCode::reversion);
  auto off_curve = vector_args();
  off_curve.set_public_key(std::string(1, '\x02') + std::string(32, '\0'));
  EXPECT_EQ(call(tester, off_curve).error().code, ErrorCode::reversion);
  auto empty_hash = vector_args();
  empty_hash.clear_hash();
  EXPECT_EQ(call(tester, empty_hash).error().code, ErrorCode::reversion);
}

}  // namespace
}  // namespace modchain::kernel
