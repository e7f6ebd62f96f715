#include "modchain/state_db/database_key.hpp"

#include <gtest/gtest.h>

#include "modchain/util/encoding.hpp"

namespace modchain::state_db {
namespace {

std::string hex(const util::Bytes& bytes) { return util::to_hex(bytes); }
util::Bytes unhex(std::string_view text) { return util::from_hex(text).value(); }

TEST(DatabaseKey, MetadataSpaceMatchesProtocolExample) {
  ObjectSpace metadata{true, {}, 0};
  EXPECT_EQ(hex(space_prefix(metadata)), "0a020801");
  EXPECT_EQ(hex(serialize_database_key(metadata, {})), "0a020801");
}

TEST(DatabaseKey, SystemCallDispatchSpaceMatchesProtocolExample) {
  ObjectSpace dispatch{true, {}, 1};
  EXPECT_EQ(hex(serialize_database_key(dispatch, {})), "0a0408011801");
  util::Bytes call_id{0x00, 0x00, 0x00, 0x65};
  EXPECT_EQ(hex(serialize_database_key(dispatch, call_id)), "0a04080118011204" "00000065");
}

TEST(DatabaseKey, DefaultSpaceIsAnEmptySubMessage) {
  EXPECT_EQ(hex(serialize_database_key(ObjectSpace{}, {})), "0a00");
  EXPECT_EQ(hex(serialize_database_key(ObjectSpace{}, util::to_bytes("k"))), "0a0012016b");
}

TEST(DatabaseKey, ZoneAndLargeIdAreEncoded) {
  ObjectSpace space{false, {0xaa, 0xbb}, 300};
  // zone: 12 02 aa bb; id 300 = varint ac 02.
  EXPECT_EQ(hex(serialize_object_space(space)), "1202aabb18ac02");
  EXPECT_EQ(hex(serialize_database_key(space, util::to_bytes("x"))), "0a071202aabb18ac02120178");
}

TEST(DatabaseKey, LongKeyUsesMultiByteLength) {
  util::Bytes key(200, 0x01);
  auto serialized = serialize_database_key(ObjectSpace{true, {}, 0}, key);
  ASSERT_EQ(serialized.size(), 4u + 3u + 200u);
  EXPECT_EQ(hex(util::Bytes(serialized.begin(), serialized.begin() + 7)), "0a02080112c801");
}

TEST(DatabaseKey, MainnetHeadBlockKey) {
  auto key = unhex("1220c8897aa6247e44fabf73270b3264002a9b2fa6654ad7447e3b3f8026ab391b4c");
  EXPECT_EQ(hex(serialize_database_key(ObjectSpace{true, {}, 0}, key)),
            "0a02080112221220c8897aa6247e44fabf73270b3264002a9b2fa6654ad7447e3b3f8026ab391b4c");
}

TEST(DatabaseKey, ParseRoundTrips) {
  const ObjectSpace spaces[] = {{}, {true, {}, 0}, {true, {}, 4}, {false, {1, 2, 3}, 7}, {true, {9}, 4000000000u}};
  const util::Bytes keys[] = {{}, {0}, util::to_bytes("hello"), util::Bytes(300, 0x7f)};
  for (const auto& space : spaces) {
    for (const auto& key : keys) {
      auto parsed = parse_database_key(serialize_database_key(space, key));
      ASSERT_TRUE(parsed.ok()) << parsed.error().describe();
      EXPECT_EQ(parsed->space, space);
      EXPECT_EQ(parsed->key, key);
    }
  }
}

TEST(DatabaseKey, ParseAcceptsOtherFieldOrderAndMissingSpace) {
  auto parsed = parse_database_key(unhex("12016b0a020801"));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->space, (ObjectSpace{true, {}, 0}));
  EXPECT_EQ(parsed->key, util::to_bytes("k"));
  auto empty = parse_database_key({});
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->space, ObjectSpace{});
}

TEST(DatabaseKey, ParseRejectsMalformedInput) {
  const char* bad[] = {
      "0a",          // truncated length
      "0a050801",    // length past the end
      "0a0208",      // truncated nested field
      "1a00",        // unknown field 3
      "0a020802",    // system = 2 is not a bool
      "0a06188080808010",  // id = 2^32 does not fit uint32
      "0d00000000",  // fixed32 wire type
      "0a02100112",  // space field 2 with varint wire type
  };
  for (const char* input : bad) {
    auto parsed = parse_database_key(unhex(input));
    ASSERT_FALSE(parsed.ok()) << input;
    EXPECT_EQ(parsed.error().code, util::ErrorCode::invalid_encoding) << input;
    EXPECT_NE(parsed.error().message.find("offset"), std::string::npos) << parsed.error().message;
  }
}

TEST(DatabaseKey, OrderingIsByLengthThenBytesForShortKeys) {
  ObjectSpace space{true, {}, 0};
  // "b" < "aa" because the length byte comes first.
  EXPECT_LT(serialize_database_key(space, util::to_bytes("b")), serialize_database_key(space, util::to_bytes("aa")));
  EXPECT_LT(serialize_database_key(space, util::to_bytes("a")), serialize_database_key(space, util::to_bytes("b")));
}

}  // namespace
}  // namespace modchain::state_db
