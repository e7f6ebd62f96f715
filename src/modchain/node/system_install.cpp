#include "modchain/node/system_install.hpp"

#include <algorithm>

#include "modchain/chain/chain_service.hpp"
#include "modchain/chain/clock.hpp"
#include "modchain/crypto/address.hpp"
#include "modchain/system/install.hpp"
#include "modchain/util/encoding.hpp"

namespace modchain::node {
namespace {

using util::ErrorCode;

util::Result<system::InstallOptions> install_options(const NodeConfig& config, system::Profile profile) {
  system::InstallOptions options;
  options.profile = profile;
  options.consensus_module = config.consensus_module;
  for (const auto& text : config.producers) {
    auto address = crypto::Address::from_base58(text);
    if (!address.ok()) return util::make_error(ErrorCode::invalid_argument, "producers: '" + text + "' is not an address");
    options.producers.push_back(util::to_string(address->view()));
  }
  options.slot_ms = config.slot_ms != 0 ? config.slot_ms : uint64_t{3} * config.block_interval_ms;
  options.review_period = config.governance_periods.at(0);
  options.vote_period = config.governance_periods.at(1);
  options.application_delay = config.governance_periods.at(2);
  return options;
}

std::string reverted_reason(const koinos::protocol::transaction_receipt& receipt) {
  std::string logs;
  for (const auto& line : receipt.logs()) logs += (logs.empty() ? "" : "; ") + line;
  return logs.empty() ? "no log" : logs;
}

}  // namespace

util::Result<std::string> install_system_contracts_if_fresh(const NodeConfig& config, chain::ChainService& chain,
                                                            const chain::Clock& clock,
                                                            const crypto::PrivateKey& genesis_key,
                                                            const std::string& chain_id) {
  auto profile = system::parse_profile(config.profile);
  if (!profile.ok()) return profile.error();
  if (profile.value() == system::Profile::bare) return std::string();
  auto head = chain.head_info();
  if (!head.ok()) return head.error();
  if (head->head_topology().height() != 0) return std::string();  // installed when the chain began

  auto options = install_options(config, profile.value());
  if (!options.ok()) return options.error();
  auto trx = system::install_transaction(options.value(), genesis_key, chain_id);
  if (!trx.ok()) return trx.error();
  const koinos::protocol::transaction install[] = {trx.value()};
  const uint64_t timestamp = std::max(clock.now_ms(), head->head_block_time() + 1);
  auto proposed = chain.propose_block(install, timestamp, genesis_key);
  if (!proposed.ok()) return util::make_error(proposed.error().code, "system contract install: " + proposed.error().message);
  if (!proposed->dropped.empty()) {
    return util::make_error(ErrorCode::failure, "system contract install: the install transaction failed (dropped "
                                                "from block 1); the chain stays at block 0");
  }
  auto receipt = chain.submit_block(proposed->block);
  if (!receipt.ok()) return util::make_error(receipt.error().code, "system contract install: " + receipt.error().message);
  if (receipt->transaction_receipts_size() != 1 || receipt->transaction_receipts(0).reverted()) {
    const std::string why = receipt->transaction_receipts_size() == 1 ? reverted_reason(receipt->transaction_receipts(0))
                                                                       : "no transaction receipt";
    return util::make_error(ErrorCode::failure, "system contract install reverted in block 1: " + why);
  }
  return "installed system contracts (profile " + config.profile + ", consensus module " + config.consensus_module +
         ") in block 1, " + std::to_string(receipt->transaction_receipts(0).rc_used()) + " rc";
}

std::vector<std::string> approved_proposal_ids(const NodeConfig& config) {
  std::vector<std::string> ids;
  for (const auto& hex : config.approve_proposals) {
    auto bytes = util::from_hex(hex, true);
    if (bytes.ok()) ids.push_back(util::to_string(bytes.value()));
  }
  return ids;
}

}  // namespace modchain::node
