#include "modchain/util/encoding.hpp"

#include <gtest/gtest.h>

namespace modchain::util {
namespace {

TEST(Hex, RoundTripsAndAcceptsPrefixOnlyWhenAsked) {
  const Bytes bytes{0x00, 0x12, 0xab, 0xff};
  EXPECT_EQ(to_hex(bytes), "0012abff");
  EXPECT_EQ(from_hex("0012ABff").value(), bytes);
  EXPECT_EQ(from_hex("0x0012abff", true).value(), bytes);
  EXPECT_FALSE(from_hex("0x0012abff").ok());
}

TEST(Hex, RejectsOddLengthAndBadDigitsWithPosition) {
  EXPECT_EQ(from_hex("abc").error().code, ErrorCode::invalid_encoding);
  auto bad = from_hex("00zz");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("position 2"), std::string::npos) << bad.error().message;
}

TEST(Base58, KnownAddressDecodesTo25Bytes) {
  // Mainnet genesis key (koinos-protocol.md §5.3).
  auto decoded = from_base58("19XRaiEsjNmDn4pd498hRVkJ4ymtRTWsVZ");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(to_hex(*decoded), "005d820126b32b8be7d91a355ac8b43ddd2df92294338af768");
  EXPECT_EQ(to_base58(*decoded), "19XRaiEsjNmDn4pd498hRVkJ4ymtRTWsVZ");
}

TEST(Base58, LeadingZerosAndEmpty) {
  EXPECT_EQ(to_base58(Bytes{}), "");
  EXPECT_EQ(to_base58(Bytes{0, 0, 1}), "112");
  EXPECT_EQ(from_base58("112").value(), (Bytes{0, 0, 1}));
  EXPECT_EQ(from_base58("").value(), Bytes{});
}

TEST(Base58, RejectsCharactersOutsideAlphabet) {
  for (const char* bad : {"0", "O", "I", "l", "abc+"}) {
    auto r = from_base58(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_encoding);
  }
}

TEST(Base64, UrlAndStandardAlphabets) {
  const Bytes bytes{0xfb, 0xff, 0xbf};
  EXPECT_EQ(to_base64(bytes, Base64Alphabet::url), "-_-_");
  EXPECT_EQ(to_base64(bytes, Base64Alphabet::standard), "+/+/");
  EXPECT_FALSE(from_base64("-_-_", Base64Alphabet::standard).ok());
  EXPECT_FALSE(from_base64("+/+/", Base64Alphabet::url).ok());
  EXPECT_EQ(from_base64("-_-_", Base64Alphabet::url).value(), bytes);
}

TEST(Base64, PaddingRules) {
  // Mainnet chain id as the JSON API writes it (conformance/README.md).
  const std::string chain_id_b64 = "EiBZK_GGVP0H_fXVAM3j6EAuz3-B-l3ejxRSewi7qIBfSA==";
  auto decoded = from_base64(chain_id_b64, Base64Alphabet::url);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(to_hex(*decoded), "1220592bf18654fd07fdf5d500cde3e8402ecf7f81fa5dde8f14527b08bba8805f48");
  EXPECT_EQ(to_base64(*decoded, Base64Alphabet::url), chain_id_b64);
  EXPECT_EQ(from_base64("EiBZK_GGVP0H_fXVAM3j6EAuz3-B-l3ejxRSewi7qIBfSA", Base64Alphabet::url).value(), *decoded);
  EXPECT_FALSE(from_base64("QQ=", Base64Alphabet::url).ok());      // padding without a full quantum
  EXPECT_FALSE(from_base64("QQ===", Base64Alphabet::url).ok());    // too much padding
  EXPECT_FALSE(from_base64("Q", Base64Alphabet::url).ok());        // impossible length
  EXPECT_FALSE(from_base64("QR==", Base64Alphabet::url).ok());     // non-zero trailing bits
  EXPECT_EQ(from_base64("", Base64Alphabet::url).value(), Bytes{});
}

}  // namespace
}  // namespace modchain::util
