#include "modchain/crypto/merkle.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "modchain/crypto/hash.hpp"
#include "modchain/util/encoding.hpp"

namespace modchain::crypto {
namespace {

// Leaves H(0x00), H(0x01), … H(0x04).
std::vector<Multihash> leaves(size_t count) {
  std::vector<Multihash> out;
  for (size_t i = 0; i < count; ++i) {
    const uint8_t byte = static_cast<uint8_t>(i);
    out.push_back(multihash_sha256(util::ByteView(&byte, 1)));
  }
  return out;
}

std::string root_hex(size_t count) { return util::to_hex(merkle_root(leaves(count)).digest); }

// Expected values computed by hand with Python's hashlib (sha256 over concatenated raw digests).
TEST(Merkle, HandComputedRoots) {
  EXPECT_EQ(root_hex(0), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");  // H("")
  EXPECT_EQ(root_hex(1), "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");  // the leaf
  EXPECT_EQ(root_hex(2), "30e1867424e66e8b6d159246db94e3486778136f7e386ff5f001859d6b8484ab");
  EXPECT_EQ(root_hex(3), "773a93ac37ea78b3f14ac31872c83886b0a0f1fec562c4e848e023c889c2ce9f");
  EXPECT_EQ(root_hex(5), "5174b138f822e56503c04bce38e368672593b4a2694466c2e60f1216caf234be");
}

// The nine-word tree from koinos-crypto-cpp's merkle test (leaves = sha256 of each word).
TEST(Merkle, KoinosReferenceNineWords) {
  std::vector<Multihash> words;
  for (const char* word : {"the", "quick", "brown", "fox", "jumps", "over", "a", "lazy", "dog"}) {
    words.push_back(multihash_sha256(util::as_bytes(word)));
  }
  EXPECT_EQ(util::to_hex(merkle_root(words).digest),
            "e24e552e0b6cf8835af179a14a766fb58c23e4ee1f7c6317d57ce39cc578cfac");
  words.resize(8);
  EXPECT_EQ(util::to_hex(merkle_root(words).digest),
            "913b7dce068efc8db6fab0173481f137ce91352b341855a1719aaff926169987");
}

TEST(Merkle, StructureOfFiveLeaves) {
  const auto l = leaves(5);
  auto parent = [](const Multihash& a, const Multihash& b) { return sha256(a.digest, b.digest); };
  const Digest256 n01 = parent(l[0], l[1]);
  const Digest256 n23 = parent(l[2], l[3]);
  const Digest256 n0123 = sha256(n01, n23);
  // Leaf 4 is carried up twice unchanged, then paired with the left subtree.
  const Digest256 expected = sha256(n0123, l[4].digest);
  EXPECT_EQ(merkle_root(l).digest, util::Bytes(expected.begin(), expected.end()));
  EXPECT_EQ(merkle_root(l).code, hash_code::sha2_256);
}

TEST(Merkle, GeneralPathMatchesFastPath) {
  for (size_t n : {0u, 1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u, 9u, 17u}) {
    const auto l = leaves(n);
    // A 33-byte odd leaf forces the general algorithm for sha2-256; compare both on regular leaves.
    auto general = merkle_root(hash_code::sha2_256, l);
    ASSERT_TRUE(general.ok());
    EXPECT_EQ(general.value(), merkle_root(l)) << n;
  }
}

TEST(Merkle, OtherHashCodes) {
  auto l = leaves(3);
  for (auto& leaf : l) leaf = multihash(hash_code::keccak_256, leaf.digest).value();
  auto root = merkle_root(hash_code::keccak_256, l);
  ASSERT_TRUE(root.ok());
  util::Bytes pair = l[0].digest;
  pair.insert(pair.end(), l[1].digest.begin(), l[1].digest.end());
  const Digest256 left = keccak256(pair);
  util::Bytes top(left.begin(), left.end());
  top.insert(top.end(), l[2].digest.begin(), l[2].digest.end());
  const Digest256 expected = keccak256(top);
  EXPECT_EQ(root->code, hash_code::keccak_256);
  EXPECT_EQ(root->digest, util::Bytes(expected.begin(), expected.end()));
  EXPECT_EQ(merkle_root(hash_code::keccak_256, {}).value(), empty_multihash(hash_code::keccak_256));
  EXPECT_EQ(merkle_root(0x99, l).error().code, util::ErrorCode::unknown_hash_code);
  EXPECT_TRUE(verify_merkle_root(root.value(), l));
}

TEST(Merkle, VerifyChecksCodesSizesAndValue) {
  const auto l = leaves(5);
  const Multihash root = merkle_root(l);
  EXPECT_TRUE(verify_merkle_root(root, l));
  EXPECT_TRUE(verify_merkle_root(empty_multihash(), {}));

  auto wrong_value = l;
  wrong_value[2].digest[0] ^= 1;
  EXPECT_FALSE(verify_merkle_root(root, wrong_value));

  auto wrong_code = l;
  wrong_code[1].code = hash_code::keccak_256;  // digest unchanged, so only the code check catches it
  EXPECT_EQ(merkle_root(wrong_code), root);
  EXPECT_FALSE(verify_merkle_root(root, wrong_code));

  auto wrong_size = l;
  wrong_size[4].digest.push_back(0);
  EXPECT_FALSE(verify_merkle_root(root, wrong_size));

  Multihash other_code_root = root;
  other_code_root.code = hash_code::keccak_256;
  EXPECT_FALSE(verify_merkle_root(other_code_root, l));
}

TEST(Merkle, OddLeafOfUnusualSizeIsCarriedUnchanged) {
  auto l = leaves(2);
  l.push_back(Multihash{hash_code::sha2_256, util::Bytes(33, 0xab)});
  const Digest256 n01 = sha256(l[0].digest, l[1].digest);
  const Digest256 expected = sha256(n01, l[2].digest);
  EXPECT_EQ(merkle_root(l).digest, util::Bytes(expected.begin(), expected.end()));
}

}  // namespace
}  // namespace modchain::crypto
