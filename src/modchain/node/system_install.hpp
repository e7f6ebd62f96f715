#pragma once
/// Installing the system contracts on a fresh dev chain (`--dev --profile dev|governed`): block 1 holds the
/// install transaction of modchain::system (docs/system_contracts.md "Profiles").

#include <string>

#include "modchain/crypto/secp256k1.hpp"
#include "modchain/node/config.hpp"
#include "modchain/util/error.hpp"

namespace modchain::chain {
class ChainService;
class Clock;
}  // namespace modchain::chain

namespace modchain::node {

/// When the configuration asks for a profile other than bare and the chain is at block 0, proposes,
/// applies and stores block 1 with the install transaction signed by `genesis_key`. Returns a one-line
/// summary ("" when nothing was done). A dropped or reverted install is an error naming the reason, and
/// the chain stays at block 0.
util::Result<std::string> install_system_contracts_if_fresh(const NodeConfig& config, chain::ChainService& chain,
                                                            const chain::Clock& clock,
                                                            const crypto::PrivateKey& genesis_key,
                                                            const std::string& chain_id);

/// The producer votes of the configuration (0x hex ids → bytes).
std::vector<std::string> approved_proposal_ids(const NodeConfig& config);

}  // namespace modchain::node
