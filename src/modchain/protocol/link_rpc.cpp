#include "modchain/protocol/link_rpc.hpp"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <string>

#include "koinos/account_history/account_history.pb.h"
#include "koinos/block_store/block_store.pb.h"
#include "koinos/broadcast/broadcast.pb.h"
#include "koinos/chain/chain.pb.h"
#include "koinos/common.pb.h"
#include "koinos/contract_meta_store/contract_meta_store.pb.h"
#include "koinos/contracts/claim/claim.pb.h"
#include "koinos/contracts/governance/governance.pb.h"
#include "koinos/contracts/koin/koin.pb.h"
#include "koinos/contracts/name_service/name_service.pb.h"
#include "koinos/contracts/pob/pob.pb.h"
#include "koinos/contracts/pow/pow.pb.h"
#include "koinos/contracts/resources/resources.pb.h"
#include "koinos/contracts/token/token.pb.h"
#include "koinos/contracts/vhp/vhp.pb.h"
#include "koinos/mempool/mempool.pb.h"
#include "koinos/options.pb.h"
#include "koinos/protocol/protocol.pb.h"
#include "koinos/rpc/account_history/account_history_rpc.pb.h"
#include "koinos/rpc/block_store/block_store_rpc.pb.h"
#include "koinos/rpc/chain/chain_rpc.pb.h"
#include "koinos/rpc/contract_meta_store/contract_meta_store_rpc.pb.h"
#include "koinos/rpc/mempool/mempool_rpc.pb.h"
#include "koinos/rpc/p2p/p2p_rpc.pb.h"
#include "koinos/rpc/rpc.pb.h"
#include "koinos/rpc/transaction_store/transaction_store_rpc.pb.h"
#include "koinos/services/services.pb.h"
#include "koinos/transaction_store/transaction_store.pb.h"

namespace modchain::protocol {

void link_all_generated_types() {
  // descriptor() forces each file's registration; the returned pointers are not needed.
  (void)koinos::account_history::account_metadata::descriptor();
  (void)koinos::block_store::block_item::descriptor();
  (void)koinos::broadcast::transaction_accepted::descriptor();
  (void)koinos::chain::nop_arguments::descriptor();
  (void)koinos::block_topology::descriptor();
  (void)koinos::contract_meta_store::contract_meta_item::descriptor();
  (void)koinos::contracts::claim::claim_info::descriptor();
  (void)koinos::contracts::governance::proposal_record::descriptor();
  (void)koinos::contracts::koin::mana_balance_object::descriptor();
  (void)koinos::contracts::name_service::name_record::descriptor();
  (void)koinos::contracts::pob::consensus_parameters::descriptor();
  (void)koinos::contracts::pow::difficulty_metadata::descriptor();
  (void)koinos::contracts::resources::market::descriptor();
  (void)koinos::contracts::token::name_arguments::descriptor();
  (void)koinos::contracts::vhp::effective_balance_of_arguments::descriptor();
  (void)koinos::mempool::mempool_metadata::descriptor();
  (void)koinos::bytes_type_descriptor();
  (void)koinos::protocol::object_space::descriptor();
  (void)koinos::rpc::account_history::account_history_entry::descriptor();
  (void)koinos::rpc::block_store::get_blocks_by_id_request::descriptor();
  (void)koinos::rpc::chain::submit_block_request::descriptor();
  (void)koinos::rpc::contract_meta_store::get_contract_meta_request::descriptor();
  (void)koinos::rpc::mempool::pending_transaction::descriptor();
  (void)koinos::rpc::p2p::get_gossip_status_request::descriptor();
  (void)koinos::rpc::reserved_rpc::descriptor();
  (void)koinos::rpc::transaction_store::get_transactions_by_id_request::descriptor();
  (void)&descriptor_table_koinos_2fservices_2fservices_2eproto;  // services.proto declares no message
  (void)koinos::transaction_store::transaction_item::descriptor();
}

util::Result<std::unique_ptr<google::protobuf::Message>> make_message(std::string_view full_name) {
  static const bool linked = (link_all_generated_types(), true);
  (void)linked;
  const std::string name(full_name);
  const auto* type = google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(name);
  if (type == nullptr) return util::make_error(util::ErrorCode::not_found, "unknown message type '" + name + "'");
  return std::unique_ptr<google::protobuf::Message>(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New());
}

}  // namespace modchain::protocol
