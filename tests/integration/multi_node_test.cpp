// Several in-process nodes (each a controller with its own state database) exchanging blocks: fork
// switching, convergence, and identical receipts and state merkle roots on every node.
#include <gtest/gtest.h>

#include <vector>

#include "modchain/kernel/testing/tester.hpp"
#include "modchain/protocol/serialization.hpp"

namespace modchain::kernel {
namespace {

using testing::Tester;
namespace kp = koinos::protocol;

std::string head_id(Tester& node) { return util::to_string(node.controller().database().head().id()); }

// Pushes `blocks` into `node`, all of which must be accepted.
void deliver(Tester& node, const std::vector<kp::block>& blocks) {
  for (const auto& block : blocks) {
    auto receipt = node.push_block(block);
    ASSERT_TRUE(receipt.ok()) << receipt.error().describe();
  }
}

TEST(MultiNode, PartitionedNodesConvergeOnTheLongerForkWithIdenticalState) {
  Tester a;
  Tester b;
  // A common block, then a partition: a produces two blocks, b one (with a different transaction).
  ASSERT_TRUE(a.produce_block().ok());
  const auto common = a.last_block();
  deliver(b, {common});
  std::vector<kp::block> fork_a;
  ASSERT_TRUE(a.produce_block({a.transaction(Tester::key("alice"), {})}).ok());
  fork_a.push_back(a.last_block());
  ASSERT_TRUE(a.produce_block().ok());
  fork_a.push_back(a.last_block());
  ASSERT_TRUE(b.produce_block({b.transaction(Tester::key("bob"), {})}).ok());
  const auto fork_b = b.last_block();
  ASSERT_NE(head_id(a), head_id(b));
  // Heal: each node receives the other's fork.
  deliver(a, {fork_b});
  EXPECT_EQ(head_id(a), fork_a.back().id());  // a stays on its longer fork
  deliver(b, fork_a);
  EXPECT_EQ(head_id(b), fork_a.back().id());  // b switches to it
  EXPECT_EQ(a.controller().database().head().merkle_root().value(),
            b.controller().database().head().merkle_root().value());
  EXPECT_EQ(a.controller().account_nonce(Tester::address(Tester::key("alice"))).value(), Tester::nonce_bytes(1));
  EXPECT_EQ(b.controller().account_nonce(Tester::address(Tester::key("alice"))).value(), Tester::nonce_bytes(1));
  // On the winning fork bob's transaction never happened.
  EXPECT_EQ(b.controller().account_nonce(Tester::address(Tester::key("bob"))).value(),
            protocol::serialize_to_string([] {
              koinos::chain::value_type zero;
              zero.set_uint64_value(0);
              return zero;
            }()));
  EXPECT_EQ(a.controller().fork_heads().size(), 2u);
  EXPECT_EQ(b.controller().fork_heads().size(), 2u);
}

TEST(MultiNode, ThreeNodesReplayingTheSameBlocksProduceByteIdenticalReceipts) {
  Tester producer;
  Tester second;
  Tester third;
  std::vector<kp::block_receipt> receipts;
  for (int i = 0; i < 5; ++i) {
    auto receipt = producer.produce_block({producer.transaction(Tester::key("user " + std::to_string(i % 2)), {})});
    ASSERT_TRUE(receipt.ok());
    receipts.push_back(receipt.value());
    for (Tester* node : {&second, &third}) {
      auto replayed = node->push_block(producer.last_block());
      ASSERT_TRUE(replayed.ok()) << replayed.error().describe();
      EXPECT_EQ(protocol::serialize_to_string(replayed.value()), protocol::serialize_to_string(receipt.value()));
    }
  }
  EXPECT_EQ(head_id(second), head_id(producer));
  EXPECT_EQ(head_id(third), head_id(producer));
}

}  // namespace
}  // namespace modchain::kernel
