// Gossip over loopback between four in-process nodes: exactly-once delivery, no relay of invalid blocks.
#include <gtest/gtest.h>

#include "modchain/p2p/test_support.hpp"

namespace modchain::p2p::test {
namespace {

std::unique_ptr<MemoryChain> chain_with(size_t blocks) {
  auto chain = std::make_unique<MemoryChain>();
  chain->extend(blocks);
  return chain;
}

/// A, B, C in a triangle (so every message reaches some node twice) and D hanging off C.
struct Cluster {
  TestNode a, b, c, d;
  Cluster() {
    a = start_node(chain_with(5), test_options());
    b = start_node(chain_with(5), test_options({a.address()}));
    c = start_node(chain_with(5), test_options({a.address(), b.address()}));
    d = start_node(chain_with(5), test_options({c.address()}));
  }
  bool connected() const {
    return a.service->peers().size() == 2 && b.service->peers().size() == 2 && c.service->peers().size() == 3 &&
           d.service->peers().size() == 1;
  }
  std::vector<TestNode*> nodes() { return {&a, &b, &c, &d}; }
};

TEST(GossipTest, NewBlockReachesEveryNodeExactlyOnce) {
  Cluster cluster;
  ASSERT_TRUE(wait_until([&] { return cluster.connected(); }));
  for (int round = 0; round < 3; ++round) {
    auto& origin = round == 1 ? cluster.d : cluster.a;  // from the edge and from the triangle
    const auto block = origin.chain->next_block();
    ASSERT_TRUE(origin.chain->add(block).ok());
    origin.service->broadcast_block(block);
    origin.service->broadcast_block(block);  // the node may report a block twice: the seen-cache drops it
    const uint64_t height = block.header().height();
    ASSERT_TRUE(wait_until([&] {
      for (auto* node : cluster.nodes()) {
        if (node->chain->height() != height) return false;
      }
      return true;
    })) << "round " << round;
    for (auto* node : cluster.nodes()) {
      EXPECT_EQ(node->chain->submissions(block.id()), node == &origin ? 0 : 1) << "round " << round;
    }
  }
  // The triangle guarantees duplicates were seen and dropped somewhere.
  ASSERT_TRUE(wait_until([&] {
    uint64_t duplicates = 0;
    for (auto* node : cluster.nodes()) duplicates += node->service->stats().duplicates;
    return duplicates > 0;
  }));
  uint64_t accepted = 0;
  for (auto* node : cluster.nodes()) accepted += node->service->stats().blocks_gossiped;
  EXPECT_EQ(accepted, 9u);  // 3 blocks x 3 receiving nodes
}

TEST(GossipTest, TransactionReachesEveryNodeExactlyOnce) {
  Cluster cluster;
  ASSERT_TRUE(wait_until([&] { return cluster.connected(); }));
  const auto transaction = make_transaction(1);
  cluster.b.service->broadcast_transaction(transaction);
  ASSERT_TRUE(wait_until([&] {
    return cluster.a.chain->transaction_submissions(transaction.id()) == 1 &&
           cluster.c.chain->transaction_submissions(transaction.id()) == 1 &&
           cluster.d.chain->transaction_submissions(transaction.id()) == 1;
  }));
  // A later transaction on the same paths proves the first one is not submitted again.
  const auto second = make_transaction(2);
  cluster.b.service->broadcast_transaction(second);
  ASSERT_TRUE(wait_until([&] { return cluster.d.chain->transaction_submissions(second.id()) == 1; }));
  for (auto* node : {&cluster.a, &cluster.c, &cluster.d}) {
    EXPECT_EQ(node->chain->transaction_submissions(transaction.id()), 1);
  }
  EXPECT_EQ(cluster.b.chain->transaction_submissions(transaction.id()), 0);
}

TEST(GossipTest, RejectedBlockIsNotRelayedAndTheSenderIsScored) {
  Cluster cluster;
  ASSERT_TRUE(wait_until([&] { return cluster.connected(); }));
  const auto bad = cluster.d.chain->next_block(/*salt=*/1);
  cluster.c.chain->reject(bad.id());
  cluster.d.service->broadcast_block(bad);
  const auto good = cluster.d.chain->next_block();
  ASSERT_TRUE(cluster.d.chain->add(good).ok());
  cluster.d.service->broadcast_block(good);
  // C handles d's messages in order, so once A and B have `good`, `bad` would have reached them first.
  ASSERT_TRUE(wait_until([&] { return cluster.a.chain->submissions(good.id()) == 1 &&
                                      cluster.b.chain->submissions(good.id()) == 1; }));
  EXPECT_EQ(cluster.c.chain->submissions(bad.id()), 1);
  EXPECT_EQ(cluster.a.chain->submissions(bad.id()), 0);
  EXPECT_EQ(cluster.b.chain->submissions(bad.id()), 0);
  const auto scores = cluster.c.service->scores();
  ASSERT_EQ(scores.size(), 1u);
  EXPECT_NEAR(scores[0].score, 10000, 1);
  EXPECT_FALSE(scores[0].banned);
  EXPECT_EQ(cluster.c.service->peers().size(), 3u);  // one invalid block is not a ban
}

TEST(GossipTest, BlockWithUnknownParentTriggersSync) {
  auto a = start_node(chain_with(5), test_options());
  auto b = start_node(chain_with(5), test_options({a.address()}));
  ASSERT_TRUE(wait_until([&] { return a.service->peers().size() == 1 && b.service->peers().size() == 1; }));
  // A produces three blocks but gossips only the last one: B must fetch the two before it.
  a.chain->extend(2);
  const auto block = a.chain->next_block();
  ASSERT_TRUE(a.chain->add(block).ok());
  a.service->broadcast_block(block);
  ASSERT_TRUE(wait_until([&] { return b.chain->height() == 8; }));
  EXPECT_EQ(b.chain->head().id, a.chain->head().id);
  EXPECT_GE(b.service->stats().blocks_synced, 2u);
}

}  // namespace
}  // namespace modchain::p2p::test
