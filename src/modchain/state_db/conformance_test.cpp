// The mainnet block 15,409,189 (conformance/vectors.json `mainnet_block`): its 7 state-delta entries applied
// through the real state database must reproduce the node's head_state_merkle_root.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "modchain/state_db/state_db.hpp"
#include "modchain/state_db/test_support.hpp"
#include "modchain/util/encoding.hpp"
#include "modchain/util/file.hpp"

namespace modchain::state_db {
namespace {

util::Bytes unhex(const std::string& text) { return util::from_hex(text).value(); }

nlohmann::json load_mainnet_block() {
  auto text = util::read_file(std::string(MODCHAIN_SHARED_DIR) + "/conformance/vectors.json");
  EXPECT_TRUE(text.ok()) << (text.ok() ? "" : text.error().describe());
  return nlohmann::json::parse(text.value())["mainnet_block"];
}

DeltaEntry entry_of(const nlohmann::json& e) {
  const auto& space = e["object_space"];
  DeltaEntry entry;
  entry.space.system = space["system"].get<bool>();
  entry.space.zone = unhex(space["zone_hex"].get<std::string>());
  entry.space.id = space["id"].get<uint32_t>();
  entry.key = unhex(e["key_hex"].get<std::string>());
  entry.value = unhex(e["value_hex"].get<std::string>());
  return entry;
}

class MainnetBlock : public ::testing::TestWithParam<BackendKind> {};

TEST_P(MainnetBlock, DatabaseKeysMatchTheVectors) {
  auto block = load_mainnet_block();
  const auto& entries = block["expected"]["state_delta_entries"];
  ASSERT_EQ(entries.size(), 7u);
  for (const auto& e : entries) {
    DeltaEntry entry = entry_of(e);
    auto serialized = serialize_database_key(entry.space, entry.key);
    EXPECT_EQ(util::to_hex(serialized), e["database_key_hex"].get<std::string>());
    auto parsed = parse_database_key(serialized);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->space, entry.space);
    EXPECT_EQ(parsed->key, entry.key);
  }
}

TEST_P(MainnetBlock, StateMerkleRootThroughTheStateDatabase) {
  auto block = load_mainnet_block();
  const auto& expected = block["expected"];
  const auto& entries = expected["state_delta_entries"];
  testing::DbFactory factory(GetParam());
  auto db = factory.open(ForkResolution::pob);
  // The node hangs off the genesis root, so its height is 1 here; the delta root does not depend on it.
  BlockInfo info{unhex(expected["block_id_hex"].get<std::string>()), 1,
                 std::stoull(block["json"]["header"]["timestamp"].get<std::string>()),
                 unhex(block["decoded"]["signer_hex"].get<std::string>())};
  auto node = db->create_block_node(db->root().id(), info, unhex(expected["header_bytes_hex"].get<std::string>()));
  ASSERT_TRUE(node.ok()) << node.error().describe();
  // Apply in reverse order so the database, not the input order, produces the sorted entry list.
  std::vector<DeltaEntry> applied;
  for (const auto& e : entries) applied.push_back(entry_of(e));
  for (auto it = applied.rbegin(); it != applied.rend(); ++it) {
    ASSERT_TRUE(node->put_object(it->space, it->key, *it->value).ok());
  }
  ASSERT_TRUE(db->finalize_node(info.id).ok());
  auto root = node->merkle_root();
  ASSERT_TRUE(root.ok()) << root.error().describe();
  EXPECT_EQ(util::to_hex(root->to_bytes()), expected["state_merkle_root_hex"].get<std::string>());
  EXPECT_EQ(util::to_base64(root->to_bytes(), util::Base64Alphabet::url), "EiBxOKByK74sZeIrqQ6oB1RauLsyxWaiRRyttUXKVAqQFA==");
  EXPECT_EQ(util::to_base64(root->to_bytes(), util::Base64Alphabet::url),
            block["head_info_at_that_time"]["head_state_merkle_root"].get<std::string>());
  auto delta = node->delta_entries();
  ASSERT_TRUE(delta.ok());
  EXPECT_EQ(*delta, applied);

  // It survives the LIB commit as the root's metadata, and a reopen.
  ASSERT_TRUE(db->commit_node(info.id).ok());
  db.reset();
  db = factory.open(ForkResolution::pob);
  EXPECT_EQ(util::to_hex(db->root().merkle_root().value().to_bytes()), expected["state_merkle_root_hex"].get<std::string>());
  EXPECT_EQ(db->root().id(), info.id);
  EXPECT_EQ(db->root().block_info(), info);
  EXPECT_EQ(db->root().get_object(applied[0].space, applied[0].key).value(), applied[0].value);
}

INSTANTIATE_TEST_SUITE_P(Backends, MainnetBlock, ::testing::Values(BackendKind::memory, BackendKind::rocksdb),
                         [](const auto& p) { return testing::backend_name(p.param); });

}  // namespace
}  // namespace modchain::state_db
