#include "modchain/crypto/base58check.hpp"

#include <gtest/gtest.h>

#include "modchain/crypto/address.hpp"
#include "modchain/util/encoding.hpp"

namespace modchain::crypto {
namespace {

util::Bytes unhex(std::string_view text) { return util::from_hex(text).value(); }

TEST(Base58Check, KnownAnswers) {
  // Bitcoin's all-zero hash160 address.
  EXPECT_EQ(base58check_encode(util::Bytes(21, 0)), "1111111111111111111114oLvT2");
  EXPECT_EQ(base58check_encode(unhex("00f49c1809d3a55b2d42410e13c88e632dd9f331d0")),
            "1PJNsQFiajeVfSN4smiC6JKVNUwc3doDMC");
  EXPECT_EQ(util::to_hex(base58check_checksum(unhex("00f49c1809d3a55b2d42410e13c88e632dd9f331d0"))), "6d32b5b3");
  EXPECT_EQ(util::to_hex(sha256d(util::as_bytes("hello"))),
            "9595c9df90075148eb06860365df33584b75bff782a510c6cd4883a419833d50");
}

TEST(Base58Check, RoundTrips) {
  for (const auto& hex : {"", "00", "0000ff", "80d1154a9d5ac3a44d3007e1c92731baf82f4b6edd3f63cc26dd5e4fd43f54f2e401"}) {
    const util::Bytes payload = unhex(hex);
    auto decoded = base58check_decode(base58check_encode(payload));
    ASSERT_TRUE(decoded.ok()) << hex;
    EXPECT_EQ(decoded.value(), payload);
  }
}

TEST(Base58Check, RejectsBadInput) {
  auto bad_checksum = base58check_decode("1PJNsQFiajeVfSN4smiC6JKVNUwc3doDMD");
  ASSERT_FALSE(bad_checksum.ok());
  EXPECT_EQ(bad_checksum.error().code, util::ErrorCode::invalid_encoding);
  EXPECT_NE(bad_checksum.error().message.find("bad checksum"), std::string::npos) << bad_checksum.error().message;

  auto bad_char = base58check_decode("1PJNsQFiajeVfSN4smiC6JKVNUwc3doDM0");  // '0' is not base58
  ASSERT_FALSE(bad_char.ok());
  EXPECT_EQ(bad_char.error().code, util::ErrorCode::invalid_encoding);

  auto too_short = base58check_decode("111");
  ASSERT_FALSE(too_short.ok());
  EXPECT_NE(too_short.error().message.find("at least 4"), std::string::npos);
}

TEST(Address, FromPublicKeyAndBase58) {
  const auto key = unhex("02f358619e1534a806a52702c97ba0967be1948811b7c037cf1f160d30eac33d1a");
  const Address address = Address::from_public_key(std::span<const uint8_t, 33>(key.data(), 33));
  EXPECT_EQ(util::to_hex(address.bytes), "00f49c1809d3a55b2d42410e13c88e632dd9f331d06d32b5b3");
  EXPECT_EQ(address.to_base58(), "1PJNsQFiajeVfSN4smiC6JKVNUwc3doDMC");
  EXPECT_TRUE(address.has_valid_checksum());
  auto parsed = Address::from_base58("1PJNsQFiajeVfSN4smiC6JKVNUwc3doDMC");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.value(), address);
  auto raw = Address::from_bytes(address.view());
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw.value(), address);
}

TEST(Address, RejectsMalformed) {
  EXPECT_EQ(Address::from_bytes(util::Bytes(24, 0)).error().code, util::ErrorCode::invalid_argument);
  // Valid base58check, wrong length (the 21-byte payload of a WIF-like 34-byte string).
  auto wif = Address::from_base58("L4E99PaFJZRfxmeyND8XGJGjtuTZGB9LGVzjxGp7gEKbuZVQWRUU");
  ASSERT_FALSE(wif.ok());
  EXPECT_NE(wif.error().message.find("expected 25"), std::string::npos) << wif.error().message;
  // Valid checksum, version byte 0x05 (a Bitcoin P2SH address).
  auto p2sh = Address::from_base58(base58check_encode(unhex("05f49c1809d3a55b2d42410e13c88e632dd9f331d0")));
  ASSERT_FALSE(p2sh.ok());
  EXPECT_NE(p2sh.error().message.find("version"), std::string::npos) << p2sh.error().message;
  auto checksum = Address::from_base58("1PJNsQFiajeVfSN4smiC6JKVNUwc3doDMD");
  ASSERT_FALSE(checksum.ok());
  EXPECT_EQ(checksum.error().code, util::ErrorCode::invalid_encoding);
  Address corrupted = Address::from_base58("1PJNsQFiajeVfSN4smiC6JKVNUwc3doDMC").value();
  corrupted.bytes[24] ^= 1;
  EXPECT_FALSE(corrupted.has_valid_checksum());
}

}  // namespace
}  // namespace modchain::crypto
