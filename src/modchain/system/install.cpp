#include "modchain/system/install.hpp"

#include <map>

#include "koinos/contracts/name_service/name_service.pb.h"
#include "koinos/contracts/token/token.pb.h"
#include "modchain/protocol/serialization.hpp"
#include "modchain/protocol/transaction_builder.hpp"
#include "modchain/system/catalog.hpp"

namespace modchain::system {
namespace {

namespace kp = koinos::protocol;
using util::ErrorCode;

// Minimal protobuf writer for the two modchain-only argument messages (consensus_config,
// governance_parameters: contracts/system/proto), which have no generated C++ class.
class FieldWriter {
 public:
  void varint_field(uint32_t field, uint64_t value) {
    varint(uint64_t{field} << 3);
    varint(value);
  }
  void bytes_field(uint32_t field, const std::string& value) {
    varint((uint64_t{field} << 3) | 2);
    varint(value.size());
    m_out += value;
  }
  std::string take() { return std::move(m_out); }

 private:
  void varint(uint64_t value) {
    while (value >= 0x80) {
      m_out.push_back(static_cast<char>((value & 0x7f) | 0x80));
      value >>= 7;
    }
    m_out.push_back(static_cast<char>(value));
  }
  std::string m_out;
};

kp::operation upload(const std::string& id, util::ByteView wasm, std::string abi) {
  kp::operation op;
  auto* upload = op.mutable_upload_contract();
  upload->set_contract_id(id);
  upload->set_bytecode(util::to_string(wasm));
  upload->set_abi(std::move(abi));
  upload->set_authorizes_call_contract(true);
  upload->set_authorizes_transaction_application(true);
  upload->set_authorizes_upload_contract(true);
  return op;
}

kp::operation mark_system(const std::string& id) {
  kp::operation op;
  op.mutable_set_system_contract()->set_contract_id(id);
  op.mutable_set_system_contract()->set_system_contract(true);
  return op;
}

kp::operation call(const std::string& id, uint32_t entry_point, std::string args) {
  kp::operation op;
  auto* call = op.mutable_call_contract();
  call->set_contract_id(id);
  call->set_entry_point(entry_point);
  call->set_args(std::move(args));
  return op;
}

kp::operation override_call(const SystemCallOverride& target, const std::string& id) {
  kp::operation op;
  auto* set = op.mutable_set_system_call();
  set->set_call_id(target.call_id);
  set->mutable_target()->mutable_system_call_bundle()->set_contract_id(id);
  set->mutable_target()->mutable_system_call_bundle()->set_entry_point(target.entry_point);
  return op;
}

std::string module_for(const InstallOptions& options, std::string_view role) {
  return role == "consensus" ? options.consensus_module : std::string(role);
}

std::string set_record_args(std::string_view name, const std::string& address) {
  koinos::contracts::name_service::set_record_arguments args;
  args.set_name(std::string(name));
  args.set_address(address);
  return protocol::serialize_to_string(args);
}

std::string mint_args(const std::string& to, uint64_t value) {
  koinos::contracts::token::mint_arguments args;
  args.set_to(to);
  args.set_value(value);
  return protocol::serialize_to_string(args);
}

std::string consensus_config(const std::vector<std::string>& producers, uint64_t slot_ms) {
  FieldWriter writer;
  for (const auto& producer : producers) writer.bytes_field(1, producer);
  writer.varint_field(2, slot_ms);
  return writer.take();
}

// set_parameters_arguments{value=1 governance_parameters{review=1, vote=2, delay=3, min_fee=6}}; the other
// fields keep their defaults.
std::string governance_parameters(const InstallOptions& options) {
  FieldWriter parameters;
  parameters.varint_field(1, options.review_period);
  parameters.varint_field(2, options.vote_period);
  parameters.varint_field(3, options.application_delay);
  parameters.varint_field(6, options.proposal_fee);
  FieldWriter arguments;
  arguments.bytes_field(1, parameters.take());
  return arguments.take();
}

// KOIN allocations: every producer but the genesis key gets producer_allocation, the genesis key the rest.
util::Result<std::vector<std::pair<std::string, uint64_t>>> allocations(const InstallOptions& options,
                                                                         const std::string& genesis_address) {
  std::vector<std::pair<std::string, uint64_t>> result;
  uint64_t remaining = options.initial_supply;
  for (const auto& producer : options.producers) {
    if (producer == genesis_address) continue;
    if (remaining < options.producer_allocation) {
      return util::make_error(ErrorCode::invalid_argument, "producer allocations exceed the initial KOIN supply");
    }
    remaining -= options.producer_allocation;
    result.emplace_back(producer, options.producer_allocation);
  }
  if (remaining > 0) result.emplace_back(genesis_address, remaining);
  return result;
}

}  // namespace

util::Result<Profile> parse_profile(std::string_view text) {
  if (text == "bare") return Profile::bare;
  if (text == "dev") return Profile::dev;
  if (text == "governed") return Profile::governed;
  return util::make_error(ErrorCode::invalid_argument,
                          "unknown profile '" + std::string(text) + "': expected one of bare, dev, governed");
}

std::string_view profile_name(Profile profile) {
  switch (profile) {
    case Profile::bare: return "bare";
    case Profile::dev: return "dev";
    case Profile::governed: return "governed";
  }
  return "?";
}

util::Result<kp::transaction> install_transaction(const InstallOptions& options, const crypto::PrivateKey& genesis_key,
                                                  const std::string& chain_id, uint64_t genesis_nonce) {
  if (options.profile == Profile::bare) {
    return util::make_error(ErrorCode::invalid_argument, "the bare profile installs no system contracts");
  }
  const std::string genesis_address = util::to_string(genesis_key.public_key().address().view());
  std::vector<std::string> producers = options.producers.empty() ? std::vector{genesis_address} : options.producers;
  for (const auto& producer : producers) {
    if (producer.size() != 25) return util::make_error(ErrorCode::invalid_argument, "a producer address is not 25 bytes");
  }
  auto minted = allocations(options, genesis_address);
  if (!minted.ok()) return minted.error();

  std::vector<kp::operation> ops;
  std::vector<crypto::PrivateKey> module_keys;
  std::map<std::string_view, std::string> id_of;  // role name → contract id
  for (const auto& role : contract_roles()) {
    const std::string module = module_for(options, role.name);
    auto wasm = module_wasm(module);
    if (!wasm.ok()) return wasm.error();
    module_keys.push_back(module_key(module));
    id_of[role.name] = module_address(module);
    ops.push_back(upload(id_of[role.name], wasm.value(), module_abi(module)));
    ops.push_back(mark_system(id_of[role.name]));
  }
  for (const auto& role : contract_roles()) {
    ops.push_back(call(id_of["name_service"], entry::k_set_record, set_record_args(role.name, id_of[role.name])));
  }
  for (const auto& [to, value] : minted.value()) ops.push_back(call(id_of["koin"], entry::k_mint, mint_args(to, value)));
  ops.push_back(call(id_of["consensus"], entry::k_set_config, consensus_config(producers, options.slot_ms)));
  ops.push_back(call(id_of["governance"], entry::k_set_parameters, governance_parameters(options)));
  for (const auto& role : contract_roles()) {
    for (const auto& target : role.overrides) ops.push_back(override_call(target, id_of[role.name]));
  }
  // Last: from the next block on, only governance proposals carry system authority.
  if (options.profile == Profile::governed) {
    ops.push_back(override_call(governance_system_authority(), id_of["governance"]));
  }

  protocol::TransactionFields fields{chain_id, options.rc_limit, genesis_nonce, genesis_address, {}};
  std::vector<const crypto::PrivateKey*> signers{&genesis_key};
  for (const auto& key : module_keys) signers.push_back(&key);
  return protocol::make_signed_transaction(std::move(ops), fields, signers);
}

}  // namespace modchain::system
