#include "modchain/crypto/multihash.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <unordered_set>
#include <vector>

#include "modchain/util/encoding.hpp"

namespace modchain::crypto {
namespace {

util::Bytes unhex(std::string_view text) { return util::from_hex(text).value(); }

TEST(Multihash, Sha256SerializesWithPrefix) {
  const Multihash h = multihash_sha256(util::as_bytes("abc"));
  EXPECT_EQ(h.code, hash_code::sha2_256);
  EXPECT_EQ(h.to_hex(), "1220ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(h.to_bytes().size(), 34u);
}

TEST(Multihash, RoundTripsEveryKnownCode) {
  for (uint64_t code : {hash_code::identity, hash_code::sha1, hash_code::sha2_256, hash_code::sha2_512,
                        hash_code::keccak_256, hash_code::ripemd_160}) {
    const Multihash h = multihash(code, util::as_bytes("modchain")).value();
    EXPECT_EQ(h.digest.size(), code == hash_code::identity ? 8u : *standard_digest_size(code));
    auto parsed = Multihash::from_bytes(h.to_bytes());
    ASSERT_TRUE(parsed.ok()) << parsed.error().describe();
    EXPECT_EQ(parsed.value(), h);
  }
}

TEST(Multihash, Ripemd160CodeIsTwoVarintBytes) {
  const Multihash h = multihash(hash_code::ripemd_160, util::as_bytes("abc")).value();
  EXPECT_EQ(h.to_hex(), "d320148eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
}

TEST(Multihash, UnknownCodeIsRejectedWhenHashing) {
  auto h = multihash(0x14, util::as_bytes("abc"));  // sha3-512: not supported by Koinos
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.error().code, util::ErrorCode::unknown_hash_code);
}

TEST(Multihash, ZeroAndEmpty) {
  EXPECT_EQ(zero_multihash().to_hex(), "1220" + std::string(64, '0'));
  EXPECT_EQ(zero_multihash(hash_code::ripemd_160).to_hex(), "d32014" + std::string(40, '0'));
  EXPECT_EQ(empty_multihash().to_hex(), "1220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(empty_multihash(hash_code::keccak_256).to_hex(),
            "1b20c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  EXPECT_EQ(empty_multihash(hash_code::identity).to_hex(), "0000");
  EXPECT_EQ(zero_multihash(hash_code::sha2_512).digest.size(), 64u);
}

TEST(Multihash, FromBytesRejectsMalformedInput) {
  struct Case {
    const char* hex;
    const char* message_part;
  };
  const Case cases[] = {
      {"", "multihash code"},                       // nothing at all
      {"d3", "multihash code"},                     // truncated code varint
      {"12", "multihash digest length"},            // missing length
      {"1280", "multihash digest length"},          // truncated length varint
      {"1220", "truncated"},                        // no digest bytes
      {"1203aabb", "truncated"},                    // short digest
      {"1201aabb", "trailing"},                     // one byte too many
      {"ffffffffffffffffffff0100", "multihash code"},  // code over 64 bits
  };
  for (const auto& c : cases) {
    auto parsed = Multihash::from_bytes(unhex(c.hex));
    ASSERT_FALSE(parsed.ok()) << c.hex;
    EXPECT_EQ(parsed.error().code, util::ErrorCode::invalid_encoding) << c.hex;
    EXPECT_NE(parsed.error().message.find(c.message_part), std::string::npos)
        << c.hex << ": " << parsed.error().message;
  }
}

TEST(Multihash, FromBytesAcceptsAnyCodeAndLength) {
  auto parsed = Multihash::from_bytes(unhex("9901" "03" "aabbcc"));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->code, 0x99u);
  EXPECT_EQ(parsed->digest, unhex("aabbcc"));
  auto empty = Multihash::from_bytes(unhex("1200"));
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->digest.empty());
  // An overlong code varint (0x12 written in two bytes) is accepted and re-serialized minimally.
  auto overlong = Multihash::from_bytes(unhex("9200" "01" "ff"));
  ASSERT_TRUE(overlong.ok());
  EXPECT_EQ(overlong->to_hex(), "1201ff");
}

TEST(Multihash, KoinosLenientParseMatchesReferenceDecoding) {
  const std::string digest_hex(64, 'a');
  // Trailing bytes are ignored.
  auto trailing = Multihash::from_bytes_koinos_lenient(unhex("1220" + digest_hex + "ffee"));
  ASSERT_TRUE(trailing.ok());
  EXPECT_EQ(trailing->to_hex(), "1220" + digest_hex);
  // A short digest is zero-filled to the declared length.
  auto short_digest = Multihash::from_bytes_koinos_lenient(unhex("1220" + std::string(62, 'a')));
  ASSERT_TRUE(short_digest.ok());
  EXPECT_EQ(short_digest->to_hex(), "1220" + std::string(62, 'a') + "00");
  auto only_prefix = Multihash::from_bytes_koinos_lenient(unhex("1220"));
  ASSERT_TRUE(only_prefix.ok());
  EXPECT_EQ(only_prefix->digest, util::Bytes(32, 0));
  // Overlong varints decode to the same value.
  EXPECT_EQ(Multihash::from_bytes_koinos_lenient(unhex("9200a000" + digest_hex))->to_hex(), "1220" + digest_hex);
  // 32-bit int arithmetic: the group at bit 28 wraps and sign-extends, the group at bit 35 wraps to bit 3.
  EXPECT_EQ(Multihash::from_bytes_koinos_lenient(unhex("808080807f00"))->code, 0xfffffffff0000000ULL);
  EXPECT_EQ(Multihash::from_bytes_koinos_lenient(unhex("80808080800100"))->code, 8u);
  // Errors: nothing, a dangling continuation bit, an absurd length.
  for (const char* bad : {"", "92", "12", "1280", "12ffffff7f"}) {
    auto parsed = Multihash::from_bytes_koinos_lenient(unhex(bad));
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().code, util::ErrorCode::invalid_encoding) << bad;
  }
}

TEST(Multihash, EqualityAndOrdering) {
  const Multihash a{0x12, unhex("01")};
  const Multihash b{0x12, unhex("02")};
  const Multihash a_long{0x12, unhex("0100")};
  const Multihash other_code{0x11, unhex("ff")};
  EXPECT_EQ(a, (Multihash{0x12, unhex("01")}));
  EXPECT_NE(a, b);
  EXPECT_NE(a, (Multihash{0x13, unhex("01")}));
  EXPECT_LT(a, b);
  EXPECT_LT(a, a_long);
  EXPECT_LT(other_code, a);  // code first, then digest
  std::vector<Multihash> sorted{b, a_long, other_code, a};
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, (std::vector<Multihash>{other_code, a, a_long, b}));
}

TEST(Multihash, UsableInUnorderedContainers) {
  std::unordered_set<Multihash> set{multihash_sha256(util::as_bytes("a")), multihash_sha256(util::as_bytes("b"))};
  EXPECT_EQ(set.count(multihash_sha256(util::as_bytes("a"))), 1u);
  EXPECT_EQ(set.count(Multihash{hash_code::keccak_256, multihash_sha256(util::as_bytes("a")).digest}), 0u);
}

}  // namespace
}  // namespace modchain::crypto
