#include "modchain/bus/in_process_bus.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>

#include "koinos/rpc/block_store/block_store_rpc.pb.h"
#include "modchain/bus/typed_call.hpp"

namespace modchain::bus {
namespace {

using namespace std::chrono_literals;

TEST(TopicMatches, FollowsAmqpTopicRules) {
  EXPECT_TRUE(topic_matches("koinos.block.accept", "koinos.block.accept"));
  EXPECT_FALSE(topic_matches("koinos.block.accept", "koinos.block.accepted"));
  EXPECT_TRUE(topic_matches("koinos.block.*", "koinos.block.forks"));
  EXPECT_FALSE(topic_matches("koinos.*", "koinos.block.forks"));
  EXPECT_TRUE(topic_matches("koinos.#", "koinos.block.forks"));
  EXPECT_TRUE(topic_matches("koinos.#", "koinos"));
  EXPECT_TRUE(topic_matches("koinos.event.#.transfer_event", "koinos.event.1abc.transfer_event"));
  EXPECT_TRUE(topic_matches("#", "anything.at.all"));
  EXPECT_FALSE(topic_matches("koinos.block", "koinos.block.accept"));
}

TEST(InProcessBus, RoutingKey) { EXPECT_EQ(rpc_routing_key("block_store"), "koinos.rpc.block_store"); }

TEST(InProcessBus, CallsTheServedHandler) {
  InProcessBus bus;
  ASSERT_TRUE(bus.serve("echo", [](std::string_view req) { return "re:" + std::string(req); }).ok());
  auto answer = bus.call("echo", "abc", 1000ms);
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ(*answer, "re:abc");
}

TEST(InProcessBus, UnknownServiceIsRpcFailure) {
  InProcessBus bus;
  auto answer = bus.call("chain", "", 1000ms);
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().code, util::ErrorCode::rpc_failure);
  EXPECT_EQ(answer.error().message, "no service serves koinos.rpc.chain");
}

TEST(InProcessBus, DuplicateServeFailsAndStopServingRemoves) {
  InProcessBus bus;
  ASSERT_TRUE(bus.serve("a", [](std::string_view) { return std::string("1"); }).ok());
  auto again = bus.serve("a", [](std::string_view) { return std::string("2"); });
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message, "serve: koinos.rpc.a already has a handler");
  bus.stop_serving("a");
  EXPECT_FALSE(bus.call("a", "", 1000ms).ok());
  EXPECT_FALSE(bus.serve("", [](std::string_view) { return std::string(); }).ok());
}

TEST(InProcessBus, ThrowingHandlerBecomesRpcFailure) {
  InProcessBus bus;
  ASSERT_TRUE(bus.serve("bad", [](std::string_view) -> std::string { throw std::runtime_error("boom"); }).ok());
  auto answer = bus.call("bad", "", 1000ms);
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().message, "koinos.rpc.bad handler failed: boom");
}

TEST(InProcessBus, SlowHandlerReportsDeadline) {
  InProcessBus bus;
  ASSERT_TRUE(bus.serve("slow", [](std::string_view) {
                   std::this_thread::sleep_for(30ms);
                   return std::string("late");
                 }).ok());
  auto answer = bus.call("slow", "", 1ms);
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().message, "context deadline exceeded");
  EXPECT_TRUE(bus.call("slow", "", 0ms).ok());  // 0 = no deadline
}

TEST(InProcessBus, PublishReachesMatchingSubscribersInOrder) {
  InProcessBus bus;
  std::vector<std::string> seen;
  auto a = bus.subscribe("koinos.block.accept", [&](std::string_view t, std::string_view p) {
    seen.push_back("a:" + std::string(t) + ":" + std::string(p));
  });
  auto b = bus.subscribe("koinos.#", [&](std::string_view, std::string_view p) { seen.push_back("b:" + std::string(p)); });
  auto c = bus.subscribe("koinos.transaction.*", [&](std::string_view, std::string_view) { seen.push_back("c"); });
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  ASSERT_TRUE(bus.publish("koinos.block.accept", "x").ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"a:koinos.block.accept:x", "b:x"}));
  bus.unsubscribe(*a);
  seen.clear();
  ASSERT_TRUE(bus.publish("koinos.block.accept", "y").ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"b:y"}));
}

TEST(InProcessBus, ThrowingSubscriberDoesNotStopOthers) {
  InProcessBus bus;
  int reached = 0;
  ASSERT_TRUE(bus.subscribe("t", [](std::string_view, std::string_view) { throw std::runtime_error("x"); }).ok());
  ASSERT_TRUE(bus.subscribe("t", [&](std::string_view, std::string_view) { ++reached; }).ok());
  auto status = bus.publish("t", "");
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.error().message, "subscriber of t failed: x");
  EXPECT_EQ(reached, 1);
}

TEST(InProcessBus, HandlersMayReenterTheBus) {
  InProcessBus bus;
  ASSERT_TRUE(bus.serve("inner", [](std::string_view) { return std::string("in"); }).ok());
  ASSERT_TRUE(bus.serve("outer", [&bus](std::string_view) {
                   auto inner = bus.call("inner", "", 1000ms);
                   return "out+" + (inner.ok() ? *inner : std::string("fail"));
                 }).ok());
  auto answer = bus.call("outer", "", 1000ms);
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ(*answer, "out+in");
}

TEST(InProcessBus, TypedCallRoundTripsProtobuf) {
  namespace bs = koinos::rpc::block_store;
  InProcessBus bus;
  ASSERT_TRUE(bus.serve("block_store", [](std::string_view req) {
                   bs::block_store_request request;
                   bs::block_store_response response;
                   if (request.ParseFromArray(req.data(), static_cast<int>(req.size())) && request.has_get_highest_block()) {
                     response.mutable_get_highest_block()->mutable_topology()->set_height(42);
                   }
                   return response.SerializeAsString();
                 }).ok());
  bs::block_store_request request;
  request.mutable_get_highest_block();
  auto response = call_typed<bs::block_store_response>(bus, "block_store", request);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->get_highest_block().topology().height(), 42u);
}

TEST(InProcessBus, ConcurrentCallersAllGetAnswers) {
  InProcessBus bus;
  std::atomic<int> count{0};
  ASSERT_TRUE(bus.serve("n", [&](std::string_view r) { ++count; return std::string(r); }).ok());
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        auto a = bus.call("n", std::to_string(t), 0ms);
        if (a.ok() && *a == std::to_string(t)) ++good;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(good.load(), 400);
  EXPECT_EQ(count.load(), 400);
}

}  // namespace
}  // namespace modchain::bus
