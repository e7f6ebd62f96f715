#pragma once
/// Kernel object spaces and keys (koinos-protocol.md §5.2, §6.1).

#include <cstdint>
#include <string>
#include <string_view>

#include "koinos/chain/chain.pb.h"
#include "modchain/state_db/database_key.hpp"

namespace modchain::kernel {

/// A kernel system space {system:true, zone:"", id}.
state_db::ObjectSpace system_space(koinos::chain::system_space_id id);
/// Converts a protobuf object_space.
state_db::ObjectSpace to_state_space(const koinos::chain::object_space& space);
/// Metadata key H("object_key::<name>") as bytes.
std::string metadata_key_bytes(std::string_view name);
/// 4-byte big-endian encoding (system_call_dispatch keys).
std::string be32(uint32_t value);
/// Default nonce value: serialized value_type{uint64_value: 0} = `28 00`.
std::string default_nonce();

}  // namespace modchain::kernel
