#include "modchain/util/varint.hpp"

namespace modchain::util {

void append_uvarint(Bytes& out, uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<uint8_t>(value | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<uint8_t>(value));
}

Result<DecodedVarint> read_uvarint(ByteView input) {
  uint64_t value = 0;
  for (size_t i = 0; i < input.size() && i < 10; ++i) {
    const uint64_t chunk = input[i] & 0x7f;
    if (i == 9 && chunk > 1) return make_error(ErrorCode::invalid_encoding, "varint overflows 64 bits");
    value |= chunk << (7 * i);
    if ((input[i] & 0x80) == 0) return DecodedVarint{value, i + 1};
  }
  if (input.size() >= 10) return make_error(ErrorCode::invalid_encoding, "varint longer than 10 bytes");
  return make_error(ErrorCode::invalid_encoding, "truncated varint");
}

void append_u32_be(Bytes& out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(value >> shift));
}

void append_u64_be(Bytes& out, uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(value >> shift));
}

}  // namespace modchain::util
