#include "modchain/p2p/frame.hpp"

#include <gtest/gtest.h>

namespace modchain::p2p {
namespace {

util::Bytes frame_of(const util::Bytes& payload, size_t max = k_default_max_frame_payload) {
  auto frame = encode_frame(payload, max);
  EXPECT_TRUE(frame.ok());
  return frame.ok() ? *frame : util::Bytes{};
}

TEST(FrameTest, LayoutIsLengthVersionPayload) {
  EXPECT_EQ(frame_of({0xaa, 0xbb}), (util::Bytes{0, 0, 0, 3, k_wire_version, 0xaa, 0xbb}));
  EXPECT_EQ(frame_of({}), (util::Bytes{0, 0, 0, 1, k_wire_version}));
}

TEST(FrameTest, RoundTripAcrossArbitrarySplits) {
  util::Bytes stream;
  std::vector<util::Bytes> payloads{{1, 2, 3}, {}, util::Bytes(70000, 0x5a), {9}};
  for (const auto& payload : payloads) {
    const auto frame = frame_of(payload);
    stream.insert(stream.end(), frame.begin(), frame.end());
  }
  for (size_t chunk : {size_t{1}, size_t{3}, size_t{4096}, stream.size()}) {
    FrameDecoder decoder;
    std::vector<util::Bytes> decoded;
    for (size_t offset = 0; offset < stream.size(); offset += chunk) {
      const size_t n = std::min(chunk, stream.size() - offset);
      ASSERT_TRUE(decoder.feed(util::ByteView(stream.data() + offset, n)).ok());
      while (auto payload = decoder.next()) decoded.push_back(std::move(*payload));
    }
    EXPECT_EQ(decoded, payloads) << "chunk " << chunk;
    EXPECT_EQ(decoder.pending_bytes(), 0u);
  }
}

TEST(FrameTest, EncodeRefusesOversizedPayload) {
  auto frame = encode_frame(util::Bytes(11), 10);
  ASSERT_FALSE(frame.ok());
  EXPECT_EQ(frame.error().code, util::ErrorCode::invalid_argument);
}

TEST(FrameTest, OversizedAnnouncementFailsBeforeThePayloadArrives) {
  FrameDecoder decoder(1000);
  const util::Bytes header{0, 0, 0x03, 0xea, k_wire_version};  // length 1002 = payload 1001
  auto status = decoder.feed(header);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, util::ErrorCode::network_bandwidth_limit_exceeded);
  EXPECT_TRUE(decoder.failed());
  EXPECT_FALSE(decoder.next().has_value());
  EXPECT_FALSE(decoder.feed(util::Bytes{1}).ok());  // stays failed
}

TEST(FrameTest, PayloadAtTheLimitIsAccepted) {
  FrameDecoder decoder(1000);
  ASSERT_TRUE(decoder.feed(frame_of(util::Bytes(1000, 7), 1000)).ok());
  auto payload = decoder.next();
  ASSERT_TRUE(payload.has_value());
  EXPECT_EQ(payload->size(), 1000u);
}

TEST(FrameTest, TruncatedFrameStaysPending) {
  FrameDecoder decoder;
  auto frame = frame_of({1, 2, 3, 4});
  frame.pop_back();
  ASSERT_TRUE(decoder.feed(frame).ok());
  EXPECT_FALSE(decoder.next().has_value());
  EXPECT_EQ(decoder.pending_bytes(), 8u);  // the connection reports a truncated frame at end of stream
}

TEST(FrameTest, BadVersionAndZeroLengthFail) {
  FrameDecoder bad_version;
  auto status = bad_version.feed(util::Bytes{0, 0, 0, 2, 2, 0});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, util::ErrorCode::invalid_encoding);
  EXPECT_NE(status.error().message.find("version 2"), std::string::npos);

  FrameDecoder zero;
  status = zero.feed(util::Bytes{0, 0, 0, 0, 1});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, util::ErrorCode::invalid_encoding);
}

TEST(FrameTest, BadSecondFrameFailsAfterTheFirstIsDelivered) {
  FrameDecoder decoder;
  auto stream = frame_of({5});
  stream.insert(stream.end(), {0, 0, 0, 2, 9, 0});  // version 9
  ASSERT_TRUE(decoder.feed(stream).ok());
  auto first = decoder.next();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(*first, util::Bytes{5});
  EXPECT_TRUE(decoder.failed());
  EXPECT_EQ(decoder.error().code, util::ErrorCode::invalid_encoding);
  EXPECT_FALSE(decoder.next().has_value());
}

}  // namespace
}  // namespace modchain::p2p
