#pragma once
/// Object spaces and the storage key of every state object (koinos-protocol.md §6.1).
///
/// The storage key is the canonical proto3 serialization of
/// `koinos.chain.database_key { object_space space = 1; bytes key = 2; }` with
/// `object_space { bool system = 1; bytes zone = 2; uint32 id = 3; }`: default-valued scalars are omitted,
/// the `space` sub-message is always written (possibly empty). Keys of one space therefore share the prefix
/// `0a <len> <space>` and sort together under bytewise (memcmp) ordering. Serialized here on purpose, so
/// the state database does not depend on the protocol layer.

#include <compare>
#include <cstdint>

#include "modchain/util/bytes.hpp"
#include "modchain/util/error.hpp"

namespace modchain::state_db {

/// koinos.chain.object_space: which part of the state an object lives in.
struct ObjectSpace {
  bool system = false;  ///< kernel/system-contract space
  util::Bytes zone;     ///< contract id (system spaces of the kernel use an empty zone)
  uint32_t id = 0;      ///< space id within the zone

  friend bool operator==(const ObjectSpace&, const ObjectSpace&) = default;
  friend auto operator<=>(const ObjectSpace&, const ObjectSpace&) = default;
};

/// A parsed koinos.chain.database_key.
struct DatabaseKey {
  ObjectSpace space;  ///< the object's space
  util::Bytes key;    ///< the object's key within the space

  friend bool operator==(const DatabaseKey&, const DatabaseKey&) = default;
};

/// Canonical serialization of the object_space message alone.
util::Bytes serialize_object_space(const ObjectSpace& space);

/// The bytes every storage key of `space` starts with: `0a <len> <object_space>`. The serialized key of
/// (space, empty key) is exactly this prefix.
util::Bytes space_prefix(const ObjectSpace& space);

/// Canonical serialization of database_key{space, key}: `space_prefix(space)` followed by `12 <len> key`
/// when the key is not empty.
util::Bytes serialize_database_key(const ObjectSpace& space, util::ByteView key);

/// Parses a serialized database_key (the inverse of serialize_database_key, used for state_delta_entries).
/// Accepts any field order and non-minimal varints like protobuf; a repeated field keeps the last value.
/// Truncated input, wrong wire types, unknown fields, an `id` over 32 bits or a `system` value other than
/// 0/1 are `invalid_encoding` errors naming the offset.
util::Result<DatabaseKey> parse_database_key(util::ByteView bytes);

}  // namespace modchain::state_db
