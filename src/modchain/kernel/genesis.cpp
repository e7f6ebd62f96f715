#include "modchain/kernel/genesis.hpp"

#include "modchain/kernel/state_keys.hpp"
#include "modchain/protocol/ids.hpp"
#include "modchain/protocol/serialization.hpp"
#include "modchain/util/varint.hpp"

namespace modchain::kernel {
namespace {

namespace kc = koinos::chain;

void add_metadata(kc::genesis_data& genesis, std::string_view name, std::string value) {
  auto* entry = genesis.add_entries();
  entry->mutable_space()->set_system(true);
  entry->set_key(metadata_key_bytes(name));
  entry->set_value(std::move(value));
}

}  // namespace

std::vector<std::pair<std::string, uint64_t>> mainnet_compute_registry() {
  return {{"apply_block", 16465}, {"apply_call_contract_operation", 685},
          {"apply_set_system_call_operation", 136081}, {"apply_set_system_contract_operation", 8692},
          {"apply_transaction", 12542}, {"apply_upload_contract_operation", 3130}, {"call", 3573},
          {"check_authority", 12653}, {"check_system_authority", 12750}, {"consume_account_rc", 735},
          {"consume_block_resources", 753}, {"deserialize_message_per_byte", 1}, {"deserialize_multihash_base", 102},
          {"deserialize_multihash_per_byte", 404}, {"event", 1222}, {"event_per_impacted", 101}, {"exit", 11636},
          {"get_account_nonce", 821}, {"get_account_rc", 1072}, {"get_arguments", 809}, {"get_block", 1134},
          {"get_block_field", 1417}, {"get_caller", 825}, {"get_chain_id", 1046}, {"get_contract_id", 778},
          {"get_head_info", 2099}, {"get_last_irreversible_block", 772}, {"get_next_object", 11181},
          {"get_object", 1054}, {"get_operation", 1081}, {"get_prev_object", 15445}, {"get_resource_limits", 1227},
          {"get_transaction", 1584}, {"get_transaction_field", 1530}, {"hash", 1570}, {"keccak_256_base", 1406},
          {"keccak_256_per_byte", 1}, {"log", 738}, {"object_serialization_per_byte", 1},
          {"post_block_callback", 741}, {"post_transaction_callback", 721}, {"pre_block_callback", 730},
          {"pre_transaction_callback", 729}, {"process_block_signature", 4499}, {"put_object", 1057},
          {"recover_public_key", 29630}, {"remove_object", 893}, {"ripemd_160_base", 1343},
          {"ripemd_160_per_byte", 1}, {"set_account_nonce", 749}, {"sha1_base", 1151}, {"sha1_per_byte", 1},
          {"sha2_256_base", 1385}, {"sha2_256_per_byte", 1}, {"sha2_512_base", 1445}, {"sha2_512_per_byte", 1},
          {"verify_account_nonce", 822}, {"verify_merkle_root", 1}, {"verify_signature", 762},
          {"verify_vrf_proof", 144067}};
}

ResourceLimits mainnet_resource_limits() { return ResourceLimits{409'600, 10, 1'048'576, 5, 100'000'000, 1}; }

kc::genesis_data make_dev_genesis(const crypto::Address& genesis_key, const DevGenesisOptions& options) {
  kc::genesis_data genesis;
  add_metadata(genesis, "genesis_key", util::to_string(genesis_key.view()));
  kc::resource_limit_data limits;
  limits.set_disk_storage_limit(options.limits.disk_storage_limit);
  limits.set_disk_storage_cost(options.limits.disk_storage_cost);
  limits.set_network_bandwidth_limit(options.limits.network_bandwidth_limit);
  limits.set_network_bandwidth_cost(options.limits.network_bandwidth_cost);
  limits.set_compute_bandwidth_limit(options.limits.compute_bandwidth_limit);
  limits.set_compute_bandwidth_cost(options.limits.compute_bandwidth_cost);
  add_metadata(genesis, "resource_limit_data", protocol::serialize_to_string(limits));
  kc::max_account_resources max;
  max.set_value(options.max_account_resources);
  add_metadata(genesis, "max_account_resources", protocol::serialize_to_string(max));
  kc::compute_bandwidth_registry registry;
  for (const auto& [name, ticks] : mainnet_compute_registry()) {
    auto* entry = registry.add_entries();
    entry->set_name(name);
    entry->set_compute(ticks);
  }
  add_metadata(genesis, "compute_bandwidth_registry", protocol::serialize_to_string(registry));
  util::Bytes code;
  util::append_uvarint(code, crypto::hash_code::sha2_256);
  add_metadata(genesis, "block_hash_code", util::to_string(code));
  return genesis;
}

util::Status load_genesis(state_db::Database& database, const kc::genesis_data& genesis) {
  std::vector<state_db::GenesisEntry> entries;
  bool has_genesis_key = false;
  const std::string genesis_key = metadata_key_bytes("genesis_key");
  for (const auto& entry : genesis.entries()) {
    entries.push_back({to_state_space(entry.space()), util::to_bytes(entry.key()), util::to_bytes(entry.value())});
    if (entry.space().system() && entry.space().zone().empty() && entry.space().id() == 0 && entry.key() == genesis_key) {
      has_genesis_key = true;
    }
  }
  if (!has_genesis_key) return util::make_error(util::ErrorCode::invalid_argument, "genesis has no genesis_key object");
  entries.push_back({system_space(kc::metadata), util::to_bytes(metadata_key_bytes("chain_id")),
                     protocol::chain_id(genesis).to_bytes()});
  return database.apply_genesis(entries);
}

}  // namespace modchain::kernel
