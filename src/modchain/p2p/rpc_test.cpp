// p2p.get_gossip_status on the bus: the pure handler over stats snapshots, and a served service whose
// status follows its peers and its sync.
#include <gtest/gtest.h>

#include "koinos/rpc/p2p/p2p_rpc.pb.h"
#include "modchain/bus/in_process_bus.hpp"
#include "modchain/p2p/rpc.hpp"
#include "modchain/p2p/test_support.hpp"

namespace modchain::p2p::test {
namespace {

namespace rp = koinos::rpc::p2p;

std::string gossip_status_request() {
  rp::p2p_request request;
  request.mutable_get_gossip_status();
  return request.SerializeAsString();
}

rp::p2p_response parse(const std::string& bytes) {
  rp::p2p_response response;
  EXPECT_TRUE(response.ParseFromString(bytes));
  return response;
}

TEST(P2pRpc, GossipStatusNeedsAPeerAndNoSync) {
  Stats stats;
  EXPECT_FALSE(parse(handle_p2p_request(stats, gossip_status_request())).get_gossip_status().enabled());
  stats.peers = 2;
  auto response = parse(handle_p2p_request(stats, gossip_status_request()));
  ASSERT_EQ(response.response_case(), rp::p2p_response::kGetGossipStatus);
  EXPECT_TRUE(response.get_gossip_status().enabled());
  stats.syncing = true;
  EXPECT_FALSE(parse(handle_p2p_request(stats, gossip_status_request())).get_gossip_status().enabled());
}

TEST(P2pRpc, ReservedEmptyAndUnparsableRequests) {
  rp::p2p_request reserved;
  reserved.mutable_reserved();
  EXPECT_EQ(parse(handle_p2p_request({}, reserved.SerializeAsString())).response_case(), rp::p2p_response::kReserved);
  EXPECT_EQ(parse(handle_p2p_request({}, "")).error().message(), "p2p: empty or unknown request");
  EXPECT_EQ(parse(handle_p2p_request({}, "\xff\xff")).error().message(), "p2p: unparsable p2p_request");
}

TEST(P2pRpc, ServedOnTheBusFollowsPeersAndSync) {
  auto node = start_node(std::make_unique<MemoryChain>(), test_options());
  bus::InProcessBus bus;
  auto rpc = P2pRpc::attach(bus, *node.service);
  ASSERT_TRUE(rpc.ok());
  EXPECT_FALSE(P2pRpc::attach(bus, *node.service).ok());  // the name is taken
  auto enabled = [&] {
    auto answer = bus.call(k_p2p_service, gossip_status_request(), std::chrono::milliseconds(1000));
    EXPECT_TRUE(answer.ok());
    return answer.ok() && parse(answer.value()).get_gossip_status().enabled();
  };
  EXPECT_FALSE(enabled());  // no peer
  {
    // A peer 300 blocks ahead dials in: the node syncs, then gossip is enabled (one peer, caught up).
    auto chain = std::make_unique<MemoryChain>();
    chain->extend(300);
    auto peer = start_node(std::move(chain), test_options({node.address()}));
    ASSERT_TRUE(wait_until([&] { return node.chain->height() == 300 && enabled(); }));
    EXPECT_EQ(node.service->stats().peers, 1u);
  }
  ASSERT_TRUE(wait_until([&] { return node.service->stats().peers == 0; }));  // the peer stopped
  EXPECT_FALSE(enabled());
  rpc->reset();
  EXPECT_FALSE(bus.call(k_p2p_service, gossip_status_request(), std::chrono::milliseconds(1000)).ok());
}

TEST(P2pRpc, GossipStatusCallbackOnEachChange) {
  // Equal heads (no sync): the status only follows the peer count, so the sequence is exact.
  auto changes = std::make_shared<std::vector<bool>>();
  auto mutex = std::make_shared<std::mutex>();
  auto recorded = [&] {
    std::lock_guard lock(*mutex);
    return *changes;
  };
  auto options = test_options();
  options.on_gossip_status = [changes, mutex](bool enabled) {
    std::lock_guard lock(*mutex);
    changes->push_back(enabled);
  };
  auto node = start_node(std::make_unique<MemoryChain>(), options);
  {
    auto peer = start_node(std::make_unique<MemoryChain>(), test_options({node.address()}));
    ASSERT_TRUE(wait_until([&] { return recorded() == std::vector<bool>{true}; }));
    EXPECT_TRUE(gossip_enabled(node.service->stats()));
  }
  ASSERT_TRUE(wait_until([&] { return recorded() == std::vector<bool>{true, false}; }));
  EXPECT_FALSE(gossip_enabled(node.service->stats()));
}

}  // namespace
}  // namespace modchain::p2p::test
