// Sync over loopback: a late joiner catches up in batches, survives its sync peer going away, and
// follows a longer fork.
#include <gtest/gtest.h>

#include <condition_variable>

#include "modchain/p2p/raw_peer.hpp"
#include "modchain/p2p/test_support.hpp"

namespace modchain::p2p::test {
namespace {

std::unique_ptr<MemoryChain> chain_with(size_t blocks, uint64_t salt = 0) {
  auto chain = std::make_unique<MemoryChain>();
  chain->extend(blocks, salt);
  return chain;
}

Options batch_options(uint32_t batch, std::vector<PeerAddress> peers = {}) {
  auto options = test_options(std::move(peers));
  options.sync_batch = batch;
  return options;
}

TEST(SyncTest, LateJoinerSyncsTwoThousandBlocksInBatches) {
  auto a = start_node(chain_with(2000), test_options());
  const auto started = std::chrono::steady_clock::now();
  auto b = start_node(std::make_unique<MemoryChain>(), batch_options(100, {a.address()}));
  ASSERT_TRUE(wait_until([&] { return b.chain->height() == 2000; }));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("synced 2000 blocks in %.3f s (%.0f blocks/s, including connection setup)\n", seconds,
              2000 / seconds);
  EXPECT_EQ(b.chain->head().id, a.chain->head().id);
  EXPECT_EQ(a.chain->requests_served(), 20u);  // 2000 / 100, one request in flight at a time
  ASSERT_TRUE(wait_until([&] { return b.logged("p2p sync done at height 2000"); }));
  EXPECT_EQ(b.service->stats().blocks_synced, 2000u);
  EXPECT_EQ(a.service->stats().sync_requests_served, 20u);
  EXPECT_FALSE(b.service->stats().syncing);
}

TEST(SyncTest, PeerLeavingMidSyncIsReplacedByAnother) {
  auto a = start_node(chain_with(2000), test_options());
  auto c_chain = std::make_unique<MemoryChain>();
  std::mutex mutex;
  std::condition_variable changed;
  bool gated = false;
  bool released = false;
  // C stops at block 500 (on its I/O thread) until A is gone and B is started.
  c_chain->set_before_submit([&](const koinos::protocol::block& block) {
    if (block.header().height() != 500) return;
    std::unique_lock lock(mutex);
    gated = true;
    changed.notify_all();
    changed.wait(lock, [&] { return released; });
  });
  auto c = start_node(std::move(c_chain), batch_options(100, {a.address()}));
  {
    std::unique_lock lock(mutex);
    ASSERT_TRUE(changed.wait_for(lock, std::chrono::seconds(60), [&] { return gated; }));
  }
  auto b = start_node(chain_with(2000), test_options({c.address()}));
  a.service->stop();
  {
    std::lock_guard lock(mutex);
    released = true;
  }
  changed.notify_all();
  ASSERT_TRUE(wait_until([&] { return c.chain->height() == 2000; }));
  EXPECT_EQ(c.chain->head().id, b.chain->head().id);
  EXPECT_GE(a.chain->requests_served(), 5u);
  EXPECT_GE(b.chain->requests_served(), 15u);  // at least blocks 501..2000 in batches of 100
  for (uint64_t height : {1, 500, 501, 2000}) {
    auto blocks = c.chain->blocks_by_height({}, height, 1);
    ASSERT_TRUE(blocks.ok());
    ASSERT_EQ(blocks->size(), 1u);
    EXPECT_EQ(c.chain->submissions((*blocks)[0].id()), 1) << "height " << height;
  }
}

TEST(SyncTest, ShorterForkSwitchesToTheLongerChain) {
  auto a_chain = chain_with(100);
  a_chain->extend(50, /*salt=*/0);
  auto b_chain = chain_with(100);
  b_chain->extend(20, /*salt=*/1);  // a fork from height 101
  auto a = start_node(std::move(a_chain), test_options());
  auto b = start_node(std::move(b_chain), batch_options(30, {a.address()}));
  ASSERT_TRUE(wait_until([&] { return b.chain->height() == 150; }));
  EXPECT_EQ(b.chain->head().id, a.chain->head().id);
  EXPECT_TRUE(b.logged("restarting sync from the last irreversible block"));
  EXPECT_TRUE(b.service->scores().empty());  // a fork is not misbehaviour
}

TEST(SyncTest, SilentPeerTimesOutAndIsScored) {
  auto options = test_options();
  options.request_timeout = std::chrono::milliseconds(300);
  auto node = start_node(std::make_unique<MemoryChain>(), options);
  RawPeer silent(node.port());  // announces height 50, then never answers
  auto hello = hello_message(test_chain_id("modchain-test"));
  hello.mutable_hello()->mutable_head()->set_height(50);
  ASSERT_TRUE(silent.send_message(hello));
  ASSERT_TRUE(silent.read_until_message([](const wire::envelope& m) { return m.has_get_blocks(); }));
  ASSERT_TRUE(wait_until([&] {
    for (const auto& entry : node.service->scores()) {
      if (entry.key == silent.score_key() && entry.score > 3499 && entry.score < 3501) return true;
    }
    return false;
  }));
  EXPECT_TRUE(node.logged("request_timeout"));
  auto honest = start_node(chain_with(50), test_options({node.address()}));
  ASSERT_TRUE(wait_until([&] { return node.chain->height() == 50; }));
  EXPECT_EQ(node.chain->head().id, honest.chain->head().id);
  EXPECT_EQ(node.service->peers().size(), 2u);  // the silent peer is scored, not banned
}

}  // namespace
}  // namespace modchain::p2p::test
