// Controller: genesis, block validation path (§12.1, §12.2), head info, LIB, forks.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <filesystem>

#include "modchain/kernel/state_keys.hpp"
#include "modchain/kernel/test_helpers.hpp"
#include "modchain/protocol/ids.hpp"
#include "modchain/util/encoding.hpp"
#include "modchain/util/file.hpp"

namespace modchain::kernel {
namespace {

using test::outcome;
using testing::Tester;
using util::ErrorCode;

TEST(Controller, MainnetGenesisGivesMainnetChainId) {
  auto text = util::read_file(std::string(MODCHAIN_SHARED_DIR) + "/conformance/mainnet_genesis_data.json");
  ASSERT_TRUE(text.ok());
  auto genesis = protocol::genesis_from_json(text.value());
  ASSERT_TRUE(genesis.ok()) << genesis.error().describe();
  ControllerOptions options;
  options.database.backend = state_db::BackendKind::memory;
  auto controller = Controller::open(options, genesis.value());
  ASSERT_TRUE(controller.ok()) << controller.error().describe();
  auto id = controller.value()->chain_id();
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(util::to_hex(util::as_bytes(id.value())),
            "1220592bf18654fd07fdf5d500cde3e8402ecf7f81fa5dde8f14527b08bba8805f48");
  auto limits = controller.value()->resource_limits();
  ASSERT_TRUE(limits.ok());
  EXPECT_EQ(limits.value().disk_storage_limit(), 409'600u);
  EXPECT_EQ(limits.value().compute_bandwidth_limit(), 100'000'000u);
  EXPECT_EQ(controller.value()->account_rc(std::string(25, '\1')).value(), 10'000'000u);
}

TEST(Controller, EmptyBlocksAdvanceHeadAndWriteHeadBlock) {
  Tester tester;
  auto first = tester.produce_block();
  ASSERT_TRUE(first.ok()) << first.error().describe();
  EXPECT_EQ(first.value().height(), 1u);
  EXPECT_EQ(first.value().id(), tester.last_block().id());
  // The delta holds exactly the head_block object; its merkle root is over H(key) and H(value).
  ASSERT_EQ(first.value().state_delta_entries_size(), 1);
  EXPECT_EQ(first.value().state_delta_entries(0).key(), metadata_key_bytes("head_block"));
  EXPECT_EQ(first.value().state_delta_entries(0).value(), protocol::serialize_to_string(tester.last_block()));
  // System network use = whole block (no transactions); compute = the registry costs actually charged.
  EXPECT_EQ(first.value().network_bandwidth_used(), protocol::serialized_size(tester.last_block()));
  // verify_merkle_root over 0 leaves: 1 + 1 × 102 + 1 × 34 × 404 + 1 × (1385 + 2 × 32 × 1) = 15,288; then
  // process_block_signature 4,499, pre/post_block_callback 730 + 741, consume_account_rc 735,
  // consume_block_resources 753. get_resource_limits and apply_block itself are before the meter reset.
  EXPECT_EQ(first.value().compute_bandwidth_used(), 15'288u + 4'499 + 730 + 741 + 735 + 753);
  EXPECT_EQ(first.value().compute_bandwidth_charged(), 15'288u + 4'499 + 730 + 741 + 735);
  EXPECT_EQ(first.value().disk_storage_used(), 0u);  // head_block is written without charge
  auto second = tester.produce_block();
  ASSERT_TRUE(second.ok());
  auto info = tester.controller().head_info();
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info.value().head_topology().height(), 2u);
  EXPECT_EQ(info.value().head_topology().id(), second.value().id());
  EXPECT_EQ(info.value().head_block_time(), 1'700'000'006'000u);
  EXPECT_EQ(info.value().last_irreversible_block(), 0u);
}

TEST(Controller, RejectsBadBlocksWithTheDocumentedCodes) {
  Tester tester;
  ASSERT_TRUE(tester.produce_block().ok());
  const std::string head = tester.last_block().id();
  auto good = tester.block_on(head, {});
  ASSERT_TRUE(good.ok());

  auto tampered = good.value();
  tampered.mutable_header()->set_timestamp(tampered.header().timestamp() + 1);  // id no longer matches
  EXPECT_EQ(outcome(tester.push_block(tampered)).code, ErrorCode::malformed_block);

  auto wrong_root = good.value();
  wrong_root.mutable_header()->set_previous_state_merkle_root(std::string("\x12\x20", 2) + std::string(32, '\7'));
  sign_block(wrong_root, tester.genesis_key());
  EXPECT_EQ(outcome(tester.push_block(wrong_root)).code, ErrorCode::state_merkle_mismatch);

  auto other_signer = good.value();
  sign_block(other_signer, Tester::key("mallory"));
  EXPECT_EQ(outcome(tester.push_block(other_signer)).code, ErrorCode::invalid_signature);

  auto unknown_parent = good.value();
  unknown_parent.mutable_header()->set_previous(std::string("\x12\x20", 2) + std::string(32, '\5'));
  sign_block(unknown_parent, tester.genesis_key());
  EXPECT_EQ(outcome(tester.push_block(unknown_parent)).code, ErrorCode::unknown_previous_block);

  auto too_late = good.value();
  EXPECT_EQ(outcome(tester.controller().apply_block(too_late, too_late.header().timestamp() - 5'001)).code,
            ErrorCode::timestamp_out_of_bounds);

  auto missing = good.value();
  missing.clear_signature();
  EXPECT_EQ(outcome(tester.push_block(missing)).code, ErrorCode::missing_required_arguments);

  // None of the rejected blocks left a trace; the good one still applies.
  EXPECT_EQ(tester.controller().database().head().revision(), 1u);
  ASSERT_TRUE(tester.push_block(good.value()).ok());
  EXPECT_EQ(tester.controller().database().head().revision(), 2u);
}

TEST(Controller, ForksSwitchByBlockTimeAndLibCommitsAfterSixtyBlocks) {
  Tester tester;
  ASSERT_TRUE(tester.produce_block().ok());
  const std::string base = tester.last_block().id();
  auto late = tester.block_on(base, {}, 500);
  auto early = tester.block_on(base, {}, 0);
  ASSERT_TRUE(late.ok() && early.ok());
  ASSERT_TRUE(tester.push_block(late.value()).ok());
  EXPECT_EQ(util::to_string(tester.controller().database().head().id()), late.value().id());
  ASSERT_TRUE(tester.push_block(early.value()).ok());  // same height, earlier timestamp wins
  EXPECT_EQ(util::to_string(tester.controller().database().head().id()), early.value().id());
  EXPECT_EQ(tester.controller().fork_heads().size(), 2u);
  // Extending the late fork makes it the head again.
  auto extend = tester.block_on(late.value().id(), {});
  ASSERT_TRUE(extend.ok());
  ASSERT_TRUE(tester.push_block(extend.value()).ok());
  EXPECT_EQ(util::to_string(tester.controller().database().head().id()), extend.value().id());
  for (int i = 0; i < 60; ++i) ASSERT_TRUE(tester.produce_block().ok());
  EXPECT_EQ(tester.controller().database().head().revision(), 63u);
  EXPECT_EQ(tester.controller().database().root().revision(), 3u);
  EXPECT_EQ(tester.controller().fork_heads().size(), 1u);
  EXPECT_EQ(outcome(tester.push_block(early.value())).code, ErrorCode::pre_irreversibility_block);
}

// A temporary directory removed on destruction.
struct TempDir {
  std::string path;
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "kernel_test_XXXXXX").string();
    MODCHAIN_ASSERT(mkdtemp(pattern.data()) != nullptr, "mkdtemp");
    path = pattern;
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

TEST(Controller, RocksDbChainReopensAtItsIrreversibleBlockAndChecksTheChainId) {
  TempDir dir;
  const auto key = Tester::key("rocks genesis");
  const auto genesis = make_dev_genesis(key.public_key().address());
  ControllerOptions options;
  options.database.backend = state_db::BackendKind::rocksdb;
  options.database.rocksdb.path = dir.path;
  std::string lib_id;
  {
    auto controller = Controller::open(options, genesis);
    ASSERT_TRUE(controller.ok()) << controller.error().describe();
    uint64_t time = 1'700'000'000'000;
    for (int i = 0; i < 62; ++i) {
      time += 3'000;
      auto proposed = controller.value()->propose_block({}, time, key);
      ASSERT_TRUE(proposed.ok());
      ASSERT_TRUE(controller.value()->apply_block(proposed.value().block, time).ok());
    }
    auto info = controller.value()->head_info();
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info.value().head_topology().height(), 62u);
    EXPECT_EQ(info.value().last_irreversible_block(), 2u);
    lib_id = util::to_string(controller.value()->database().root().id());
    EXPECT_EQ(controller.value()->database().root().revision(), 2u);
  }
  auto reopened = Controller::open(options, genesis);
  ASSERT_TRUE(reopened.ok()) << reopened.error().describe();
  EXPECT_EQ(reopened.value()->database().root().revision(), 2u);
  EXPECT_EQ(util::to_string(reopened.value()->database().root().id()), lib_id);
  EXPECT_EQ(reopened.value()->chain_id().value(), util::to_string(protocol::chain_id(genesis).to_bytes()));
  // The chain continues from the reopened root.
  const uint64_t next_time = 1'700'000'000'000 + 63 * 3'000;
  auto next = reopened.value()->propose_block({}, next_time, key);
  ASSERT_TRUE(next.ok()) << next.error().describe();
  EXPECT_EQ(next.value().block.header().height(), 3u);
  auto applied = reopened.value()->apply_block(next.value().block, next_time);
  EXPECT_TRUE(applied.ok()) << applied.error().describe();
  reopened.value().reset();
  const auto other = make_dev_genesis(Tester::key("another genesis").public_key().address());
  EXPECT_EQ(outcome(Controller::open(options, other)).code, ErrorCode::unexpected_state);
}

}  // namespace
}  // namespace modchain::kernel
