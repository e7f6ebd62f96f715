#pragma once
/// The one-command local chain (`modchaind --dev`): a dev genesis whose genesis key (the only key allowed
/// to sign blocks under the native process_block_signature, and the system authority) is generated on the
/// first start and kept in the data directory, so a restart finds the same chain.
///
/// Files: `<data_dir>/block_producer/private.key` (the key, WIF, as Koinos' block producer keeps it) and
/// the genesis file (`<data_dir>/genesis_data.json` unless configured; Koinos genesis JSON, standard base64).

#include <string>

#include "koinos/chain/chain.pb.h"
#include "modchain/crypto/secp256k1.hpp"
#include "modchain/util/error.hpp"

namespace modchain::node {

/// The dev chain's genesis and key.
struct DevChain {
  koinos::chain::genesis_data genesis;  ///< the dev genesis (make_dev_genesis of the key's address)
  crypto::PrivateKey key;               ///< genesis key = block producer key
  bool created = false;                 ///< true when this call generated the key and the genesis
};

/// rc of every account on the dev chain (native get_account_rc = max_account_resources).
inline constexpr uint64_t k_dev_account_rc = 1'000'000'000;

/// Loads the dev chain from the data directory, or creates it: with `key_wif` non-empty that key,
/// else a fresh random key. Errors: io_error (files), invalid_encoding (a damaged key or genesis file),
/// invalid_argument (the genesis exists but the key file does not and no key was given, or the key
/// given is not the genesis key).
util::Result<DevChain> load_or_create_dev_chain(const std::string& data_dir, const std::string& genesis_path,
                                                const std::string& key_wif);

/// Reads and parses a Koinos genesis JSON file (io_error / invalid_encoding naming the path).
util::Result<koinos::chain::genesis_data> read_genesis(const std::string& path);

}  // namespace modchain::node
