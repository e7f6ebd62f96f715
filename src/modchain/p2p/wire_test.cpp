#include "modchain/p2p/wire.hpp"

#include <gtest/gtest.h>

namespace modchain::p2p {
namespace {

util::Bytes payload_of(const wire::envelope& message) {
  std::string bytes;
  EXPECT_TRUE(message.SerializeToString(&bytes));
  return util::to_bytes(bytes);
}

TEST(WireTest, HelloRoundTripThroughAFrame) {
  wire::envelope message;
  auto* hello = message.mutable_hello();
  hello->set_protocol_version(k_protocol_version);
  hello->set_chain_id("chain");
  *hello->mutable_head() = to_wire(Topology{{1, 2}, 42, {3}});
  hello->set_node_id("node");
  auto frame = encode_message(message);
  ASSERT_TRUE(frame.ok());
  FrameDecoder decoder;
  ASSERT_TRUE(decoder.feed(*frame).ok());
  auto payload = decoder.next();
  ASSERT_TRUE(payload.has_value());
  auto decoded = decode_message(*payload);
  ASSERT_TRUE(decoded.ok()) << decoded.error().describe();
  ASSERT_TRUE(decoded->has_hello());
  EXPECT_EQ(decoded->hello().chain_id(), "chain");
  const auto head = from_wire(decoded->hello().head());
  EXPECT_EQ(head.id, (util::Bytes{1, 2}));
  EXPECT_EQ(head.height, 42u);
  EXPECT_EQ(head.previous, util::Bytes{3});
  EXPECT_EQ(message_name(*decoded), "hello");
}

TEST(WireTest, GarbageAndEmptyEnvelopesAreRejected) {
  auto garbage = decode_message(util::Bytes{0xff, 0xff, 0xff});
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().code, util::ErrorCode::invalid_encoding);
  auto empty = decode_message(util::Bytes{});
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().message.find("without a known body"), std::string::npos);
}

TEST(WireTest, BoundsAreChecked) {
  wire::envelope request;
  request.mutable_get_blocks()->set_start_height(1);
  request.mutable_get_blocks()->set_count(k_max_blocks_per_message + 1);
  EXPECT_FALSE(decode_message(payload_of(request)).ok());
  request.mutable_get_blocks()->set_count(0);
  EXPECT_FALSE(decode_message(payload_of(request)).ok());
  request.mutable_get_blocks()->set_count(10);
  EXPECT_TRUE(decode_message(payload_of(request)).ok());
  request.mutable_get_blocks()->set_start_height(0);
  EXPECT_FALSE(decode_message(payload_of(request)).ok());

  wire::envelope hello;
  hello.mutable_hello()->set_chain_id(std::string(k_max_id_size + 1, 'x'));
  EXPECT_FALSE(decode_message(payload_of(hello)).ok());

  wire::envelope gossip;
  gossip.mutable_gossip_block();
  EXPECT_FALSE(decode_message(payload_of(gossip)).ok());
}

TEST(WireTest, EncodeRespectsTheFrameLimit) {
  wire::envelope message;
  message.mutable_gossip_block()->set_block(std::string(2000, 'b'));
  auto frame = encode_message(message, 1000);
  ASSERT_FALSE(frame.ok());
  EXPECT_EQ(frame.error().code, util::ErrorCode::invalid_argument);
}

}  // namespace
}  // namespace modchain::p2p
