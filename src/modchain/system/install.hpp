#pragma once
/// Genesis profiles and the installer of the system contracts (docs/system_contracts.md "Profiles").
///
/// `bare`: no system contracts (every account has the genesis `max_account_resources` rc; the genesis key
/// signs blocks and holds system authority). `dev` and `governed`: one genesis-key transaction in block 1
/// uploads the five system contracts, registers their names, mints the initial KOIN, configures the
/// producer set and governance windows and overrides the system calls they serve; `governed` also
/// overrides check_system_authority (110) with governance, so from block 2 on the genesis key has no
/// special power left and every privileged change is a governance proposal. `dev` keeps system authority
/// with the genesis key for quick local work.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "koinos/protocol/protocol.pb.h"
#include "modchain/crypto/secp256k1.hpp"
#include "modchain/util/error.hpp"

namespace modchain::system {

/// A genesis profile.
enum class Profile { bare, dev, governed };

/// "bare" / "dev" / "governed" → Profile; anything else is invalid_argument naming the choices.
util::Result<Profile> parse_profile(std::string_view text);
/// The profile's name.
std::string_view profile_name(Profile profile);

/// What the install transaction sets up.
struct InstallOptions {
  Profile profile = Profile::dev;
  /// Module installed as "consensus": "consensus", or "consensus_v1" (the historical version with the
  /// signer bug, to demonstrate an in-band fix).
  std::string consensus_module = "consensus";
  /// Block producers (25-byte addresses) in rotation order; empty = the genesis key alone.
  std::vector<std::string> producers;
  uint64_t slot_ms = 3000;                 ///< consensus slot length: producers rotate every slot
  uint64_t review_period = 10;             ///< governance: blocks from submission to voting
  uint64_t vote_period = 100;              ///< governance: blocks of voting
  uint64_t application_delay = 10;         ///< governance: blocks from approval to application
  /// governance min_fee: KOIN satoshis burned per proposal (Koinos: total supply / 1,000,000), so that
  /// filling governance's bounded proposal list costs real money.
  uint64_t proposal_fee = 10'000'000'000;
  uint64_t initial_supply = 10'000'000'000'000'000;   ///< KOIN satoshis minted at install (100 M KOIN)
  uint64_t producer_allocation = 1'000'000'000'000'000;  ///< each producer other than the genesis key gets this
  uint64_t rc_limit = 500'000'000;         ///< rc limit of the install transaction
};

/// The install transaction: signed by the genesis key (payer, system authority) and by every module's
/// upload key; nonce `genesis_nonce` (the genesis key's next nonce, 1 on a fresh chain). Fails when a module
/// is not embedded, a producer address is not 25 bytes or the allocations exceed the supply.
util::Result<koinos::protocol::transaction> install_transaction(const InstallOptions& options,
                                                                 const crypto::PrivateKey& genesis_key,
                                                                 const std::string& chain_id,
                                                                 uint64_t genesis_nonce = 1);

}  // namespace modchain::system
