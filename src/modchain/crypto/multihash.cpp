#include "modchain/crypto/multihash.hpp"

#include <algorithm>
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

namespace {

// koinos-util's from_binary<unsigned_varint>: `value |= (data & 0x7f) << i` with an int left operand, as
// compiled for x86-64 (32-bit shift, count taken mod 32, the int result sign-extended into the uint64).
util::Result<util::DecodedVarint> read_reference_varint(util::ByteView input) {
  uint64_t value = 0;
  uint32_t shift = 0;
  for (size_t i = 0; i < input.size(); ++i) {
    const uint32_t group = input[i] & 0x7fu;
    const auto part = static_cast<int32_t>(group << (shift & 31));
    value |= static_cast<uint64_t>(static_cast<int64_t>(part));
    shift += 7;
    if ((input[i] & 0x80) == 0) return util::DecodedVarint{value, i + 1};
  }
  return util::make_error(util::ErrorCode::invalid_encoding, "truncated varint");
}

}  // namespace

util::Result<Multihash> Multihash::from_bytes_koinos_lenient(util::ByteView bytes) {
  using util::ErrorCode;
  auto code = read_reference_varint(bytes);
  if (!code) return util::make_error(ErrorCode::invalid_encoding, "multihash code: " + code.error().message);
  const util::ByteView after_code = bytes.subspan(code->length);
  auto length = read_reference_varint(after_code);
  if (!length) {
    return util::make_error(ErrorCode::invalid_encoding, "multihash digest length: " + length.error().message);
  }
  if (length->value > k_max_lenient_digest) {
    return util::make_error(ErrorCode::invalid_encoding,
                            "multihash digest length " + std::to_string(length->value) + " is unreasonably large");
  }
  const util::ByteView available = after_code.subspan(length->length);
  util::Bytes digest(static_cast<size_t>(length->value), 0);  // missing bytes stay zero, as in the reference
  const size_t copied = std::min(digest.size(), available.size());
  std::copy_n(available.begin(), copied, digest.begin());
  return Multihash{code->value, std::move(digest)};
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
