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

// Multi-block vectors from koinos-crypto-cpp's keccak_256_test.
TEST(Hash, Keccak256KoinosReferenceVectors) {
  const auto h1 = util::from_hex(
      "20ff454369a5d05b81a78f3db05819fea9b08c2384f75cb0ab6aa115dd690da3131874a1ca8f708ad1519ea952c1e249cb540d196392c7"
      "9e87755424fee7c890808c562722359eea52e8a12fbbb969dd7961d2ba52037493755a5fa04f0d50a1aa26c9b44148c0d3b94d1c4a59a3"
      "1aca15ae8bd44acb7833d8e91c4b86fa3135a423387b8151b4133ed23f6d7187b50ec2204ad901ad74d396e44274e0ecafaae17b3b9085"
      "e22260b35ca53b15cc52abba758af6798fbd04eceeced648f3af4fdb3ded7557a9a5cfb7382612a8a8f3f45947d1a29ce29072928ec193"
      "ca25d51071bd5e1984ecf402f306ea762f0f25282f5296d997658be3f983696ffa6d095c6369b4daf79e9a5d3136229128f8eb63c12b9e"
      "9fa78aff7a3e9e19a62022493cd136defbb5bb7ba1b938f367fd2f63eb5ca76c0b0ff21b9e36c3f07230cf3c3074e5da587040a76975d7"
      "e39f4494ace5486fcbf380ab7558c4fe89656335b82e4db8659509eab46a19613126e594042732dd4c411f41aa8cdeac71c0fb40a94e6d"
      "a558c05e77b6182806f26d9afdf3da00c69419222c8186a6efad600b410e6ce2f2a797e49dc1f135319801fa6f396b06f975e2a190a023"
      "e474b618e7");
  ASSERT_TRUE(h1.ok());
  EXPECT_EQ(hex(keccak256(h1.value())), "0ec8d9d20ddf0a7b0251e941a7261b557507ff6287b504362a8f1734c5a91012");
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
