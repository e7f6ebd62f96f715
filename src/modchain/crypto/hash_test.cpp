#include "modchain/crypto/hash.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <string>

#include "modchain/util/encoding.hpp"

namespace modchain::crypto {
namespace {

template <size_t N>
std::string hex(const std::array<uint8_t, N>& digest) {
  return util::to_hex(digest);
}

util::ByteView bytes(const std::string& text) { return util::as_bytes(text); }

TEST(Hash, Sha256KnownAnswers) {
  EXPECT_EQ(hex(sha256(bytes(""))), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(hex(sha256(bytes("abc"))), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hex(sha256(bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  const std::string million(1000000, 'a');
  EXPECT_EQ(hex(sha256(bytes(million))), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Hash, Sha256OfTwoPartsEqualsConcatenation) {
  EXPECT_EQ(sha256(bytes("ab"), bytes("c")), sha256(bytes("abc")));
  EXPECT_EQ(sha256(bytes(""), bytes("abc")), sha256(bytes("abc")));
  EXPECT_EQ(sha256(bytes("abc"), bytes("")), sha256(bytes("abc")));
}

TEST(Hash, StreamingSha256MatchesOneShotAndResets) {
  Sha256 hasher;
  const std::string text = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  for (size_t i = 0; i < text.size(); i += 7) hasher.update(bytes(text.substr(i, 7)));
  EXPECT_EQ(hex(hasher.finish()), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  // finish() resets: the next digest covers only what follows.
  EXPECT_EQ(hex(hasher.finish()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  hasher.update(bytes("abc"));
  Sha256 moved = std::move(hasher);
  EXPECT_EQ(hex(moved.finish()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Hash, Sha1KnownAnswers) {
  EXPECT_EQ(hex(sha1(bytes(""))), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(hex(sha1(bytes("abc"))), "a9993e364706816aba3e25717850c26c9cd0d89d");
}

TEST(Hash, Sha512KnownAnswers) {
  EXPECT_EQ(hex(sha512(bytes("abc"))),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  EXPECT_EQ(hex(sha512(bytes(""))),
            "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
            "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
}

TEST(Hash, Ripemd160KnownAnswers) {
  EXPECT_EQ(hex(ripemd160(bytes(""))), "9c1185a5c5e9fc54612808977ee8f548b2258d31");
  EXPECT_EQ(hex(ripemd160(bytes("abc"))), "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
  EXPECT_EQ(hex(ripemd160(bytes("message digest"))), "5d0689ef49d2fae572b881b123a85ffa21595f36");
}

TEST(Hash, Keccak256KnownAnswers) {
  EXPECT_EQ(hex(keccak256(bytes(""))), "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  EXPECT_EQ(hex(keccak256(bytes("abc"))), "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
  EXPECT_EQ(hex(keccak256(bytes("The quick brown fox jumps over the lazy dog"))),
            "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15");
}

// The sponge with SHA3's domain byte must equal OpenSSL's SHA3-256 at every length around the
// 136-byte rate boundaries: this checks the permutation, absorption and padding of keccak256.
TEST(Hash, KeccakSpongeMatchesOpenSslSha3AcrossBlockBoundaries) {
  EVP_MD* sha3 = EVP_MD_fetch(nullptr, "SHA3-256", nullptr);
  ASSERT_NE(sha3, nullptr);
  util::Bytes data;
  for (size_t length = 0; length <= 3 * 136 + 2; ++length) {
    Digest256 expected{};
    unsigned int out_length = 0;
    ASSERT_EQ(EVP_Digest(data.data(), data.size(), expected.data(), &out_length, sha3, nullptr), 1);
    ASSERT_EQ(detail::keccak_sponge256(data, 0x06), expected) << "length " << length;
    data.push_back(static_cast<uint8_t>(length * 7 + 1));
  }
  EVP_MD_free(sha3);
}

}  // namespace
}  // namespace modchain::crypto
