// Koinos conformance data (/work/shared/conformance): real mainnet values and koilib-signed vectors.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "modchain/crypto/address.hpp"
#include "modchain/crypto/merkle.hpp"
#include "modchain/crypto/multihash.hpp"
#include "modchain/crypto/secp256k1.hpp"
#include "modchain/util/encoding.hpp"
#include "modchain/util/file.hpp"

namespace modchain::crypto {
namespace {

using nlohmann::json;

json load(const std::string& name) {
  auto text = util::read_file(std::string(MODCHAIN_SHARED_DIR) + "/conformance/" + name);
  MODCHAIN_ASSERT(text.ok(), "conformance file missing");
  return json::parse(text.value());
}

const json& vectors() {
  static const json data = load("vectors.json");
  return data;
}

const json& koilib() {
  static const json data = load("koilib-vectors.json");
  return data;
}

util::Bytes unhex(const std::string& text) {
  auto bytes = util::from_hex(text, /*allow_0x_prefix=*/true);
  MODCHAIN_ASSERT(bytes.ok(), "bad hex in conformance data");
  return std::move(bytes).value();
}

Digest256 digest256(const std::string& hex) {
  const util::Bytes bytes = unhex(hex);
  MODCHAIN_ASSERT(bytes.size() == 32, "digest must be 32 bytes");
  Digest256 out{};
  std::copy(bytes.begin(), bytes.end(), out.begin());
  return out;
}

// The 32-byte digest inside a 34-byte sha2-256 id ("0x1220…" or "1220…").
Digest256 digest_of_id(const std::string& id_hex) {
  const Multihash id = Multihash::from_bytes(unhex(id_hex)).value();
  EXPECT_EQ(id.code, hash_code::sha2_256);
  return digest256(util::to_hex(id.digest));
}

std::vector<Multihash> sha256_leaves(const json& hex_list) {
  std::vector<Multihash> leaves;
  for (const auto& hex : hex_list) leaves.push_back(Multihash{hash_code::sha2_256, unhex(hex.get<std::string>())});
  return leaves;
}

TEST(Conformance, MetadataKeys) {
  const auto& keys = vectors()["metadata_keys"]["keys"];
  ASSERT_EQ(keys.size(), 8u);
  for (const auto& key : keys) {
    const std::string preimage = "object_key::" + key["name"].get<std::string>();
    EXPECT_EQ(preimage, key["preimage"].get<std::string>());
    EXPECT_EQ(multihash_sha256(util::as_bytes(preimage)).to_hex(), key["key_hex"].get<std::string>()) << preimage;
  }
}

TEST(Conformance, MainnetTransactionIdAndOperationMerkleRoot) {
  const auto& e = vectors()["mainnet_transaction"]["expected"];
  std::vector<Multihash> leaves;
  for (const auto& op : e["operation_bytes_hex"]) leaves.push_back(multihash_sha256(unhex(op.get<std::string>())));
  EXPECT_EQ(merkle_root(leaves).to_hex(), e["operation_merkle_root_hex"].get<std::string>());
  EXPECT_TRUE(verify_merkle_root(Multihash::from_bytes(unhex(e["operation_merkle_root_hex"])).value(), leaves));
  EXPECT_EQ(multihash_sha256(unhex(e["header_bytes_hex"])).to_hex(), e["transaction_id_hex"].get<std::string>());
  // Alone in a block: leaves H(header), H(concatenated signatures).
  EXPECT_EQ(merkle_root(sha256_leaves(e["transaction_merkle_leaves_if_alone_in_a_block_hex"])).to_hex(),
            e["transaction_merkle_root_if_alone_in_a_block_hex"].get<std::string>());
}

TEST(Conformance, MainnetTransactionSignaturesRecoverBothSigners) {
  const auto& e = vectors()["mainnet_transaction"]["expected"];
  const Digest256 digest = digest256(e["signing_digest_hex"]);
  ASSERT_EQ(e["signatures"].size(), 2u);
  for (const auto& s : e["signatures"]) {
    util::Bytes sig{static_cast<uint8_t>(s["header_byte"].get<int>())};
    const util::Bytes r = unhex(s["r_hex"]);
    const util::Bytes sv = unhex(s["s_hex"]);
    sig.insert(sig.end(), r.begin(), r.end());
    sig.insert(sig.end(), sv.begin(), sv.end());
    auto key = recover_compact(sig, digest);
    ASSERT_TRUE(key.ok()) << key.error().describe();
    EXPECT_EQ(util::to_hex(key->compressed()), s["recovered_public_key_hex"].get<std::string>());
    EXPECT_EQ(key->address().to_base58(), s["recovered_address"].get<std::string>());
    // The same through the multihash-digest entry point used by the system call.
    EXPECT_EQ(recover_compact_multihash(sig, unhex(e["transaction_id_hex"])).value(), key.value());
  }
}

TEST(Conformance, MainnetBlockRoots) {
  const auto& e = vectors()["mainnet_block"]["expected"];
  EXPECT_EQ(multihash_sha256(unhex(e["header_bytes_hex"])).to_hex(), e["block_id_hex"].get<std::string>());
  EXPECT_EQ(merkle_root(std::span<const Multihash>{}).to_hex(), e["transaction_merkle_root_hex"].get<std::string>());

  // State merkle root from the 7 delta entries: leaves sha256(database_key), sha256(value) per entry.
  const auto& entries = e["state_delta_entries"];
  ASSERT_EQ(entries.size(), 7u);
  std::vector<Multihash> leaves;
  for (const auto& entry : entries) {
    leaves.push_back(multihash_sha256(unhex(entry["database_key_hex"])));
    leaves.push_back(multihash_sha256(unhex(entry.value("value_hex", std::string()))));
  }
  ASSERT_EQ(leaves.size(), e["state_merkle_leaves_hex"].size());
  for (size_t i = 0; i < leaves.size(); ++i) {
    EXPECT_EQ(util::to_hex(leaves[i].digest), e["state_merkle_leaves_hex"][i].get<std::string>()) << i;
  }
  const Multihash root = merkle_root(leaves);
  EXPECT_EQ(root.to_hex(), e["state_merkle_root_hex"].get<std::string>());
  EXPECT_EQ(util::to_base64(root.to_bytes(), util::Base64Alphabet::url), "EiBxOKByK74sZeIrqQ6oB1RauLsyxWaiRRyttUXKVAqQFA==");
  EXPECT_TRUE(verify_merkle_root(root, leaves));
}

TEST(Conformance, MainnetBlockPobSignatureRecovers) {
  const auto& pob = vectors()["mainnet_block"]["expected"]["signature_is_pob_signature_data"];
  const util::Bytes sig = unhex(pob["signature_hex"]);
  ASSERT_EQ(sig[0], 32);
  auto key = recover_compact(sig, digest_of_id(vectors()["mainnet_block"]["expected"]["block_id_hex"]));
  ASSERT_TRUE(key.ok()) << key.error().describe();
  EXPECT_EQ(util::to_hex(key->compressed()),
            pob["signature_recovered_over_block_id_digest_public_key_hex"].get<std::string>());
  EXPECT_EQ(key->address().to_base58(), pob["signature_recovered_over_block_id_digest_address"].get<std::string>());
}

// Keys by address, rebuilt from their seeds (the key name is the koilib seed).
std::map<std::string, PrivateKey> koilib_keys() {
  std::map<std::string, PrivateKey> out;
  for (const auto& k : koilib()["keys"]) {
    const PrivateKey key = PrivateKey::from_seed(k["name"].get<std::string>());
    out.emplace(k["address"].get<std::string>(), key);
  }
  return out;
}

TEST(Conformance, KoilibKeys) {
  const auto& keys = koilib()["keys"];
  ASSERT_EQ(keys.size(), 3u);
  for (const auto& k : keys) {
    const PrivateKey key = PrivateKey::from_seed(k["name"].get<std::string>());
    EXPECT_EQ(util::to_hex(key.secret()), k["private_key_hex"].get<std::string>());
    EXPECT_EQ(key.to_wif(), k["private_key_wif"].get<std::string>());
    const PublicKey pub = key.public_key();
    EXPECT_EQ(util::to_hex(pub.compressed()), k["public_key_hex"].get<std::string>());
    EXPECT_EQ(pub.address().to_base58(), k["address"].get<std::string>());
    EXPECT_EQ(util::to_hex(pub.address().bytes), k["address_hex"].get<std::string>());
    auto from_wif = PrivateKey::from_wif(k["private_key_wif"].get<std::string>());
    ASSERT_TRUE(from_wif.ok()) << from_wif.error().describe();
    EXPECT_EQ(from_wif.value(), key);
    EXPECT_EQ(Address::from_base58(k["address"].get<std::string>()).value(), pub.address());
  }
}

TEST(Conformance, KoilibTransactionSignaturesAreByteIdentical) {
  const auto keys = koilib_keys();
  const auto& transactions = koilib()["transactions"];
  ASSERT_EQ(transactions.size(), 6u);
  size_t signatures = 0;
  for (const auto& trx : transactions) {
    const std::string name = trx["name"];
    const std::string id_hex = trx["transaction_id"];
    EXPECT_EQ(multihash_sha256(unhex(trx["header_bytes_hex"])).to_bytes(), unhex(id_hex)) << name;
    std::vector<Multihash> op_leaves;
    for (const auto& op : trx["operation_bytes_hex"]) op_leaves.push_back(multihash_sha256(unhex(op)));
    EXPECT_EQ(merkle_root(op_leaves).to_hex(), trx["operation_merkle_root_hex"].get<std::string>()) << name;

    const Digest256 digest = digest_of_id(id_hex);
    const auto& signers = trx["signer_keys"];
    ASSERT_EQ(signers.size(), trx["signatures_hex"].size()) << name;
    for (size_t i = 0; i < signers.size(); ++i) {
      const PrivateKey& key = keys.at(signers[i].get<std::string>());
      const CompactSignature sig = key.sign_compact(digest);
      EXPECT_EQ(util::to_hex(sig), trx["signatures_hex"][i].get<std::string>()) << name << " signature " << i;
      EXPECT_EQ(util::to_base64(sig, util::Base64Alphabet::url), trx["signatures"][i].get<std::string>());
      auto recovered = recover_compact(unhex(trx["signatures_hex"][i]), digest);
      ASSERT_TRUE(recovered.ok()) << recovered.error().describe();
      EXPECT_EQ(recovered->address().to_base58(), trx["recovered_addresses"][i].get<std::string>()) << name;
      ++signatures;
    }
  }
  EXPECT_EQ(signatures, 7u);
}

// koinos-crypto-cpp signs with RFC 6979's second candidate (its nonce counter starts at 1). Expected values
// computed independently in Python (RFC 6979 HMAC-DRBG + textbook ECDSA, low-S), which reproduces koilib's
// signatures above with the first candidate.
TEST(Conformance, KoinosCppStyleSignatures) {
  const auto keys = koilib_keys();
  struct Case {
    size_t transaction;
    const char* signer;
    const char* signature_hex;
  };
  const Case cases[] = {
      {0, "1PJNsQFiajeVfSN4smiC6JKVNUwc3doDMC",
       "20d92f559dbd8a406dc59888cf325f976262ba1bf6dfc8ba97767826d8ce9a9b54391e0b87fb37b830c82b5f13b5c11bdb4523f63bce"
       "2d4b2567870c5f66649294"},
      {1, "1PJNsQFiajeVfSN4smiC6JKVNUwc3doDMC",
       "20a5fc0a19be0aaf56788193830a6736ee7b98ce3f64c839c56207a72ec17680d95b2eeff6434a17146e04d1c8b7dac73e70fcc9a8ff"
       "fd20c78d7ef44237ff0a32"},
      {1, "17jYHnCk535Cfo3sEnrwHRBnvCYQKxATbt",
       "20eb982b30c80eca13adef8803c11772c3e15741745417aaed7be342fedec4f7804acc58e5d21ff1c763792558c1e916c9482dfa9ea3"
       "f6788604cbf5fd6a70aa34"},
  };
  for (const auto& c : cases) {
    const auto& trx = koilib()["transactions"][c.transaction];
    const Digest256 digest = digest_of_id(trx["transaction_id"]);
    const PrivateKey& key = keys.at(c.signer);
    const CompactSignature sig = key.sign_compact_koinos_cpp(digest);
    EXPECT_EQ(util::to_hex(sig), c.signature_hex) << trx["name"].get<std::string>();
    EXPECT_NE(sig, key.sign_compact(digest));
    EXPECT_EQ(recover_compact(sig, digest)->address().to_base58(), c.signer);
  }
}

TEST(Conformance, KoilibBlock) {
  const auto keys = koilib_keys();
  const auto& block = koilib()["blocks"][0];
  EXPECT_EQ(multihash_sha256(unhex(block["header_bytes_hex"])).to_bytes(), unhex(block["block_id"]));
  const auto leaves = sha256_leaves(block["transaction_merkle_leaves_hex"]);
  EXPECT_EQ(merkle_root(leaves).to_hex(), block["transaction_merkle_root_hex"].get<std::string>());
  const Digest256 digest = digest_of_id(block["block_id"]);
  const PrivateKey& signer = keys.at(block["recovered_signer"].get<std::string>());
  EXPECT_EQ(util::to_hex(signer.sign_compact(digest)), block["signature_hex"].get<std::string>());
  EXPECT_EQ(recover_compact(unhex(block["signature_hex"]), digest)->address().to_base58(),
            block["recovered_signer"].get<std::string>());
}

}  // namespace
}  // namespace modchain::crypto
