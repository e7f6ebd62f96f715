// A scripted bad peer (raw socket) against a two-node cluster: malformed, oversized, wrong-chain and
// flooding connections are disconnected and scored while the good peers keep gossiping.
#include <gtest/gtest.h>

#include "modchain/p2p/raw_peer.hpp"
#include "modchain/p2p/test_support.hpp"

namespace modchain::p2p::test {
namespace {

double score_of(const P2pService& service, const std::string& key) {
  for (const auto& entry : service.scores()) {
    if (entry.key == key) return entry.score;
  }
  return 0;
}

TEST(BadPeerTest, MisbehavingConnectionsAreDroppedAndScoredWhileGoodPeersWork) {
  auto chain_x = std::make_unique<MemoryChain>();
  chain_x->extend(5);
  auto chain_y = std::make_unique<MemoryChain>();
  chain_y->extend(5);
  auto x = start_node(std::move(chain_x), test_options());
  auto y = start_node(std::move(chain_y), test_options({x.address()}));
  ASSERT_TRUE(wait_until([&] { return x.service->peers().size() == 1 && y.service->peers().size() == 1; }));
  const auto chain_id = test_chain_id("modchain-test");

  RawPeer bad_version(x.port());  // a frame with wire version 7
  ASSERT_TRUE(bad_version.send(util::Bytes{0, 0, 0, 3, 7, 1, 2}));
  ASSERT_TRUE(bad_version.read_until_closed());

  RawPeer oversized(x.port());  // announces a 64 MiB frame
  ASSERT_TRUE(oversized.send(util::Bytes{4, 0, 0, 0, k_wire_version}));
  ASSERT_TRUE(oversized.read_until_closed());

  RawPeer garbage(x.port());  // a valid frame whose payload is not an envelope
  ASSERT_TRUE(garbage.send(*encode_frame(util::Bytes{0xff, 0xff, 0xff, 0xff})));
  ASSERT_TRUE(garbage.read_until_closed());

  RawPeer wrong_chain(x.port());
  ASSERT_TRUE(wrong_chain.send_message(hello_message(test_chain_id("other-chain"))));
  ASSERT_TRUE(wrong_chain.read_until_closed());

  RawPeer flooder(x.port());  // handshakes correctly, then sends pings far above the rate limit
  ASSERT_TRUE(flooder.send_message(hello_message(chain_id)));
  wire::envelope ping;
  ping.mutable_ping()->set_nonce(1);
  auto frame = *encode_message(ping);
  util::Bytes flood;
  for (int i = 0; i < 400; ++i) flood.insert(flood.end(), frame.begin(), frame.end());
  flooder.send(flood);  // may fail half-way once the node closes
  ASSERT_TRUE(flooder.read_until_closed());

  EXPECT_NEAR(score_of(*x.service, bad_version.score_key()), 5000, 1);
  EXPECT_NEAR(score_of(*x.service, oversized.score_key()), 5000, 1);
  EXPECT_NEAR(score_of(*x.service, garbage.score_key()), 5000, 1);
  EXPECT_NEAR(score_of(*x.service, wrong_chain.score_key()), 200000, 1);
  // other_burst = 100 pings pass; each further ping costs 1000 until the ban at >= 100000 (the slight decay
  // between punishments can make it take one more).
  EXPECT_GE(score_of(*x.service, flooder.score_key()), 100000);
  EXPECT_LT(score_of(*x.service, flooder.score_key()), 101001);
  EXPECT_TRUE(x.logged("wrong_chain"));
  EXPECT_TRUE(x.logged("oversized_frame"));
  EXPECT_TRUE(x.logged("rate_limit"));
  EXPECT_EQ(x.service->stats().misbehaviour_disconnects, 5u);

  // The good pair still gossips.
  const auto block = x.chain->next_block();
  ASSERT_TRUE(x.chain->add(block).ok());
  x.service->broadcast_block(block);
  ASSERT_TRUE(wait_until([&] { return y.chain->height() == 6; }));
  EXPECT_EQ(y.chain->submissions(block.id()), 1);
  ASSERT_TRUE(wait_until([&] { return x.service->peers().size() == 1; }));
  EXPECT_EQ(x.service->peers()[0].endpoint.substr(0, 10), "127.0.0.1:");
  EXPECT_EQ(x.service->peers()[0].node_id.size(), 32u);
}

}  // namespace
}  // namespace modchain::p2p::test
