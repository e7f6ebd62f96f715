#include "modchain/crypto/base58check.hpp"

#include <algorithm>

#include "modchain/util/encoding.hpp"

namespace modchain::crypto {

Digest256 sha256d(util::ByteView data) {
  const Digest256 first = sha256(data);
  return sha256(first);
}

std::array<uint8_t, 4> base58check_checksum(util::ByteView payload) {
  const Digest256 digest = sha256d(payload);
  return {digest[0], digest[1], digest[2], digest[3]};
}

std::string base58check_encode(util::ByteView payload) {
  util::Bytes full(payload.begin(), payload.end());
  const auto checksum = base58check_checksum(payload);
  full.insert(full.end(), checksum.begin(), checksum.end());
  return util::to_base58(full);
}

util::Result<util::Bytes> base58check_decode(std::string_view text) {
  auto decoded = util::from_base58(text);
  if (!decoded) return decoded.error();
  util::Bytes bytes = std::move(decoded).value();
  if (bytes.size() < 4) {
    return util::make_error(util::ErrorCode::invalid_encoding,
                            "base58check: " + std::to_string(bytes.size()) + " bytes decoded, need at least 4");
  }
  const util::ByteView payload(bytes.data(), bytes.size() - 4);
  const util::ByteView actual(bytes.data() + payload.size(), 4);
  const auto expected = base58check_checksum(payload);
  if (!std::equal(expected.begin(), expected.end(), actual.begin())) {
    return util::make_error(util::ErrorCode::invalid_encoding, "base58check: bad checksum " + util::to_hex(actual) +
                                                                   ", expected " + util::to_hex(expected));
  }
  bytes.resize(payload.size());
  return bytes;
}

}  // namespace modchain::crypto
