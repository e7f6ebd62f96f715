#include "modchain/crypto/secp256k1.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "modchain/crypto/base58check.hpp"
#include "modchain/crypto/multihash.hpp"
#include "modchain/util/encoding.hpp"

namespace modchain::crypto {
namespace {

util::Bytes unhex(std::string_view text) { return util::from_hex(text).value(); }

constexpr const char* k_curve_order_hex = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";

// n - s for a 32-byte big-endian s (0 < s < n).
std::array<uint8_t, 32> negate_mod_n(const uint8_t* s) {
  const util::Bytes n = unhex(k_curve_order_hex);
  std::array<uint8_t, 32> out{};
  int borrow = 0;
  for (int i = 31; i >= 0; --i) {
    int v = n[i] - s[i] - borrow;
    borrow = v < 0 ? 1 : 0;
    out[i] = static_cast<uint8_t>(v + 256 * borrow);
  }
  return out;
}

// The high-S twin of a low-S signature: same r, s' = n - s, recid flipped. A valid signature of the same key.
CompactSignature high_s_twin(const CompactSignature& sig) {
  CompactSignature twin = sig;
  const auto s = negate_mod_n(sig.data() + 33);
  std::copy(s.begin(), s.end(), twin.begin() + 33);
  twin[0] = static_cast<uint8_t>(31 + ((sig[0] - 31) ^ 1));
  return twin;
}

Digest256 digest_of(const std::string& text) { return sha256(util::as_bytes(text)); }

TEST(PrivateKey, RangeChecks) {
  EXPECT_EQ(PrivateKey::from_bytes(util::Bytes(32, 0)).error().code, util::ErrorCode::invalid_argument);
  EXPECT_EQ(PrivateKey::from_bytes(unhex(k_curve_order_hex)).error().code, util::ErrorCode::invalid_argument);
  EXPECT_EQ(PrivateKey::from_bytes(util::Bytes(32, 0xff)).error().code, util::ErrorCode::invalid_argument);
  EXPECT_EQ(PrivateKey::from_bytes(util::Bytes(31, 1)).error().code, util::ErrorCode::invalid_argument);
  auto n_minus_1 = unhex(k_curve_order_hex);
  n_minus_1[31] -= 1;
  EXPECT_TRUE(PrivateKey::from_bytes(n_minus_1).ok());
  util::Bytes one(32, 0);
  one[31] = 1;
  auto key = PrivateKey::from_bytes(one);
  ASSERT_TRUE(key.ok());
  // 1·G: the generator point.
  EXPECT_EQ(util::to_hex(key->public_key().compressed()),
            "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
}

TEST(PrivateKey, WifKnownAnswerAndRoundTrip) {
  // Bitcoin wiki's example key, compressed WIF.
  auto key = PrivateKey::from_bytes(unhex("0c28fca386c7a227600b2fe50b7cae11ec86d3bf1fbe471be89827e19d72aa1d"));
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->to_wif(), "KwdMAjGmerYanjeui5SHS7JkmpZvVipYvB2LJGU1ZxJwYvP98617");
  auto back = PrivateKey::from_wif(key->to_wif());
  ASSERT_TRUE(back.ok()) << back.error().describe();
  EXPECT_EQ(back.value(), key.value());
}

// Vectors from koinos-crypto-cpp's tests (private_wif, compressed_key).
TEST(PrivateKey, WifKoinosReferenceVectors) {
  const PrivateKey foobar = PrivateKey::from_seed("foobar");
  EXPECT_EQ(foobar.to_wif(), "L3n4uPNBvne4p6BCUdhpThYQe21wDJe4jz9U7eWAfn15e9tj2jAF");
  EXPECT_EQ(PrivateKey::from_wif("5KJTiKfLEzvFuowRMJqDZnSExxxwspVni1G4RcggoPtDqP5XgM1").value(), foobar);

  auto legacy = PrivateKey::from_wif("5JtU2c2MHKb8xSeNvsZJpxZRXeRg6iq6uwc6EUtDA9zsWM6B4c5");
  ASSERT_TRUE(legacy.ok()) << legacy.error().describe();
  EXPECT_EQ(legacy->to_wif(), "L1xAJ5axX33g7iBynn9bggE7GGBuaFdK6g1t6W52fQiRvQi73evQ");
  EXPECT_EQ(legacy->public_key().address().to_base58(), "13Sqw4TrwdZ8RZ9UVfqqA2i3mrbeumcWba");
  EXPECT_EQ(PrivateKey::from_wif("L1xAJ5axX33g7iBynn9bggE7GGBuaFdK6g1t6W52fQiRvQi73evQ").value(), legacy.value());

  auto other = PrivateKey::from_wif("5J1F7GHadZG3sCCKHCwg8Jvys9xUbFsjLnGec4H125Ny1V9nR6V");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(util::to_hex(other->public_key().address().bytes), "00f54a5851e9372b87810a8e60cdd2e7cfd80b6e31c7f18fe8");

  // Wrong checksum, wrong secret (checksum no longer matches), wrong prefix.
  for (const char* bad : {"5KJTiKfLEzvFuowRMJqDZnSExxxwspVni1G4RcggoPtDqP5XgLz",
                          "5KRWQqW5riLTcB39nLw6K7iv2HWBMYvbP7Ch4kUgRd8kEvLH5jH",
                          "4nCYtcUpcC6dkge8r2uEJeqrK97TUZ1n7n8LXDgLtun1wRyxU2P"}) {
    auto key = PrivateKey::from_wif(bad);
    ASSERT_FALSE(key.ok()) << bad;
    EXPECT_EQ(key.error().code, util::ErrorCode::invalid_encoding) << bad;
  }
}

TEST(PrivateKey, WifRejectsMalformed) {
  auto short_payload = PrivateKey::from_wif(base58check_encode(unhex("800c28fca386c7a227600b2fe50b7cae11")));
  ASSERT_FALSE(short_payload.ok());
  EXPECT_EQ(short_payload.error().code, util::ErrorCode::invalid_encoding);
  EXPECT_NE(short_payload.error().message.find("expected 34"), std::string::npos) << short_payload.error().message;

  auto body = unhex("800c28fca386c7a227600b2fe50b7cae11ec86d3bf1fbe471be89827e19d72aa1d01");
  body[33] = 0x02;
  EXPECT_NE(PrivateKey::from_wif(base58check_encode(body)).error().message.find("compression flag"), std::string::npos);
  body[33] = 0x01;
  body[0] = 0xef;  // testnet prefix
  EXPECT_NE(PrivateKey::from_wif(base58check_encode(body)).error().message.find("prefix"), std::string::npos);
  util::Bytes zero(34, 0);
  zero[0] = 0x80;
  zero[33] = 0x01;
  EXPECT_EQ(PrivateKey::from_wif(base58check_encode(zero)).error().code, util::ErrorCode::invalid_argument);
  EXPECT_EQ(PrivateKey::from_wif("KwdMAjGmerYanjeui5SHS7JkmpZvVipYvB2LJGU1ZxJwYvP98618").error().code,
            util::ErrorCode::invalid_encoding);
}

TEST(PrivateKey, GenerateFromEntropy) {
  std::array<uint8_t, 32> entropy{};
  entropy[31] = 7;
  EXPECT_EQ(PrivateKey::generate(entropy).secret(), entropy);  // already a valid scalar: used as is
  std::array<uint8_t, 32> zero{};
  EXPECT_EQ(PrivateKey::generate(zero).secret(), sha256(zero));  // 0 is invalid: hashed once
  std::array<uint8_t, 32> ones;
  ones.fill(0xff);
  EXPECT_EQ(PrivateKey::generate(ones).secret(), sha256(ones));
}

TEST(PublicKey, ParseAndSerialize) {
  const auto g_compressed = unhex("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
  const auto g_uncompressed = unhex(
      "0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
      "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");
  auto a = PublicKey::from_bytes(g_compressed);
  auto b = PublicKey::from_bytes(g_uncompressed);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a.value(), b.value());
  EXPECT_EQ(a->serialize(true), g_compressed);
  EXPECT_EQ(a->serialize(false), g_uncompressed);
  const auto full = b->uncompressed();
  EXPECT_EQ(util::Bytes(full.begin(), full.end()), g_uncompressed);

  auto hybrid = g_uncompressed;
  hybrid[0] = 0x06;
  EXPECT_EQ(PublicKey::from_bytes(hybrid).error().code, util::ErrorCode::invalid_argument);
  EXPECT_EQ(PublicKey::from_bytes(util::Bytes{}).error().code, util::ErrorCode::invalid_argument);
  auto bad_y = g_uncompressed;
  bad_y[64] ^= 0x01;
  EXPECT_EQ(PublicKey::from_bytes(bad_y).error().code, util::ErrorCode::invalid_argument);
  auto x_too_big = util::Bytes(33, 0xff);
  x_too_big[0] = 0x02;
  EXPECT_EQ(PublicKey::from_bytes(x_too_big).error().code, util::ErrorCode::invalid_argument);
}

TEST(Signature, SignRecoverVerify) {
  const PrivateKey key = PrivateKey::from_seed("signature test");
  const PublicKey pub = key.public_key();
  for (int i = 0; i < 16; ++i) {
    const Digest256 digest = digest_of("message " + std::to_string(i));
    const CompactSignature sig = key.sign_compact(digest);
    EXPECT_TRUE(sig[0] == 31 || sig[0] == 32);
    EXPECT_EQ(key.sign_compact(digest), sig);  // deterministic
    EXPECT_LT(sig[33], 0x80);                   // low-S
    auto recovered = recover_compact(sig, digest);
    ASSERT_TRUE(recovered.ok()) << recovered.error().describe();
    EXPECT_EQ(recovered.value(), pub);
    EXPECT_TRUE(verify_compact(pub, sig, digest).value());
    auto other = verify_compact(pub, sig, digest_of("other"));
    EXPECT_TRUE(!other.ok() || !other.value());
  }
}

// The shared context and the per-thread hash contexts must give identical results from several threads.
TEST(Signature, ConcurrentUseGivesSameResults) {
  std::vector<PrivateKey> keys;
  std::vector<Digest256> digests;
  std::vector<CompactSignature> signatures;
  for (int i = 0; i < 24; ++i) {
    keys.push_back(PrivateKey::from_seed("thread " + std::to_string(i)));
    digests.push_back(digest_of("thread message " + std::to_string(i)));
    signatures.push_back(keys.back().sign_compact(digests.back()));
  }
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 3; ++round) {
        for (size_t i = 0; i < keys.size(); ++i) {
          if (keys[i].sign_compact(digests[i]) != signatures[i]) ++mismatches[t];
          auto key = recover_compact(signatures[i], digests[i]);
          if (!key.ok() || key.value() != keys[i].public_key()) ++mismatches[t];
          if (digest_of("thread message " + std::to_string(i)) != digests[i]) ++mismatches[t];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

// ---- Hostile inputs (§4.3) ----

struct SignedFixture {
  PrivateKey key = PrivateKey::from_seed("hostile");
  PublicKey pub = key.public_key();
};

TEST(SignatureHostile, BadLengthsAreInvalidSignature) {
  const SignedFixture f;
  const Digest256 digest = digest_of("x");
  const CompactSignature sig = f.key.sign_compact(digest);
  for (size_t size : {0u, 1u, 64u, 66u, 130u}) {
    util::Bytes resized(sig.begin(), sig.end());
    resized.resize(size, 0);
    auto r = recover_compact(resized, digest);
    ASSERT_FALSE(r.ok()) << size;
    EXPECT_EQ(r.error().code, util::ErrorCode::invalid_signature) << size;
  }
}

TEST(SignatureHostile, CanonicalTestUsesLittleEndianImageOfHalfN) {
  CompactSignature sig{};
  sig[0] = 31;
  const util::Bytes image = unhex("a0201b68462fe9df1d50a457736e575dffffffffffffffffffffffffffffff7f");
  std::copy(image.begin(), image.end(), sig.begin() + 33);
  EXPECT_TRUE(is_koinos_canonical(sig));  // equal passes
  sig[64] = 0x80;
  EXPECT_FALSE(is_koinos_canonical(sig));  // one step above fails
  sig[33] = 0x9f;
  EXPECT_TRUE(is_koinos_canonical(sig));  // 0x9f… < 0xa0…: passes although it is high-S
  sig[33] = 0xa1;
  EXPECT_FALSE(is_koinos_canonical(sig));
  // The true n/2 in big-endian (7fff…a0) passes, as every low-S value does.
  const util::Bytes half_n = unhex("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0");
  std::copy(half_n.begin(), half_n.end(), sig.begin() + 33);
  EXPECT_TRUE(is_koinos_canonical(sig));
  EXPECT_FALSE(is_koinos_canonical(util::Bytes(64, 0)));
}

// Signs digests until the high-S twin's first s byte satisfies `wanted`.
std::pair<CompactSignature, Digest256> find_twin(const PrivateKey& key, bool (*wanted)(uint8_t)) {
  for (int i = 0;; ++i) {
    const Digest256 digest = digest_of("twin " + std::to_string(i));
    const CompactSignature twin = high_s_twin(key.sign_compact(digest));
    if (wanted(twin[33])) return {twin, digest};
  }
}

TEST(SignatureHostile, HighSStartingBelowA0IsAcceptedAndRecoversTheSigner) {
  const SignedFixture f;
  for (int round = 0; round < 3; ++round) {
    auto [twin, digest] = find_twin(f.key, [](uint8_t b) { return b >= 0x80 && b <= 0x9f; });
    auto recovered = recover_compact(twin, digest);
    ASSERT_TRUE(recovered.ok()) << recovered.error().describe();
    EXPECT_EQ(recovered.value(), f.pub);
    EXPECT_TRUE(verify_compact(f.pub, twin, digest).value());
  }
}

TEST(SignatureHostile, HighSAboveTheImageIsInvalidSignature) {
  const SignedFixture f;
  auto [twin, digest] = find_twin(f.key, [](uint8_t b) { return b >= 0xa1; });
  auto recovered = recover_compact(twin, digest);
  ASSERT_FALSE(recovered.ok());
  EXPECT_EQ(recovered.error().code, util::ErrorCode::invalid_signature);
  EXPECT_EQ(verify_compact(f.pub, twin, digest).error().code, util::ErrorCode::invalid_signature);
}

TEST(SignatureHostile, HeaderBytes) {
  const SignedFixture f;
  // A signature whose real recovery id is 1 (header 32).
  int i = 0;
  Digest256 digest{};
  CompactSignature sig{};
  do {
    digest = digest_of("header " + std::to_string(i++));
    sig = f.key.sign_compact(digest);
  } while (sig[0] != 32);
  // 33 >> 5 == 1: header 33 recovers exactly like 32 (reference quirk).
  CompactSignature with33 = sig;
  with33[0] = 33;
  EXPECT_EQ(recover_compact(with33, digest).value(), f.pub);
  // 31 gives recid 0: a different key (or none), never the signer.
  CompactSignature with31 = sig;
  with31[0] = 31;
  auto other = recover_compact(with31, digest);
  EXPECT_TRUE(!other.ok() || other.value() != f.pub);
  for (uint8_t header : {0, 27, 30, 34, 35, 0x1f + 0x80, 255}) {
    CompactSignature bad = sig;
    bad[0] = header;
    auto r = recover_compact(bad, digest);
    ASSERT_FALSE(r.ok()) << int(header);
    EXPECT_EQ(r.error().code, util::ErrorCode::reversion) << int(header);
    EXPECT_NE(r.error().message.find("header byte"), std::string::npos);
  }
}

TEST(SignatureHostile, OutOfRangeOrZeroScalarsAreErrors) {
  const Digest256 digest = digest_of("zero");
  CompactSignature sig{};
  sig[0] = 31;
  auto zero = recover_compact(sig, digest);  // r = s = 0: canonical, but unrecoverable
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.error().code, util::ErrorCode::reversion);
  CompactSignature big_r = sig;
  std::fill(big_r.begin() + 1, big_r.begin() + 33, 0xff);  // r >= n
  big_r[34] = 1;
  auto r = recover_compact(big_r, digest);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, util::ErrorCode::reversion);
}

TEST(SignatureHostile, GarbageNeverCrashes) {
  // Deterministic pseudo-random signatures: every outcome is a key or an error with a known code.
  uint64_t state = 0x9e3779b97f4a7c15ULL;
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return static_cast<uint8_t>(state);
  };
  for (int i = 0; i < 300; ++i) {
    CompactSignature sig;
    for (auto& b : sig) b = next();
    sig[0] = static_cast<uint8_t>(29 + i % 7);
    Digest256 digest;
    for (auto& b : digest) b = next();
    auto r = recover_compact(sig, digest);
    if (!r.ok()) {
      EXPECT_TRUE(r.error().code == util::ErrorCode::invalid_signature ||
                  r.error().code == util::ErrorCode::reversion);
    }
  }
}

TEST(SignatureHostile, MultihashDigestVariant) {
  const SignedFixture f;
  const Digest256 digest = digest_of("multihash");
  const CompactSignature sig = f.key.sign_compact(digest);
  const Multihash mh{hash_code::sha2_256, util::Bytes(digest.begin(), digest.end())};
  EXPECT_EQ(recover_compact_multihash(sig, mh.to_bytes()).value(), f.pub);
  // Any code is accepted: only the digest bytes are used.
  const Multihash keccak_coded{hash_code::keccak_256, mh.digest};
  EXPECT_EQ(recover_compact_multihash(sig, keccak_coded.to_bytes()).value(), f.pub);
  const Multihash short_digest{hash_code::sha1, util::Bytes(20, 1)};
  EXPECT_EQ(recover_compact_multihash(sig, short_digest.to_bytes()).error().code, util::ErrorCode::reversion);
  EXPECT_EQ(recover_compact_multihash(sig, unhex("12")).error().code, util::ErrorCode::reversion);
  EXPECT_EQ(recover_compact_multihash(util::ByteView(sig).first(64), mh.to_bytes()).error().code,
            util::ErrorCode::invalid_signature);
  // The digest is checked first: a bad digest wins over a bad signature length.
  EXPECT_EQ(recover_compact_multihash(util::ByteView(sig).first(64), short_digest.to_bytes()).error().code,
            util::ErrorCode::reversion);
  // Reference decoding: trailing bytes ignored.
  util::Bytes trailing = mh.to_bytes();
  trailing.push_back(0x42);
  EXPECT_EQ(recover_compact_multihash(sig, trailing).value(), f.pub);
}

TEST(SignatureHostile, MultihashDigestShortDigestIsZeroFilled) {
  const SignedFixture f;
  Digest256 digest = digest_of("zero filled");
  digest[31] = 0;
  const CompactSignature sig = f.key.sign_compact(digest);
  util::Bytes truncated{0x12, 0x20};
  truncated.insert(truncated.end(), digest.begin(), digest.begin() + 31);  // last (zero) byte missing
  EXPECT_EQ(recover_compact_multihash(sig, truncated).value(), f.pub);
}

}  // namespace
}  // namespace modchain::crypto
