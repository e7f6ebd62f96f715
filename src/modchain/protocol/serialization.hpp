#pragma once
/// Canonical protobuf serialization of Koinos messages (koinos-protocol.md §1.1).
///
/// Canonical = what the C++ protobuf serializer writes: fields in ascending number order, proto3 defaults
/// omitted, explicit `optional` / oneof members written when set (even when zero), present sub-messages
/// written (possibly empty), unknown fields kept from parsing and re-emitted after the known ones. Every
/// hash and every byte size in the protocol is computed over this re-serialization, never over received
/// bytes. Parsing is strict about structure (truncated, bad tags, bad lengths, invalid UTF-8 in proto3
/// strings → `invalid_encoding`) and lenient where protobuf is (field order, overlong varints, duplicates).

#include <cstddef>
#include <string>

#include "modchain/util/bytes.hpp"
#include "modchain/util/error.hpp"

namespace google::protobuf {
class Message;
}

namespace modchain::protocol {

/// Canonical serialization of `message` as bytes.
util::Bytes serialize(const google::protobuf::Message& message);

/// Canonical serialization of `message` as a std::string (protobuf's container for `bytes` fields).
std::string serialize_to_string(const google::protobuf::Message& message);

/// Size in bytes of the canonical serialization (Koinos "ByteSizeLong", charged as network bandwidth).
size_t serialized_size(const google::protobuf::Message& message);

/// Clears `out` and parses `bytes` into it. On malformed input returns `invalid_encoding` naming the
/// message type and input size; `out` is then left cleared.
util::Status parse_into(util::ByteView bytes, google::protobuf::Message& out);

/// Parses `bytes` as a `M` (any generated message type).
template <class M>
util::Result<M> parse(util::ByteView bytes) {
  M message;
  if (auto status = parse_into(bytes, message); !status.ok()) return status.error();
  return message;
}

/// True if both messages have the same type and identical canonical serializations.
bool canonically_equal(const google::protobuf::Message& a, const google::protobuf::Message& b);

}  // namespace modchain::protocol
