#include "modchain/protocol/serialization.hpp"

#include <gtest/gtest.h>

#include "koinos/chain/chain.pb.h"
#include "koinos/protocol/protocol.pb.h"
#include "modchain/util/encoding.hpp"

namespace modchain::protocol {
namespace {

util::Bytes hex(std::string_view text) { return util::from_hex(text).value(); }

std::string hex_of(const google::protobuf::Message& message) { return util::to_hex(serialize(message)); }

TEST(Serialization, DefaultsOmittedAndFieldsAscending) {
  koinos::protocol::transaction_header header;
  header.set_payer(std::string("\x00\x01", 2));
  header.set_rc_limit(300);
  header.set_nonce("");  // default: omitted
  EXPECT_EQ(hex_of(header), "10ac022a020001");
  EXPECT_EQ(serialized_size(header), 7u);
  EXPECT_EQ(serialize_to_string(header), util::to_string(hex("10ac022a020001")));
}

TEST(Serialization, ExplicitOptionalAndOneofZeroAreWritten) {
  koinos::chain::value_type nonce;
  nonce.set_uint64_value(0);
  EXPECT_EQ(hex_of(nonce), "2800");  // the default account nonce (koinos-rpc.md §1.7)

  koinos::protocol::state_delta_entry entry;
  EXPECT_EQ(hex_of(entry), "");
  entry.set_value("");  // proto3 optional: present though empty
  EXPECT_EQ(hex_of(entry), "1a00");
  entry.clear_value();  // absent = deletion
  EXPECT_EQ(hex_of(entry), "");

  koinos::protocol::set_system_call_operation op;
  op.mutable_target()->set_thunk_id(0);
  EXPECT_EQ(hex_of(op), "12020800");
  op.mutable_target()->Clear();  // present empty sub-message
  EXPECT_EQ(hex_of(op), "1200");
}

TEST(Serialization, NonCanonicalInputIsReserializedCanonically) {
  // payee (6) before payer (5), rc_limit (2) as an overlong varint ac 82 80 00, chain_id (1) given twice.
  const auto input = hex("32010b2a010a10ac8280000a01aa0a01bb");
  auto header = parse<koinos::protocol::transaction_header>(input);
  ASSERT_TRUE(header.ok()) << header.error().describe();
  EXPECT_EQ(header->rc_limit(), 300u);
  EXPECT_EQ(header->chain_id(), "\xbb");  // last occurrence wins
  EXPECT_EQ(hex_of(*header), "0a01bb10ac022a010a32010b");
}

TEST(Serialization, UnknownFieldsArePreservedAndEmittedLast) {
  // Field 99 (varint 7) between known fields 1 and 2, field 100 (bytes "hi") at the start.
  const auto input = hex("a2060268690a01aa98060710ac02");
  auto header = parse<koinos::protocol::transaction_header>(input);
  ASSERT_TRUE(header.ok());
  EXPECT_EQ(hex_of(*header),
            "0a01aa10ac02a20602686998060"
            "7");
  // Fixed point: a second parse/serialize changes nothing.
  auto again = parse<koinos::protocol::transaction_header>(serialize(*header));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(canonically_equal(*header, *again));
  EXPECT_EQ(serialized_size(*again), input.size());
}

TEST(Serialization, MalformedInputIsInvalidEncoding) {
  koinos::protocol::block block;
  block.mutable_header()->set_height(5);
  const std::vector<util::Bytes> bad = {
      hex("0a"),                        // truncated length
      hex("0a05aabb"),                  // length beyond the end
      hex("10ffffffffffffffffffff01"),  // varint longer than 10 bytes
      hex("07"),                        // wire type 7 does not exist
      hex("00"),                        // field number 0
  };
  for (const auto& input : bad) {
    auto status = parse_into(input, block);
    ASSERT_FALSE(status.ok()) << util::to_hex(input);
    EXPECT_EQ(status.error().code, util::ErrorCode::invalid_encoding);
    EXPECT_NE(status.error().message.find("koinos.protocol.block"), std::string::npos) << status.error().message;
    EXPECT_FALSE(block.has_header());  // cleared
  }
}

TEST(Serialization, InvalidUtf8InProto3StringIsRejected) {
  // event_data.name (field 3, string) = ff.
  auto event = parse<koinos::protocol::event_data>(hex("1a01ff"));
  ASSERT_FALSE(event.ok());
  EXPECT_EQ(event.error().code, util::ErrorCode::invalid_encoding);
}

TEST(Serialization, EmptyInputIsTheEmptyMessage) {
  auto trx = parse<koinos::protocol::transaction>(util::Bytes{});
  ASSERT_TRUE(trx.ok());
  EXPECT_EQ(serialized_size(*trx), 0u);
  EXPECT_TRUE(serialize(*trx).empty());
}

TEST(Serialization, CanonicallyEqualComparesTypeAndBytes) {
  koinos::protocol::object_space a;
  koinos::chain::object_space b;
  a.set_id(3);
  b.set_id(3);
  EXPECT_FALSE(canonically_equal(a, b));  // same bytes, different types
  koinos::protocol::object_space c;
  c.set_id(3);
  EXPECT_TRUE(canonically_equal(a, c));
  c.set_system(true);
  EXPECT_FALSE(canonically_equal(a, c));
}

}  // namespace
}  // namespace modchain::protocol
