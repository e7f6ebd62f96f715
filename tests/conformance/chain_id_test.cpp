// Chain ids from the genesis files and the kernel metadata keys (vectors.json chain_ids, metadata_keys).
#include <gtest/gtest.h>

#include "modchain/crypto/address.hpp"
#include "modchain/protocol/ids.hpp"
#include "modchain/protocol/serialization.hpp"
#include "modchain/util/encoding.hpp"
#include "modchain/util/file.hpp"
#include "vectors.hpp"

namespace modchain::conformance {
namespace {

std::string genesis_path(const std::string& file) { return std::string(MODCHAIN_SHARED_DIR) + "/conformance/" + file; }

koinos::chain::genesis_data load_genesis(const std::string& file) {
  auto text = util::read_file(genesis_path(file));
  EXPECT_TRUE(text.ok());
  auto genesis = protocol::genesis_from_json(text.ok() ? *text : "{}");
  EXPECT_TRUE(genesis.ok()) << genesis.error().describe();
  return genesis.ok() ? *genesis : koinos::chain::genesis_data();
}

const koinos::chain::genesis_entry* find_metadata(const koinos::chain::genesis_data& genesis, const std::string& name) {
  const std::string key = util::to_string(protocol::metadata_key(name).to_bytes());
  for (const auto& entry : genesis.entries()) {
    if (entry.space().system() && entry.space().zone().empty() && entry.space().id() == 0 && entry.key() == key) {
      return &entry;
    }
  }
  return nullptr;
}

TEST(ChainId, EveryGenesisFileGivesItsChainId) {
  for (const auto& vector : load("vectors.json")["chain_ids"]) {
    SCOPED_TRACE(vector["name"].get<std::string>());
    const auto genesis = load_genesis(vector["genesis_file"]);
    EXPECT_EQ(genesis.entries_size(), vector["entries"].get<int>());
    const auto bytes = protocol::serialize(genesis);
    if (vector.contains("serialized_genesis_data_size")) {
      EXPECT_EQ(bytes.size(), vector["serialized_genesis_data_size"].get<size_t>());
      EXPECT_EQ(sha256_hex(bytes), vector["serialized_genesis_data_sha256_hex"]);
    }
    EXPECT_EQ(protocol::chain_id(genesis).to_hex(), vector["chain_id_hex"]);
    auto from_file = protocol::chain_id_from_genesis_file(genesis_path(vector["genesis_file"]));
    ASSERT_TRUE(from_file.ok()) << from_file.error().describe();
    EXPECT_EQ(from_file->to_hex(), vector["chain_id_hex"]);
  }
}

TEST(ChainId, MainnetIdAndThePitfallSize) {
  const auto& mainnet = load("vectors.json")["chain_ids"][0];
  ASSERT_EQ(mainnet["name"], "mainnet");
  auto id = protocol::chain_id_from_genesis_file(genesis_path("mainnet_genesis_data.json"));
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(b64url(*id), mainnet["chain_id_b64url"]);
  EXPECT_NE(b64url(*id), mainnet["pitfall"]["wrong_chain_id_b64url"]);
  // Writing the explicit defaults of the claim-info entry would add 4 bytes (id 0 and empty key tags).
  const auto genesis = load_genesis("mainnet_genesis_data.json");
  EXPECT_EQ(protocol::serialized_size(genesis) + 4, mainnet["pitfall"]["wrong_serialized_size"].get<size_t>());
}

TEST(ChainId, MetadataKeysAndMainnetValues) {
  const auto& metadata = load("vectors.json")["metadata_keys"];
  koinos::protocol::object_space space;
  space.set_system(true);
  EXPECT_EQ(serialized_hex(space), metadata["space_serialized_hex"]);
  const auto genesis = load_genesis("mainnet_genesis_data.json");
  for (const auto& key : metadata["keys"]) {
    SCOPED_TRACE(key["name"].get<std::string>());
    EXPECT_EQ(protocol::metadata_key(key["name"].get<std::string>()).to_hex(), key["key_hex"]);
    if (key.contains("mainnet_genesis_value_hex")) {
      const auto* entry = find_metadata(genesis, key["name"]);
      ASSERT_NE(entry, nullptr);
      EXPECT_EQ(util::to_hex(util::as_bytes(entry->value())), key["mainnet_genesis_value_hex"]);
    }
  }
  const auto& decoded = metadata["decoded"];
  const auto* genesis_key = find_metadata(genesis, "genesis_key");
  ASSERT_NE(genesis_key, nullptr);
  EXPECT_EQ(util::to_base58(util::as_bytes(genesis_key->value())), decoded["genesis_key_base58"]);

  auto limits = protocol::parse<koinos::chain::resource_limit_data>(
      util::as_bytes(find_metadata(genesis, "resource_limit_data")->value()));
  ASSERT_TRUE(limits.ok());
  const auto& expected = decoded["resource_limit_data"];
  EXPECT_EQ(limits->disk_storage_limit(), expected["disk_storage_limit"].get<uint64_t>());
  EXPECT_EQ(limits->disk_storage_cost(), expected["disk_storage_cost"].get<uint64_t>());
  EXPECT_EQ(limits->network_bandwidth_limit(), expected["network_bandwidth_limit"].get<uint64_t>());
  EXPECT_EQ(limits->network_bandwidth_cost(), expected["network_bandwidth_cost"].get<uint64_t>());
  EXPECT_EQ(limits->compute_bandwidth_limit(), expected["compute_bandwidth_limit"].get<uint64_t>());
  EXPECT_EQ(limits->compute_bandwidth_cost(), expected["compute_bandwidth_cost"].get<uint64_t>());
  auto max_resources = protocol::parse<koinos::chain::max_account_resources>(
      util::as_bytes(find_metadata(genesis, "max_account_resources")->value()));
  ASSERT_TRUE(max_resources.ok());
  EXPECT_EQ(max_resources->value(), decoded["max_account_resources"].get<uint64_t>());
}

}  // namespace
}  // namespace modchain::conformance
