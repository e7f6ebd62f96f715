// Reading and writing koinos.chain.value_type, the wrapper the field getters (103, 105) and account
// nonces (107-109) use: oneof { message_value=1 Any{type_url=1, value=2}; int32_value=2; int64_value=3;
// uint32_value=4; uint64_value=5; ...; bool_value=12; string_value=13; bytes_value=14 }. A repeated field
// comes back as message_value(list_type{values=1 repeated value_type}).
#pragma once

#include "modchain/sdk/arena.hpp"
#include "modchain/sdk/protobuf.hpp"

namespace modchain::sdk::value_type {

/// Field numbers of the value_type oneof members the SDK reads.
inline constexpr uint32_t k_message_value = 1;
inline constexpr uint32_t k_uint64_value = 5;
inline constexpr uint32_t k_bool_value = 12;
inline constexpr uint32_t k_string_value = 13;
inline constexpr uint32_t k_bytes_value = 14;

/// uint64_value of a serialized value_type (0 when it holds something else).
constexpr uint64_t uint64_value(Bytes value) { return pb::find_uint64(value, k_uint64_value); }

/// bool_value of a serialized value_type.
constexpr bool bool_value(Bytes value) { return pb::find_uint64(value, k_bool_value) != 0; }

/// bytes_value (string_value too: same wire format) of a serialized value_type.
constexpr Bytes bytes_value(Bytes value) {
  Bytes b = pb::find_bytes(value, k_bytes_value);
  return b.empty() ? pb::find_bytes(value, k_string_value) : b;
}

/// The serialized message inside message_value (Any.value), e.g. a list_type or a block_header.
constexpr Bytes message_value(Bytes value) { return pb::find_bytes(pb::find_bytes(value, k_message_value), 2); }

/// Calls `visit(Bytes element)` for each serialized value_type of a list_type message_value.
template <typename Visit>
constexpr void for_each_list_value(Bytes value, Visit&& visit) {
  pb::for_each_bytes(message_value(value), 1, visit);
}

/// value_type{uint64_value=v} in the arena, the form nonces are stored in (0 is written explicitly:
/// "28 00", as the kernel's default nonce).
inline Bytes encode_uint64(uint64_t v) {
  pb::Writer w(arena().free_space());
  w.uint64_field(k_uint64_value, v, true);
  if (!w.ok()) return {};
  arena().commit(w.size());
  return w.view();
}

}  // namespace modchain::sdk::value_type
