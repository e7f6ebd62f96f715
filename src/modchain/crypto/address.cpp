#include "modchain/crypto/address.hpp"

#include <algorithm>

#include "modchain/crypto/base58check.hpp"
#include "modchain/crypto/hash.hpp"
#include "modchain/util/encoding.hpp"

namespace modchain::crypto {

Address Address::from_public_key(std::span<const uint8_t, 33> compressed_public_key) {
  Address address;
  address.bytes[0] = k_version;
  const Digest160 hash = ripemd160(sha256(compressed_public_key));
  std::copy(hash.begin(), hash.end(), address.bytes.begin() + 1);
  const auto checksum = base58check_checksum(util::ByteView(address.bytes.data(), 21));
  std::copy(checksum.begin(), checksum.end(), address.bytes.begin() + 21);
  return address;
}

util::Result<Address> Address::from_bytes(util::ByteView raw) {
  if (raw.size() != k_size) {
    return util::make_error(util::ErrorCode::invalid_argument,
                            "address must be 25 bytes, got " + std::to_string(raw.size()));
  }
  Address address;
  std::copy(raw.begin(), raw.end(), address.bytes.begin());
  return address;
}

util::Result<Address> Address::from_base58(std::string_view text) {
  auto payload = base58check_decode(text);
  if (!payload) {
    return util::make_error(util::ErrorCode::invalid_encoding,
                            "address '" + std::string(text) + "': " + payload.error().message);
  }
  if (payload->size() != 21) {
    return util::make_error(util::ErrorCode::invalid_encoding, "address '" + std::string(text) + "' decodes to " +
                                                                   std::to_string(payload->size() + 4) +
                                                                   " bytes, expected 25");
  }
  if ((*payload)[0] != k_version) {
    return util::make_error(util::ErrorCode::invalid_encoding,
                            "address '" + std::string(text) + "' has version byte " +
                                util::to_hex(util::ByteView(payload->data(), 1)) + ", expected 00");
  }
  Address address;
  std::copy(payload->begin(), payload->end(), address.bytes.begin());
  const auto checksum = base58check_checksum(*payload);
  std::copy(checksum.begin(), checksum.end(), address.bytes.begin() + 21);
  return address;
}

std::string Address::to_base58() const { return util::to_base58(bytes); }

bool Address::has_valid_checksum() const {
  const auto checksum = base58check_checksum(util::ByteView(bytes.data(), 21));
  return std::equal(checksum.begin(), checksum.end(), bytes.begin() + 21);
}

}  // namespace modchain::crypto
