#pragma once
/// Genesis data: loading a Koinos genesis into a fresh state database, and a dev genesis generator
/// (koinos-protocol.md §5).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "koinos/chain/chain.pb.h"
#include "modchain/crypto/address.hpp"
#include "modchain/kernel/resource_meter.hpp"
#include "modchain/state_db/state_db.hpp"

namespace modchain::kernel {

/// The mainnet compute_bandwidth_registry (§5.3), name → ticks, sorted by name.
std::vector<std::pair<std::string, uint64_t>> mainnet_compute_registry();

/// The mainnet resource_limit_data (§5.3).
ResourceLimits mainnet_resource_limits();

/// Knobs of a dev genesis.
struct DevGenesisOptions {
  ResourceLimits limits = mainnet_resource_limits();
  uint64_t max_account_resources = 10'000'000;  ///< native get_account_rc of every account
};

/// A genesis with the six metadata objects of §5.2 (genesis_key, resource_limit_data,
/// max_account_resources, compute_bandwidth_registry with the mainnet values, block_hash_code 0x12; no
/// protocol_descriptor), signed blocks by `genesis_key`'s key work with the native process_block_signature.
koinos::chain::genesis_data make_dev_genesis(const crypto::Address& genesis_key, const DevGenesisOptions& options = {});

/// Writes `genesis` into a fresh database's root, plus the chain_id metadata object (§5.1). Errors: the
/// genesis_key object is missing or an entry is duplicated (`invalid_argument`).
util::Status load_genesis(state_db::Database& database, const koinos::chain::genesis_data& genesis);

}  // namespace modchain::kernel
