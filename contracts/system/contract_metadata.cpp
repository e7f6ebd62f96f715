// System contract `contract_metadata`: serves the system call get_contract_metadata (112), which has no
// native thunk (Koinos added it in-band in 2024 the same way). @koinos/sdk-as's System.checkAccountAuthority
// calls it to find out whether an account is a contract that authorizes calls itself ("smart wallets").
// Entry points: docs/system_contracts/contract_metadata.md.
#include "modchain/sdk/contract.hpp"

namespace sdk = modchain::sdk;
namespace pb = modchain::sdk::pb;

namespace {

constexpr uint32_t k_get_contract_metadata = sdk::entry_point_id("get_contract_metadata");
static_assert(k_get_contract_metadata == 0x784faa08);

/// The kernel's contract metadata space (koinos.chain.system_space_id contract_metadata = 3, zone empty),
/// readable from kernel mode: key = contract id, value = koinos.chain.contract_metadata_object.
sdk::ObjectSpace kernel_metadata() { return sdk::ObjectSpace{true, sdk::Bytes{}, 3}; }

// get_contract_metadata (0x784faa08) get_contract_metadata_arguments{contract_id=1 bytes} ->
// get_contract_metadata_result{value=1 contract_metadata_object}; the empty message for an account that
// holds no contract.
void get_contract_metadata(sdk::Bytes args) {
  auto stored = sdk::get_object(kernel_metadata(), pb::find_bytes(args, 1));
  if (!stored.ok()) sdk::exit_error(stored.code, stored.message);
  sdk::exit_value_bytes(stored.value.exists ? stored.value.value : sdk::Bytes{});
}

// authorize (0x4a2dbd90) authorize_arguments -> authorize_result{value=1 bool} = check_system_authority().
void authorize(sdk::Bytes) { sdk::exit_bool(sdk::has_system_authority()); }

constexpr sdk::Method k_methods[] = {
    {k_get_contract_metadata, get_contract_metadata},
    {sdk::entry_points::k_authorize, authorize},
};

}  // namespace

extern "C" __attribute__((export_name("_start"))) void start() { sdk::dispatch(k_methods); }
