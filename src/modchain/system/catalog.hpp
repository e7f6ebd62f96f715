#pragma once
/// The system contracts modchain ships (contracts/system, documented in docs/system_contracts.md): which
/// system calls each one serves, the deterministic keys they are uploaded under, and their embedded bytes.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "modchain/crypto/secp256k1.hpp"
#include "modchain/util/bytes.hpp"
#include "modchain/util/error.hpp"

namespace modchain::system {

/// set_system_call(call_id → the contract's entry_point).
struct SystemCallOverride {
  uint32_t call_id;      ///< koinos.chain.system_call_id
  uint32_t entry_point;  ///< entry point of the serving contract
};

/// One system contract role, e.g. "koin". The name is also its name-service name and the default module.
struct ContractRole {
  std::string_view name;                           ///< name-service name and default module file
  std::span<const SystemCallOverride> overrides;   ///< system calls it serves (both profiles)
};

/// The roles in install order: name_service, contract_metadata, koin, resources, consensus, governance.
std::span<const ContractRole> contract_roles();
/// The override of check_system_authority (110) by governance: only the `governed` profile installs it.
SystemCallOverride governance_system_authority();

/// Well-known entry points the installer calls.
namespace entry {
inline constexpr uint32_t k_set_record = 0xe248c73a;      ///< name_service.set_record
inline constexpr uint32_t k_mint = 0xdc6f17bb;            ///< koin.mint
inline constexpr uint32_t k_set_config = 0x4ba58c89;      ///< consensus.set_config
inline constexpr uint32_t k_set_parameters = 0x19cb8375;  ///< governance.set_parameters
inline constexpr uint32_t k_submit_proposal = 0xe74b785c; ///< governance.submit_proposal
inline constexpr uint32_t k_get_proposal_by_id = 0xc66013ad;  ///< governance.get_proposal_by_id
}  // namespace entry

/// The key a module is uploaded with: PrivateKey::from_seed("modchain system contract " + module). It is
/// public knowledge on purpose (same addresses on every modchain chain, like Koinos' well-known
/// addresses); harmless because every system contract is uploaded with all three `authorizes_*` flags,
/// so the address's signatures are never consulted again — the contract's `authorize` decides.
crypto::PrivateKey module_key(std::string_view module);
/// The contract id (25-byte address bytes) of `module`.
std::string module_address(std::string_view module);

/// The embedded bytes of contracts/system/<module>.wasm; not_found when the binary was built without it.
util::Result<util::ByteView> module_wasm(std::string_view module);
/// The koilib ABI JSON of `module` (contracts/system/abi; uploaded with the contract so that koilib's
/// Contract.fetchAbi() finds it); empty when the binary has none.
std::string module_abi(std::string_view module);
/// The names of every embedded module.
std::vector<std::string> embedded_module_names();

}  // namespace modchain::system
