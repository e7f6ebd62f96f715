#pragma once
/// The few block facts the state database needs (fork choice and node identity), instead of a protobuf
/// block header: the state database does not know blocks' meaning.

#include <cstdint>

#include "modchain/util/bytes.hpp"

namespace modchain::state_db {

/// Identity and fork-choice inputs of a block node.
struct BlockInfo {
  util::Bytes id;          ///< block id: multihash bytes (34 bytes for sha2-256)
  uint64_t height = 0;     ///< block height = node revision
  uint64_t timestamp = 0;  ///< header timestamp (ms); block-time and pob comparators
  util::Bytes signer;      ///< header signer address; pob comparator (double production)

  friend bool operator==(const BlockInfo&, const BlockInfo&) = default;
};

}  // namespace modchain::state_db
