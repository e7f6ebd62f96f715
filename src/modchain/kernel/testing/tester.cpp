#include "modchain/kernel/testing/tester.hpp"

#include "modchain/kernel/types.hpp"
#include "modchain/protocol/ids.hpp"
#include "modchain/protocol/serialization.hpp"
#include "modchain/protocol/transaction_builder.hpp"
#include "modchain/util/file.hpp"

namespace modchain::kernel::testing {

namespace kp = koinos::protocol;

util::Bytes test_contract(std::string_view name) {
  auto bytes = util::read_file(std::string(MODCHAIN_KERNEL_TEST_CONTRACTS) + "/" + std::string(name) + ".wasm");
  MODCHAIN_ASSERT(bytes.ok(), "kernel test contract missing (build target kernel_test_contracts)");
  return util::to_bytes(bytes.value());
}

Tester::Tester(TesterOptions options)
    : m_options(std::move(options)), m_genesis_key(crypto::PrivateKey::from_seed(m_options.genesis_seed)) {
  m_genesis = make_dev_genesis(m_genesis_key.public_key().address(), m_options.genesis);
  m_chain_id = util::to_string(protocol::chain_id(m_genesis).to_bytes());
  ControllerOptions controller_options;
  controller_options.database.backend = state_db::BackendKind::memory;
  controller_options.database.fork_resolution = m_options.fork_resolution;
  auto controller = Controller::open(controller_options, m_genesis);
  MODCHAIN_ASSERT(controller.ok(), "tester: cannot open the controller");
  m_controller = std::move(controller).value();
}

crypto::PrivateKey Tester::key(std::string_view seed) { return crypto::PrivateKey::from_seed(seed); }

std::string Tester::address(const crypto::PrivateKey& key) {
  return util::to_string(key.public_key().address().view());
}

std::string Tester::nonce_bytes(uint64_t n) { return protocol::nonce_bytes(n); }

kp::transaction Tester::transaction(const crypto::PrivateKey& payer, std::vector<kp::operation> operations,
                                    const TransactionOptions& options) {
  protocol::TransactionFields fields;
  fields.chain_id = m_chain_id;
  fields.rc_limit = options.rc_limit;
  fields.payer = address(payer);
  fields.payee = options.payee;
  const std::string& nonce_account = options.payee.empty() ? fields.payer : options.payee;
  fields.nonce = options.nonce ? *options.nonce : take_nonce(nonce_account);
  std::vector<const crypto::PrivateKey*> signers{&payer};
  signers.insert(signers.end(), options.extra_signers.begin(), options.extra_signers.end());
  return protocol::make_signed_transaction(std::move(operations), fields, signers);
}

kp::operation Tester::upload_contract(const std::string& contract_id, util::ByteView bytecode, bool authorizes_call,
                                      bool authorizes_trx) {
  kp::operation op;
  auto* upload = op.mutable_upload_contract();
  upload->set_contract_id(contract_id);
  upload->set_bytecode(util::to_string(bytecode));
  upload->set_authorizes_call_contract(authorizes_call);
  upload->set_authorizes_transaction_application(authorizes_trx);
  return op;
}

kp::operation Tester::call_contract(const std::string& contract_id, uint32_t entry_point, std::string args) {
  kp::operation op;
  auto* call = op.mutable_call_contract();
  call->set_contract_id(contract_id);
  call->set_entry_point(entry_point);
  call->set_args(std::move(args));
  return op;
}

kp::operation Tester::set_system_call(uint32_t call_id, const std::string& contract_id, uint32_t entry_point) {
  kp::operation op;
  auto* set = op.mutable_set_system_call();
  set->set_call_id(call_id);
  set->mutable_target()->mutable_system_call_bundle()->set_contract_id(contract_id);
  set->mutable_target()->mutable_system_call_bundle()->set_entry_point(entry_point);
  return op;
}

kp::operation Tester::set_system_call_thunk(uint32_t call_id, uint32_t thunk_id) {
  kp::operation op;
  op.mutable_set_system_call()->set_call_id(call_id);
  op.mutable_set_system_call()->mutable_target()->set_thunk_id(thunk_id);
  return op;
}

kp::operation Tester::set_system_contract(const std::string& contract_id, bool system) {
  kp::operation op;
  op.mutable_set_system_contract()->set_contract_id(contract_id);
  op.mutable_set_system_contract()->set_system_contract(system);
  return op;
}

util::Result<kp::block_receipt> Tester::produce_block(std::vector<kp::transaction> transactions) {
  auto head = m_controller->database().head();
  const uint64_t parent_time = head.block_info().timestamp == 0 ? m_options.start_time_ms : head.block_info().timestamp;
  const uint64_t timestamp = parent_time + m_options.block_interval_ms;
  KERNEL_TRY_ASSIGN(proposed, m_controller->propose_block(transactions, timestamp, *m_block_signer, m_approved_proposals));
  KERNEL_TRY_ASSIGN(receipt, m_controller->apply_block(proposed.block, timestamp));
  m_last_block = std::move(proposed.block);
  return receipt;
}

util::Result<kp::block> Tester::block_on(const std::string& parent_id, std::vector<kp::transaction> transactions,
                                         uint64_t timestamp_offset_ms) {
  auto parent = m_controller->database().get_node(util::as_bytes(parent_id));
  if (!parent) return util::make_error(util::ErrorCode::unknown_previous_block, "tester: unknown parent");
  KERNEL_TRY_ASSIGN(root, parent.merkle_root());
  const uint64_t parent_time =
      parent.block_info().timestamp == 0 ? m_options.start_time_ms : parent.block_info().timestamp;
  kp::block block;
  auto* header = block.mutable_header();
  header->set_previous(parent_id);
  header->set_height(parent.revision() + 1);
  header->set_timestamp(parent_time + m_options.block_interval_ms + timestamp_offset_ms);
  header->set_previous_state_merkle_root(util::to_string(root.to_bytes()));
  header->set_signer(address(*m_block_signer));
  for (const auto& id : m_approved_proposals) header->add_approved_proposals(id);
  for (auto& trx : transactions) *block.add_transactions() = std::move(trx);
  header->set_transaction_merkle_root(util::to_string(protocol::transaction_merkle_root(block.transactions()).to_bytes()));
  sign_block(block, *m_block_signer);
  return block;
}

util::Result<kp::block_receipt> Tester::push_block(const kp::block& block) {
  return m_controller->apply_block(block, block.header().timestamp());
}

util::Result<std::string> Tester::deploy(const crypto::PrivateKey& contract_key, util::ByteView bytecode, bool system) {
  const std::string id = address(contract_key);
  KERNEL_TRY_ASSIGN(uploaded, produce_block({transaction(contract_key, {upload_contract(id, bytecode)})}));
  if (uploaded.transaction_receipts_size() != 1 || uploaded.transaction_receipts(0).reverted()) {
    return util::make_error(util::ErrorCode::unexpected_state, "tester: upload reverted or dropped");
  }
  if (system) {
    KERNEL_TRY_ASSIGN(marked, produce_block({transaction(m_genesis_key, {set_system_contract(id, true)})}));
    if (marked.transaction_receipts_size() != 1 || marked.transaction_receipts(0).reverted()) {
      return util::make_error(util::ErrorCode::unexpected_state, "tester: set_system_contract reverted or dropped");
    }
  }
  return id;
}

}  // namespace modchain::kernel::testing
