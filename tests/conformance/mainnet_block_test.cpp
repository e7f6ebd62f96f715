// A real mainnet block (vectors.json mainnet_block, height 15,409,189): header bytes, id, size, empty
// transaction merkle root, the PoB signature_data, and the state merkle root from its 7 delta entries.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "koinos/chain/chain.pb.h"
#include "koinos/contracts/pob/pob.pb.h"
#include "modchain/crypto/merkle.hpp"
#include "modchain/crypto/secp256k1.hpp"
#include "modchain/protocol/ids.hpp"
#include "modchain/protocol/link_rpc.hpp"
#include "modchain/protocol/serialization.hpp"
#include "modchain/util/encoding.hpp"
#include "vectors.hpp"

namespace modchain::conformance {
namespace {

class MainnetBlock : public ::testing::Test {
 protected:
  const nlohmann::json& vector = load("vectors.json")["mainnet_block"];
  const nlohmann::json& expected = vector["expected"];
  koinos::protocol::block block = decode<koinos::protocol::block>(vector["json"]);
};

/// Converts every JSON number to its decimal string, the way the Koinos API writes 64-bit integers.
nlohmann::json numbers_as_strings(const nlohmann::json& value) {
  if (value.is_number_integer()) return value.dump();
  nlohmann::json out = value;
  if (value.is_structured()) {
    for (auto it = out.begin(); it != out.end(); ++it) *it = numbers_as_strings(*it);
  }
  return out;
}

TEST_F(MainnetBlock, HeaderBytesIdAndSize) {
  EXPECT_EQ(serialized_hex(block.header()), expected["header_bytes_hex"]);
  EXPECT_EQ(protocol::serialized_size(block.header()), expected["header_byte_size"].get<size_t>());
  const auto id = protocol::block_id(block.header());
  EXPECT_EQ(id.to_hex(), expected["block_id_hex"]);
  EXPECT_EQ(id_0x(id), expected["block_id_0x"]);
  EXPECT_EQ(util::to_string(id.to_bytes()), block.id());
  EXPECT_EQ(serialized_hex(block), expected["block_bytes_hex"]);
  EXPECT_EQ(protocol::serialized_size(block), expected["block_byte_size"].get<size_t>());
  EXPECT_EQ(std::to_string(protocol::serialized_size(block)),
            vector["receipt_summary"]["network_bandwidth_used"].get<std::string>());  // a uint64: string in JSON
  EXPECT_EQ(encode(block), vector["json"]);
}

TEST_F(MainnetBlock, EmptyTransactionMerkleRoot) {
  const auto root = protocol::transaction_merkle_root(block.transactions());
  EXPECT_EQ(root.to_hex(), expected["transaction_merkle_root_hex"]);
  EXPECT_EQ(util::to_string(root.to_bytes()), block.header().transaction_merkle_root());
}

TEST_F(MainnetBlock, SignatureIsPobSignatureData) {
  EXPECT_EQ(block.signature().size(), expected["signature_size"].get<size_t>());
  auto data = protocol::parse<koinos::contracts::pob::signature_data>(util::as_bytes(block.signature()));
  ASSERT_TRUE(data.ok());
  const auto& pob = expected["signature_is_pob_signature_data"];
  EXPECT_EQ(util::to_hex(util::as_bytes(data->vrf_proof())), pob["vrf_proof_hex"]);
  EXPECT_EQ(data->vrf_proof().size(), pob["vrf_proof_size"].get<size_t>());
  EXPECT_EQ(util::to_hex(util::as_bytes(data->vrf_hash())), pob["vrf_hash_hex"]);
  EXPECT_EQ(util::to_hex(util::as_bytes(data->signature())), pob["signature_hex"]);
  EXPECT_EQ(protocol::serialize_to_string(*data), block.signature());  // canonical as received
  util::Bytes gamma_preimage = {0xfe, 0x03};
  const auto gamma = util::as_bytes(data->vrf_proof()).first(33);
  EXPECT_EQ(util::to_hex(gamma), pob["gamma_compressed_hex"]);
  gamma_preimage.insert(gamma_preimage.end(), gamma.begin(), gamma.end());
  EXPECT_EQ(crypto::multihash_sha256(gamma_preimage).to_hex(), pob["vrf_hash_hex"]);
  auto key = crypto::recover_compact(util::as_bytes(data->signature()), protocol::block_signing_digest(block.header()));
  ASSERT_TRUE(key.ok()) << key.error().describe();
  EXPECT_EQ(util::to_hex(key->compressed()), pob["signature_recovered_over_block_id_digest_public_key_hex"]);
  EXPECT_EQ(key->address().to_base58(), pob["signature_recovered_over_block_id_digest_address"]);
}

TEST_F(MainnetBlock, StateDeltaEntriesAndStateMerkleRoot) {
  protocol::link_all_generated_types();
  std::vector<crypto::Multihash> leaves;
  std::vector<std::string> keys;
  for (const auto& entry : expected["state_delta_entries"]) {
    SCOPED_TRACE(entry["index"].get<int>());
    koinos::chain::database_key key;
    key.mutable_space()->set_system(entry["object_space"]["system"].get<bool>());
    key.mutable_space()->set_zone(util::to_string(hex(entry["object_space"]["zone_hex"])));
    key.mutable_space()->set_id(entry["object_space"]["id"].get<uint32_t>());
    key.set_key(util::to_string(hex(entry["key_hex"])));
    const auto key_bytes = protocol::serialize(key);
    EXPECT_EQ(util::to_hex(key_bytes), entry["database_key_hex"]);
    const auto value = hex(entry["value_hex"]);
    EXPECT_EQ(value.size(), entry["value_size"].get<size_t>());
    EXPECT_EQ(util::to_base64(value, util::Base64Alphabet::url), entry["value_b64url"]);
    EXPECT_EQ(sha256_hex(key_bytes), entry["leaf_H_key_sha256_hex"]);
    EXPECT_EQ(sha256_hex(value), entry["leaf_H_value_sha256_hex"]);
    leaves.push_back(crypto::multihash_sha256(key_bytes));
    leaves.push_back(crypto::multihash_sha256(value));
    keys.push_back(util::to_string(key_bytes));

    // The value is a canonical serialization of its koinos-proto type, found by name via reflection.
    const auto* type = google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(entry["value_type"]);
    ASSERT_NE(type, nullptr) << entry["value_type"];
    std::unique_ptr<google::protobuf::Message> decoded(
        google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New());
    ASSERT_TRUE(protocol::parse_into(value, *decoded).ok());
    EXPECT_EQ(protocol::serialize(*decoded), value);
    if (entry["index"] == 0) {
      EXPECT_EQ(value, protocol::serialize(block));  // head_block = the block itself
    } else if (entry["index"] != 4) {                // entry 4 is shown with derived hex fields, checked below
      EXPECT_EQ(encode(*decoded), numbers_as_strings(entry["decoded_value"]));
    }
  }
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
  for (size_t i = 0; i < leaves.size(); ++i)
    EXPECT_EQ(util::to_hex(leaves[i].digest), expected["state_merkle_leaves_hex"][i]);
  const auto root = crypto::merkle_root(leaves);
  EXPECT_EQ(root.to_hex(), expected["state_merkle_root_hex"]);
  EXPECT_EQ(b64url(root), expected["state_merkle_root_b64url"]);
  EXPECT_EQ(b64url(root), vector["head_info_at_that_time"]["head_state_merkle_root"]);
}

TEST_F(MainnetBlock, PobMetadataEntry) {
  const auto& entry = expected["state_delta_entries"][4];
  auto metadata = protocol::parse<koinos::contracts::pob::metadata>(hex(entry["value_hex"]));
  ASSERT_TRUE(metadata.ok());
  const auto& decoded = entry["decoded_value"];
  EXPECT_EQ(util::to_hex(util::as_bytes(metadata->seed())), decoded["seed_hex"]);
  EXPECT_EQ(util::to_hex(util::as_bytes(metadata->difficulty())), decoded["difficulty_hex"]);
  EXPECT_EQ(metadata->last_block_time(), decoded["last_block_time"].get<uint64_t>());
  EXPECT_EQ(metadata->last_block_time(), block.header().timestamp());
  auto data = protocol::parse<koinos::contracts::pob::signature_data>(util::as_bytes(block.signature()));
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(crypto::multihash_sha256(util::as_bytes(data->vrf_hash())).to_hex(), decoded["seed_hex"]);
}

}  // namespace
}  // namespace modchain::conformance
