#pragma once
/// Unsigned LEB128 varints (protobuf varints, multihash codes and lengths) and big-endian fixed-width
/// integers (koinos-util `converter::to_binary`, e.g. system_call_dispatch keys).

#include <cstdint>

#include "modchain/util/bytes.hpp"
#include "modchain/util/error.hpp"

namespace modchain::util {

/// Appends the minimal unsigned LEB128 encoding of `value`.
void append_uvarint(Bytes& out, uint64_t value);

/// A decoded varint and how many bytes it used.
struct DecodedVarint {
  uint64_t value = 0;
  size_t length = 0;
};

/// Decodes an unsigned LEB128 varint at the start of `input`. Rejects truncated input, more than
/// 10 bytes and overflow of 64 bits. Overlong (non-minimal) encodings are accepted, as protobuf does.
Result<DecodedVarint> read_uvarint(ByteView input);

/// Appends `value` as 4 big-endian bytes.
void append_u32_be(Bytes& out, uint32_t value);

/// Appends `value` as 8 big-endian bytes.
void append_u64_be(Bytes& out, uint64_t value);

}  // namespace modchain::util
