#include "modchain/kernel/controller.hpp"

#include <algorithm>
#include <limits>

#include "modchain/kernel/execution_context.hpp"
#include "modchain/kernel/genesis.hpp"
#include "modchain/kernel/state_keys.hpp"
#include "modchain/protocol/ids.hpp"
#include "modchain/vm/engine.hpp"
#include "modchain/vm/module_cache.hpp"

namespace modchain::kernel {

using util::ErrorCode;
namespace kc = koinos::chain;
namespace kp = koinos::protocol;

struct Controller::Impl {
  ControllerOptions options;
  std::unique_ptr<state_db::Database> database;
  std::unique_ptr<vm::Engine> engine = vm::make_wabt_interp_engine();
  std::unique_ptr<vm::ModuleCache> modules = std::make_unique<vm::ModuleCache>(*engine, vm::PrepareOptions{});

  VmRuntime runtime() { return {engine.get(), modules.get()}; }

  // A read-only context on the head with the read compute limit (§10.1).
  std::unique_ptr<ExecutionContext> read_context() {
    auto head = database->head();
    auto context = std::make_unique<ExecutionContext>(runtime(), Intent::read_only, head, head);
    constexpr uint64_t k_unbounded = std::numeric_limits<int64_t>::max();
    context->meter().set_limits(ResourceLimits{k_unbounded, 0, k_unbounded, 0, options.read_compute_bandwidth_limit, 0});
    (void)context->push_frame(Frame{});
    return context;
  }

  // Base frame, and unbounded limits until apply_block sets the block's own (§10.1: the apply_block base
  // charge and the get_resource_limits call are not counted).
  static void prepare_block_context(ExecutionContext& context) {
    constexpr uint64_t k_unbounded = std::numeric_limits<int64_t>::max();
    context.meter().set_limits(ResourceLimits{k_unbounded, 0, k_unbounded, 0, k_unbounded, 0});
    (void)context.push_frame(Frame{});
  }

  template <class Res, class Args>
  util::Result<Res> read_call(uint32_t id, const Args& args) {
    auto context = read_context();
    return call_system<Res>(*context, id, args);
  }

  util::Status check_parent(const kp::block& block, const state_db::StateNode& parent, uint64_t now_ms) const;
  util::Result<kp::block_receipt> run_block(const kp::block& block, const state_db::StateNode& parent);
  util::Status advance_lib(const std::string& block_id);
  util::Result<std::vector<size_t>> dry_run(const kp::block& block);
  util::Result<kp::block> build_block(const std::vector<kp::transaction>& transactions, uint64_t timestamp_ms,
                                      const crypto::PrivateKey& signer, std::span<const std::string> approved);
};

Controller::Controller(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Controller::~Controller() = default;

util::Result<std::unique_ptr<Controller>> Controller::open(const ControllerOptions& options,
                                                           const kc::genesis_data& genesis) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  auto database = state_db::Database::open(options.database);
  if (!database.ok()) return database.error();
  impl->database = std::move(database).value();
  if (impl->database->is_fresh()) {
    MODCHAIN_TRY_STATUS(load_genesis(*impl->database, genesis));
  } else {
    auto stored = impl->database->root().get_object(system_space(kc::metadata),
                                                    util::as_bytes(metadata_key_bytes("chain_id")));
    if (!stored.ok()) return stored.error();
    if (!stored.value() || *stored.value() != protocol::chain_id(genesis).to_bytes()) {
      return util::make_error(ErrorCode::unexpected_state, "database chain id differs from the genesis chain id");
    }
  }
  return std::unique_ptr<Controller>(new Controller(std::move(impl)));
}

util::Status check_block_structure(const kp::block& block) {
  const auto& h = block.header();
  if (block.id().empty() || !block.has_header() || h.previous().empty() || h.height() == 0 || h.timestamp() == 0 ||
      h.previous_state_merkle_root().empty() || h.transaction_merkle_root().empty() || block.signature().empty()) {
    return util::make_error(ErrorCode::missing_required_arguments, "block is missing a required field");
  }
  for (const auto& trx : block.transactions()) {
    const auto& th = trx.header();
    if (trx.id().empty() || !trx.has_header() || th.payer().empty() || th.rc_limit() == 0 ||
        th.operation_merkle_root().empty() || trx.signatures_size() == 0) {
      return util::make_error(ErrorCode::missing_required_arguments, "transaction is missing a required field");
    }
  }
  return {};
}

void sign_block(kp::block& block, const crypto::PrivateKey& signer) {
  block.set_id(util::to_string(protocol::block_id(block.header()).to_bytes()));
  const auto signature = signer.sign_compact(protocol::block_signing_digest(block.header()));
  block.set_signature(std::string(signature.begin(), signature.end()));
}

util::Status Controller::Impl::check_parent(const kp::block& block, const state_db::StateNode& parent,
                                            uint64_t now_ms) const {
  const auto& header = block.header();
  if (header.height() != parent.revision() + 1) {
    return util::make_error(ErrorCode::unexpected_height, "block height is not parent height + 1");
  }
  if (header.timestamp() > now_ms + options.max_block_time_drift_ms ||
      header.timestamp() <= parent.block_info().timestamp) {
    return util::make_error(ErrorCode::timestamp_out_of_bounds, "block timestamp out of bounds");
  }
  auto root = parent.merkle_root();
  if (!root.ok()) return root.error();
  if (util::to_string(root.value().to_bytes()) != header.previous_state_merkle_root()) {
    return util::make_error(ErrorCode::state_merkle_mismatch, "previous_state_merkle_root mismatch");
  }
  return {};
}

util::Result<kp::block_receipt> Controller::Impl::run_block(const kp::block& block, const state_db::StateNode& parent) {
  const state_db::BlockInfo info{util::to_bytes(block.id()), block.header().height(), block.header().timestamp(),
                                 util::to_bytes(block.header().signer())};
  KERNEL_TRY_ASSIGN(node, database->create_block_node(parent.id(), info,
                                                      protocol::serialize(block.header())));
  ExecutionContext context(runtime(), Intent::block_application, node, parent);
  prepare_block_context(context);
  kc::apply_block_arguments args;
  *args.mutable_block() = block;
  auto applied = context.system_call(kc::apply_block, protocol::serialize_to_string(args));
  if (!applied.ok()) {
    (void)database->discard_node(node.id());
    return applied.error();
  }
  if (auto finalized = database->finalize_node(node.id()); !finalized.ok()) {
    (void)database->discard_node(node.id());
    return finalized.error();
  }
  KERNEL_TRY_ASSIGN(root, node.merkle_root());
  kp::block_receipt receipt = context.block_receipt();
  receipt.set_state_merkle_root(util::to_string(root.to_bytes()));
  return receipt;
}

util::Status Controller::Impl::advance_lib(const std::string& block_id) {
  auto head = database->head();
  if (util::to_string(head.id()) != block_id) return {};  // a fork block: LIB follows the head only
  ExecutionContext context(runtime(), Intent::read_only, head, head);
  context.meter().set_limits(ResourceLimits{0, 0, 0, 0, options.read_compute_bandwidth_limit, 0});
  (void)context.push_frame(Frame{});
  auto lib = call_system<kc::get_last_irreversible_block_result>(context, kc::get_last_irreversible_block,
                                                                 kc::get_last_irreversible_block_arguments{});
  if (!lib.ok()) return lib.error();
  if (lib.value().value() <= database->root().revision()) return {};
  KERNEL_TRY_ASSIGN(ancestor, database->node_at_revision(lib.value().value(), head.id()));
  return database->commit_node(ancestor.id());
}

util::Result<kp::block_receipt> Controller::apply_block(const kp::block& block, uint64_t now_ms) {
  MODCHAIN_TRY_STATUS(check_block_structure(block));
  auto& db = *m_impl->database;
  if (db.get_node(util::as_bytes(block.id()))) {
    kp::block_receipt known;
    known.set_id(block.id());
    known.set_height(block.header().height());
    return known;
  }
  auto parent = db.get_node(util::as_bytes(block.header().previous()));
  if (!parent) {
    if (block.header().height() <= db.root().revision()) {
      return util::make_error(ErrorCode::pre_irreversibility_block, "block is at or below the irreversible block");
    }
    return util::make_error(ErrorCode::unknown_previous_block, "unknown previous block");
  }
  MODCHAIN_TRY_STATUS(m_impl->check_parent(block, parent, now_ms));
  KERNEL_TRY_ASSIGN(receipt, m_impl->run_block(block, parent));
  MODCHAIN_TRY_STATUS(m_impl->advance_lib(block.id()));
  return receipt;
}

util::Result<kp::transaction_receipt> Controller::apply_transaction(const kp::transaction& trx,
                                                                     const PendingNonceLookup& pending_nonces) {
  auto head = m_impl->database->head();
  KERNEL_TRY_ASSIGN(pending, head.create_anonymous_node());
  ExecutionContext context(m_impl->runtime(), Intent::transaction_application, pending, head);
  Impl::prepare_block_context(context);
  context.set_pending_nonces(pending_nonces);
  KERNEL_TRY_ASSIGN(limits, call_system<kc::get_resource_limits_result>(context, kc::get_resource_limits,
                                                                        kc::get_resource_limits_arguments{}));
  const auto& l = limits.value();
  context.meter().set_limits(ResourceLimits{l.disk_storage_limit(), l.disk_storage_cost(), l.network_bandwidth_limit(),
                                            l.network_bandwidth_cost(), l.compute_bandwidth_limit(),
                                            l.compute_bandwidth_cost()});
  kc::apply_transaction_arguments args;
  *args.mutable_transaction() = trx;
  auto applied = context.system_call(kc::apply_transaction, protocol::serialize_to_string(args));
  if (!applied.ok()) return applied.error();
  if (context.block_receipt().transaction_receipts_size() != 1) {
    return util::make_error(ErrorCode::unexpected_state, "no transaction receipt");
  }
  return context.block_receipt().transaction_receipts(0);
}

util::Result<kp::block> Controller::Impl::build_block(const std::vector<kp::transaction>& transactions,
                                                      uint64_t timestamp_ms, const crypto::PrivateKey& signer,
                                                      std::span<const std::string> approved) {
  auto head = database->head();
  KERNEL_TRY_ASSIGN(root, head.merkle_root());
  kp::block block;
  auto* header = block.mutable_header();
  header->set_previous(util::to_string(head.id()));
  header->set_height(head.revision() + 1);
  header->set_timestamp(timestamp_ms);
  header->set_previous_state_merkle_root(util::to_string(root.to_bytes()));
  header->set_signer(util::to_string(signer.public_key().address().view()));
  for (const auto& id : approved) header->add_approved_proposals(id);
  for (const auto& trx : transactions) *block.add_transactions() = trx;
  header->set_transaction_merkle_root(util::to_string(protocol::transaction_merkle_root(block.transactions()).to_bytes()));
  sign_block(block, signer);
  return block;
}

util::Result<std::vector<size_t>> Controller::Impl::dry_run(const kp::block& block) {
  auto head = database->head();
  const state_db::BlockInfo info{util::to_bytes(block.id()), block.header().height(), block.header().timestamp(),
                                 util::to_bytes(block.header().signer())};
  KERNEL_TRY_ASSIGN(node, database->create_block_node(head.id(), info, protocol::serialize(block.header())));
  ExecutionContext context(runtime(), Intent::block_proposal, node, head);
  prepare_block_context(context);
  kc::apply_block_arguments args;
  *args.mutable_block() = block;
  auto applied = context.system_call(kc::apply_block, protocol::serialize_to_string(args));
  (void)database->discard_node(node.id());
  if (!applied.ok()) return applied.error();
  return context.failed_transactions();
}

util::Result<ProposedBlock> Controller::propose_block(std::span<const kp::transaction> transactions,
                                                      uint64_t timestamp_ms, const crypto::PrivateKey& signer,
                                                      std::span<const std::string> approved_proposals) {
  std::vector<kp::transaction> kept(transactions.begin(), transactions.end());
  std::vector<size_t> original(kept.size());
  for (size_t i = 0; i < original.size(); ++i) original[i] = i;
  ProposedBlock proposed;
  while (true) {
    KERNEL_TRY_ASSIGN(block, m_impl->build_block(kept, timestamp_ms, signer, approved_proposals));
    KERNEL_TRY_ASSIGN(failed, m_impl->dry_run(block));
    if (failed.empty()) {
      proposed.block = std::move(block);
      std::sort(proposed.dropped.begin(), proposed.dropped.end());
      return proposed;
    }
    for (auto it = failed.rbegin(); it != failed.rend(); ++it) {
      proposed.dropped.push_back(original[*it]);
      kept.erase(kept.begin() + static_cast<std::ptrdiff_t>(*it));
      original.erase(original.begin() + static_cast<std::ptrdiff_t>(*it));
    }
  }
}

util::Result<ReadResult> Controller::read_contract(const std::string& contract_id, uint32_t entry_point,
                                                   const std::string& args) {
  auto context = m_impl->read_context();
  (void)context->push_frame(Frame{{}, 0, Privilege::user_mode, {}, 0});
  kc::call_arguments call;
  call.set_contract_id(contract_id);
  call.set_entry_point(entry_point);
  call.set_args(args);
  KERNEL_TRY_ASSIGN(result, call_system<kc::call_result>(*context, kc::call, call));
  return ReadResult{result.value(), context->block_logs()};
}

util::Result<std::string> Controller::invoke_system_call(uint32_t id, const std::string& arguments) {
  auto context = m_impl->read_context();
  return context->system_call(id, arguments);
}

util::Result<kc::head_info> Controller::head_info() {
  KERNEL_TRY_ASSIGN(info, m_impl->read_call<kc::get_head_info_result>(kc::get_head_info, kc::get_head_info_arguments{}));
  return info.value();
}

util::Result<std::string> Controller::chain_id() {
  KERNEL_TRY_ASSIGN(id, m_impl->read_call<kc::get_chain_id_result>(kc::get_chain_id, kc::get_chain_id_arguments{}));
  return id.value();
}

std::vector<koinos::block_topology> Controller::fork_heads() const {
  std::vector<koinos::block_topology> heads;
  for (const auto& node : m_impl->database->fork_heads()) {
    koinos::block_topology topology;
    topology.set_id(util::to_string(node.id()));
    topology.set_height(node.revision());
    topology.set_previous(util::to_string(node.parent_id()));
    heads.push_back(std::move(topology));
  }
  return heads;
}

util::Result<kc::resource_limit_data> Controller::resource_limits() {
  KERNEL_TRY_ASSIGN(limits, m_impl->read_call<kc::get_resource_limits_result>(kc::get_resource_limits,
                                                                              kc::get_resource_limits_arguments{}));
  return limits.value();
}

util::Result<uint64_t> Controller::account_rc(const std::string& account) {
  kc::get_account_rc_arguments args;
  args.set_account(account);
  KERNEL_TRY_ASSIGN(rc, m_impl->read_call<kc::get_account_rc_result>(kc::get_account_rc, args));
  return rc.value();
}

util::Result<std::string> Controller::account_nonce(const std::string& account) {
  kc::get_account_nonce_arguments args;
  args.set_account(account);
  KERNEL_TRY_ASSIGN(nonce, m_impl->read_call<kc::get_account_nonce_result>(kc::get_account_nonce, args));
  return nonce.value();
}

state_db::Database& Controller::database() { return *m_impl->database; }

}  // namespace modchain::kernel
