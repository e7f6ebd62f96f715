#pragma once
/// get_transaction_field / get_block_field (koinos-protocol.md §8 rows 103/105): a dotted field path
/// resolved by name, returned as a koinos.chain.value_type.

#include <string_view>

#include "koinos/chain/chain.pb.h"
#include "modchain/util/error.hpp"

namespace modchain::kernel {

/// The field at `path` (e.g. "header.payer") of `message`. Unknown names → field_not_found (-100).
/// Scalars go to the matching value_type member, enums to Any(enum_type), messages to Any(message),
/// repeated fields to Any(list_type). Names are resolved against the compiled-in descriptors; the
/// reference resolves them against the `protocol_descriptor` metadata object (TODO(kernel): same result for
/// every field of the v1 protocol, differs only if governance changes that object).
util::Result<koinos::chain::value_type> message_field(const google::protobuf::Message& message, std::string_view path);

}  // namespace modchain::kernel
