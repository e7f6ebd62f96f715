#include "modchain/crypto/multihash.hpp"

#include <string>

#include "modchain/crypto/hash.hpp"
#include "modchain/util/assert.hpp"
#include "modchain/util/encoding.hpp"
#include "modchain/util/varint.hpp"

namespace modchain::crypto {
namespace {

template <size_t N>
util::Bytes to_vector(const std::array<uint8_t, N>& digest) {
  return {digest.begin(), digest.end()};
}

}  // namespace

bool is_known_hash_code(uint64_t code) noexcept { return standard_digest_size(code).has_value(); }

std::optional<size_t> standard_digest_size(uint64_t code) noexcept {
  switch (code) {
    case hash_code::identity: return 0;
    case hash_code::sha1: return 20;
    case hash_code::sha2_256: return 32;
    case hash_code::sha2_512: return 64;
    case hash_code::keccak_256: return 32;
    case hash_code::ripemd_160: return 20;
    default: return std::nullopt;
  }
}

util::Bytes Multihash::to_bytes() const {
  util::Bytes out;
  out.reserve(digest.size() + 4);
  util::append_uvarint(out, code);
  util::append_uvarint(out, digest.size());
  out.insert(out.end(), digest.begin(), digest.end());
  return out;
}

util::Result<Multihash> Multihash::from_bytes(util::ByteView bytes) {
  using util::ErrorCode;
  auto code = util::read_uvarint(bytes);
  if (!code) return util::make_error(ErrorCode::invalid_encoding, "multihash code: " + code.error().message);
  const util::ByteView after_code = bytes.subspan(code->length);
  auto length = util::read_uvarint(after_code);
  if (!length) {
    return util::make_error(ErrorCode::invalid_encoding, "multihash digest length: " + length.error().message);
  }
  const util::ByteView digest = after_code.subspan(length->length);
  if (length->value > digest.size()) {
    return util::make_error(ErrorCode::invalid_encoding,
                            "multihash digest truncated: length says " + std::to_string(length->value) +
                                " bytes, " + std::to_string(digest.size()) + " present");
  }
  if (length->value < digest.size()) {
    return util::make_error(ErrorCode::invalid_encoding,
                            "multihash followed by " + std::to_string(digest.size() - length->value) +
                                " trailing bytes");
  }
  return Multihash{code->value, util::to_bytes(digest)};
}

std::string Multihash::to_hex() const { return util::to_hex(to_bytes()); }

Multihash multihash_sha256(util::ByteView data) { return {hash_code::sha2_256, to_vector(sha256(data))}; }

util::Result<Multihash> multihash(uint64_t code, util::ByteView data) {
  switch (code) {
    case hash_code::identity: return Multihash{code, util::to_bytes(data)};
    case hash_code::sha1: return Multihash{code, to_vector(sha1(data))};
    case hash_code::sha2_256: return Multihash{code, to_vector(sha256(data))};
    case hash_code::sha2_512: return Multihash{code, to_vector(sha512(data))};
    case hash_code::keccak_256: return Multihash{code, to_vector(keccak256(data))};
    case hash_code::ripemd_160: return Multihash{code, to_vector(ripemd160(data))};
    default:
      return util::make_error(util::ErrorCode::unknown_hash_code, "unknown multihash code " + std::to_string(code));
  }
}

Multihash zero_multihash(uint64_t code) {
  const auto size = standard_digest_size(code);
  MODCHAIN_ASSERT(size.has_value(), "zero_multihash of an unknown hash code");
  return Multihash{code, util::Bytes(*size, 0)};
}

Multihash empty_multihash(uint64_t code) {
  auto result = multihash(code, {});
  MODCHAIN_ASSERT(result.ok(), "empty_multihash of an unknown hash code");
  return std::move(result).value();
}

}  // namespace modchain::crypto
