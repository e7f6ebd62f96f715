// Handshake over loopback: chain id and protocol version checks, messages before hello, a good hello.
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

bool banned(const P2pService& service, const std::string& key) {
  for (const auto& entry : service.scores()) {
    if (entry.key == key) return entry.banned;
  }
  return false;
}

TEST(HandshakeTest, WrongChainIdDisconnectsAndBansBothWays) {
  auto a = start_node(std::make_unique<MemoryChain>("chain-a"), test_options());
  auto b = start_node(std::make_unique<MemoryChain>("chain-b"), test_options({a.address()}));
  ASSERT_TRUE(wait_until([&] { return a.logged("wrong_chain") && b.logged("wrong_chain"); }));
  // b's side: the dialed address a is banned (a loopback key includes the port).
  ASSERT_TRUE(wait_until([&] { return banned(*b.service, "127.0.0.1:" + std::to_string(a.port())); }));
  EXPECT_TRUE(a.service->peers().empty());
  EXPECT_TRUE(b.service->peers().empty());
  ASSERT_EQ(a.service->scores().size(), 1u);
  EXPECT_TRUE(a.service->scores()[0].banned);
  EXPECT_NEAR(a.service->scores()[0].score, 200000, 1);
}

TEST(HandshakeTest, RawPeerWithWrongChainGetsTheReasonThenEof) {
  auto node = start_node(std::make_unique<MemoryChain>("chain-a"), test_options());
  RawPeer peer(node.port());
  ASSERT_TRUE(peer.connected());
  ASSERT_TRUE(peer.send_message(hello_message(test_chain_id("chain-b"))));
  ASSERT_TRUE(peer.read_until_closed());
  const auto messages = peer.messages();
  ASSERT_EQ(messages.size(), 2u);
  ASSERT_TRUE(messages[0].has_hello());
  EXPECT_EQ(messages[0].hello().chain_id(), util::to_string(test_chain_id("chain-a")));
  ASSERT_TRUE(messages[1].has_disconnect());
  EXPECT_EQ(messages[1].disconnect().reason(), static_cast<uint32_t>(DisconnectReason::wrong_chain));
  EXPECT_TRUE(banned(*node.service, peer.score_key()));
  EXPECT_TRUE(node.logged("wrong_chain"));
  // A banned key is refused at accept time. (Loopback keys include the port, so a new socket is a new key;
  // the refusal itself is covered by the stats of the bad-peer test.)
}

TEST(HandshakeTest, IncompatibleVersionIsRefused) {
  auto node = start_node(std::make_unique<MemoryChain>(), test_options());
  RawPeer peer(node.port());
  ASSERT_TRUE(peer.send_message(hello_message(test_chain_id("modchain-test"), 0)));
  ASSERT_TRUE(peer.read_until_closed());
  const auto messages = peer.messages();
  ASSERT_EQ(messages.size(), 2u);
  ASSERT_TRUE(messages[1].has_disconnect());
  EXPECT_EQ(messages[1].disconnect().reason(), static_cast<uint32_t>(DisconnectReason::incompatible_version));
  EXPECT_TRUE(node.logged("incompatible_version"));
  EXPECT_NEAR(score_of(*node.service, peer.score_key()), 200000, 1);
}

TEST(HandshakeTest, MessageBeforeHelloIsMisbehaviour) {
  auto node = start_node(std::make_unique<MemoryChain>(), test_options());
  RawPeer peer(node.port());
  wire::envelope ping;
  ping.mutable_ping()->set_nonce(7);
  ASSERT_TRUE(peer.send_message(ping));
  ASSERT_TRUE(peer.read_until_closed());
  const auto messages = peer.messages();
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[1].disconnect().reason(), static_cast<uint32_t>(DisconnectReason::misbehaviour));
  EXPECT_NEAR(score_of(*node.service, peer.score_key()), 5000, 1);
}

TEST(HandshakeTest, GoodHelloMakesAPeerThatAnswersPings) {
  auto chain = std::make_unique<MemoryChain>();
  chain->extend(3);
  auto node = start_node(std::move(chain), test_options());
  RawPeer peer(node.port());
  auto hello = hello_message(test_chain_id("modchain-test"));
  hello.mutable_hello()->mutable_head()->set_height(2);
  ASSERT_TRUE(peer.send_message(hello));
  ASSERT_TRUE(wait_until([&] { return node.service->peers().size() == 1; }));
  EXPECT_EQ(node.service->peers()[0].head_height, 2u);
  EXPECT_TRUE(node.service->peers()[0].inbound);
  wire::envelope ping;
  ping.mutable_ping()->set_nonce(99);
  ASSERT_TRUE(peer.send_message(ping));
  ASSERT_TRUE(peer.read_until_message([](const wire::envelope& m) { return m.has_pong() && m.pong().nonce() == 99; }));
  const auto messages = peer.messages();
  ASSERT_TRUE(messages[0].has_hello());
  EXPECT_EQ(messages[0].hello().head().height(), 3u);
}

TEST(ConnectionTest, ConfiguredPeerIsRedialedAfterItRestarts) {
  auto a = start_node(std::make_unique<MemoryChain>(), test_options());
  const uint16_t port = a.port();
  auto b = start_node(std::make_unique<MemoryChain>(), test_options({a.address()}));
  ASSERT_TRUE(wait_until([&] { return b.service->peers().size() == 1; }));
  const auto first_node_id = b.service->peers()[0].node_id;
  a.service->stop();
  ASSERT_TRUE(wait_until([&] { return b.service->peers().empty(); }));
  auto options = test_options();
  options.listen_port = port;  // the same address: b's backoff loop must find it again
  auto restarted = start_node(std::make_unique<MemoryChain>(), options);
  ASSERT_TRUE(wait_until([&] { return b.service->peers().size() == 1; }));
  EXPECT_NE(b.service->peers()[0].node_id, first_node_id);  // a new process, a new node id
  EXPECT_FALSE(b.service->peers()[0].inbound);
}

TEST(ConnectionTest, InboundLimitRefusesExtraPeers) {
  auto options = test_options();
  options.max_inbound = 1;
  auto a = start_node(std::make_unique<MemoryChain>(), options);
  auto b = start_node(std::make_unique<MemoryChain>(), test_options({a.address()}));
  ASSERT_TRUE(wait_until([&] { return a.service->peers().size() == 1; }));
  auto c = start_node(std::make_unique<MemoryChain>(), test_options({a.address()}));
  ASSERT_TRUE(wait_until([&] { return c.logged("inbound limit 1 reached"); }));
  EXPECT_EQ(a.service->peers().size(), 1u);
  EXPECT_TRUE(c.service->peers().empty());
  EXPECT_TRUE(a.service->scores().empty());  // a full node is not misbehaviour on either side
}

/// A loopback port that was free a moment ago (bound by a throwaway node, then released).
uint16_t free_port() {
  auto probe = start_node(std::make_unique<MemoryChain>(), test_options());
  const uint16_t port = probe.port();
  probe.service->stop();
  return port;
}

TEST(ConnectionTest, BothSidesDialingKeepOneConnection) {
  const uint16_t port_b = free_port();
  auto a = start_node(std::make_unique<MemoryChain>(), test_options({PeerAddress{"127.0.0.1", port_b}}));
  auto options_b = test_options({a.address()});
  options_b.listen_port = port_b;
  auto b = start_node(std::make_unique<MemoryChain>(), options_b);
  ASSERT_TRUE(wait_until([&] {
    return a.service->peers().size() == 1 && b.service->peers().size() == 1 &&
           (a.logged("duplicate_connection") || b.logged("duplicate_connection"));
  }));
  const auto block = a.chain->next_block();
  ASSERT_TRUE(a.chain->add(block).ok());
  a.service->broadcast_block(block);
  ASSERT_TRUE(wait_until([&] { return b.chain->height() == 1; }));
  EXPECT_EQ(b.chain->submissions(block.id()), 1);
  EXPECT_TRUE(a.service->scores().empty());
  EXPECT_TRUE(b.service->scores().empty());
}

TEST(ConnectionTest, DialingOurselvesIsDetected) {
  const uint16_t port = free_port();
  auto options = test_options({PeerAddress{"127.0.0.1", port}});
  options.listen_port = port;
  auto node = start_node(std::make_unique<MemoryChain>(), options);
  ASSERT_TRUE(wait_until([&] { return node.logged("connected to ourselves"); }));
  ASSERT_TRUE(wait_until([&] { return node.service->peers().empty(); }));
  EXPECT_TRUE(node.service->scores().empty());
}

TEST(HandshakeTest, PeerAddressParsing) {
  auto v4 = parse_peer_address("10.1.2.3:8888");
  ASSERT_TRUE(v4.ok());
  EXPECT_EQ(v4->host, "10.1.2.3");
  EXPECT_EQ(v4->port, 8888);
  auto v6 = parse_peer_address("[::1]:9");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->to_string(), "[::1]:9");
  EXPECT_TRUE(parse_peer_address("seed.example.com:8888").ok());
  for (const char* bad : {"host", "host:", ":80", "host:0", "host:65536", "h:8x", "::1:80", "[::1]80"}) {
    auto parsed = parse_peer_address(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().code, util::ErrorCode::invalid_argument);
  }
}

}  // namespace
}  // namespace modchain::p2p::test
