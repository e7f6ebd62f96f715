#include "modchain/system/catalog.hpp"

#include "modchain/system/embedded.hpp"

namespace modchain::system {
namespace {

// System call ids (koinos.chain.system_call_id) and the Koinos entry points that serve them.
constexpr uint32_t k_pre_block_callback = 8;
constexpr uint32_t k_process_block_signature = 101;
constexpr uint32_t k_check_system_authority = 110;
constexpr uint32_t k_get_account_rc = 201;
constexpr uint32_t k_consume_account_rc = 202;
constexpr uint32_t k_get_resource_limits = 203;
constexpr uint32_t k_consume_block_resources = 204;
constexpr uint32_t k_get_contract_metadata = 112;
constexpr uint32_t k_get_contract_name = 10000;
constexpr uint32_t k_get_contract_address = 10001;

constexpr SystemCallOverride k_name_service[] = {{k_get_contract_name, 0xe5070a16},
                                                 {k_get_contract_address, 0xa61ae5e8}};
constexpr SystemCallOverride k_contract_metadata[] = {{k_get_contract_metadata, 0x784faa08}};
constexpr SystemCallOverride k_koin[] = {{k_get_account_rc, 0x2d464aab}, {k_consume_account_rc, 0x80e3f5c9}};
constexpr SystemCallOverride k_resources[] = {{k_get_resource_limits, 0x427a0394},
                                              {k_consume_block_resources, 0x9850b1fd}};
constexpr SystemCallOverride k_consensus[] = {{k_process_block_signature, 0xe0adbeab}};
constexpr SystemCallOverride k_governance[] = {{k_pre_block_callback, 0x531d5d4e}};

// Name service first: the others find each other through it. Governance last, so its block callback
// starts with everything else in place.
constexpr ContractRole k_roles[] = {{"name_service", k_name_service}, {"contract_metadata", k_contract_metadata},
                                    {"koin", k_koin},                 {"resources", k_resources},
                                    {"consensus", k_consensus},       {"governance", k_governance}};

}  // namespace

std::span<const ContractRole> contract_roles() { return k_roles; }

SystemCallOverride governance_system_authority() { return {k_check_system_authority, 0xa88d06c9}; }

crypto::PrivateKey module_key(std::string_view module) {
  return crypto::PrivateKey::from_seed("modchain system contract " + std::string(module));
}

std::string module_address(std::string_view module) {
  return util::to_string(module_key(module).public_key().address().view());
}

util::Result<util::ByteView> module_wasm(std::string_view module) {
  for (const auto& embedded : detail::embedded_modules()) {
    if (module == embedded.name) return util::ByteView(reinterpret_cast<const uint8_t*>(embedded.bytes), embedded.size);
  }
  return util::make_error(util::ErrorCode::not_found, "system contract module '" + std::string(module) +
                                                          "' is not in this binary (contracts/system/" +
                                                          std::string(module) + ".wasm missing at build time)");
}

std::string module_abi(std::string_view module) {
  for (const auto& embedded : detail::embedded_modules()) {
    if (module == embedded.name) return std::string(reinterpret_cast<const char*>(embedded.abi), embedded.abi_size);
  }
  return {};
}

std::vector<std::string> embedded_module_names() {
  std::vector<std::string> names;
  for (const auto& embedded : detail::embedded_modules()) names.emplace_back(embedded.name);
  return names;
}

}  // namespace modchain::system
