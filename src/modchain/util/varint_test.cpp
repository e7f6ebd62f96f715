#include "modchain/util/varint.hpp"

#include <gtest/gtest.h>

#include "modchain/util/encoding.hpp"

namespace modchain::util {
namespace {

TEST(Varint, EncodesMinimally) {
  Bytes out;
  append_uvarint(out, 0x1053);  // ripemd-160 multihash code
  EXPECT_EQ(to_hex(out), "d320");
  out.clear();
  append_uvarint(out, UINT64_MAX);
  EXPECT_EQ(to_hex(out), "ffffffffffffffffff01");
}

TEST(Varint, DecodesAndReportsLength) {
  const Bytes input{0xac, 0x02, 0xff};
  auto decoded = read_uvarint(input);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->value, 300u);
  EXPECT_EQ(decoded->length, 2u);
}

TEST(Varint, RejectsTruncatedAndOverflowing) {
  EXPECT_EQ(read_uvarint(Bytes{0x80}).error().code, ErrorCode::invalid_encoding);
  EXPECT_FALSE(read_uvarint(Bytes{}).ok());
  EXPECT_FALSE(read_uvarint(Bytes{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02}).ok());
  EXPECT_FALSE(read_uvarint(Bytes(11, 0x80)).ok());
  EXPECT_TRUE(read_uvarint(Bytes{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}).ok());
}

TEST(FixedWidth, BigEndian) {
  Bytes out;
  append_u32_be(out, 0x7ef0c827);
  append_u64_be(out, 1);
  EXPECT_EQ(to_hex(out), "7ef0c8270000000000000001");
}

}  // namespace
}  // namespace modchain::util
