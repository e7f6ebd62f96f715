#include "modchain/chain/chain_service.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "koinos/broadcast/broadcast.pb.h"
#include "koinos/rpc/block_store/block_store_rpc.pb.h"
#include "modchain/bus/typed_call.hpp"
#include "modchain/protocol/serialization.hpp"
#include "modchain/util/encoding.hpp"

namespace modchain::chain {

using util::ErrorCode;
namespace kp = koinos::protocol;
namespace kc = koinos::chain;

std::string error_data_json(util::ErrorCode code, std::span<const std::string> logs) {
  nlohmann::json data = nlohmann::json::object();
  data["code"] = static_cast<int32_t>(code);
  data["logs"] = nlohmann::json::array();
  for (const auto& log : logs) data["logs"].push_back(log);
  return data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

util::Result<uint64_t> decode_nonce(const std::string& nonce_bytes) {
  kc::value_type value;
  if (!value.ParseFromString(nonce_bytes) || value.kind_case() != kc::value_type::kUint64Value) {
    return util::make_error(ErrorCode::invalid_nonce, "nonce is not a serialized value_type with a uint64_value");
  }
  return value.uint64_value();
}

const std::string& nonce_account(const kp::transaction& trx) {
  return trx.header().payee().empty() ? trx.header().payer() : trx.header().payee();
}

ChainService::ChainService(kernel::Controller& controller, bus::Bus& bus, const Clock& clock)
    : m_controller(controller), m_bus(bus), m_clock(clock) {}

ChainService::~ChainService() { detach(); }

util::Status ChainService::attach() {
  MODCHAIN_TRY_STATUS(m_bus.serve(k_chain_service, [this](std::string_view request) { return handle(request); }));
  m_attached = true;
  return {};
}

void ChainService::detach() {
  if (!m_attached) return;
  m_bus.stop_serving(k_chain_service);
  m_attached = false;
}

util::Result<kp::block_receipt> ChainService::submit_block(const kp::block& block) {
  util::Result<kp::block_receipt> receipt = util::make_error(ErrorCode::failure, "not applied");
  bool is_new = false;
  {
    std::lock_guard lock(m_mutex);
    const bool known = static_cast<bool>(m_controller.database().get_node(util::as_bytes(block.id())));
    receipt = m_controller.apply_block(block, m_clock.now_ms());
    is_new = receipt.ok() && !known;
    // Stored before any other caller can see the new head (koinos-chain calls add_block during
    // application), so a crash never loses a block a client has seen.
    if (is_new && m_store_blocks) {
      if (auto stored = store_block(block, receipt.value()); !stored.ok()) return stored.error();
    }
  }
  if (is_new) publish_block(block, receipt.value());
  return receipt;
}

util::Status ChainService::store_block(const kp::block& block, const kp::block_receipt& receipt) {
  namespace bs = koinos::rpc::block_store;
  bs::block_store_request request;
  *request.mutable_add_block()->mutable_block_to_add() = block;
  *request.mutable_add_block()->mutable_receipt_to_add() = receipt;
  auto answer = bus::call_typed<bs::block_store_response>(m_bus, "block_store", request, std::chrono::milliseconds(5000));
  if (!answer.ok()) return answer.error();
  if (answer->has_error()) {
    return util::make_error(ErrorCode::rpc_failure, "block_store add_block: " + answer->error().message());
  }
  return {};
}

void ChainService::publish_block(const kp::block& block, const kp::block_receipt& receipt) {
  koinos::broadcast::block_accepted accepted;
  koinos::broadcast::block_irreversible irreversible;
  koinos::broadcast::fork_heads forks;
  {
    std::lock_guard lock(m_mutex);
    auto head = m_controller.database().head();
    auto root = m_controller.database().root();
    accepted.set_head(util::to_string(head.id()) == block.id());
    auto* lib = irreversible.mutable_topology();
    lib->set_id(util::to_string(root.id()));
    lib->set_height(root.revision());
    lib->set_previous(util::to_string(root.parent_id()));
    *forks.mutable_last_irreversible_block() = *lib;
    for (auto& topology : m_controller.fork_heads()) *forks.add_heads() = std::move(topology);
  }
  *accepted.mutable_block() = block;
  *accepted.mutable_receipt() = receipt;
  accepted.set_live(true);
  // Subscribers report their own failures; the block is applied either way (as a Koinos chain does).
  (void)bus::publish_typed(m_bus, bus::topics::k_block_accept, accepted);
  (void)bus::publish_typed(m_bus, bus::topics::k_block_irreversible, irreversible);
  (void)bus::publish_typed(m_bus, bus::topics::k_block_forks, forks);
  publish_events(block, receipt);
}

std::string event_topic(const koinos::protocol::event_data& event) {
  return "koinos.event." + util::to_base58(util::as_bytes(event.source())) + "." + event.name();
}

void ChainService::publish_events(const kp::block& block, const kp::block_receipt& receipt) {
  auto publish = [&](const kp::event_data& event, const std::string* transaction_id) {
    koinos::broadcast::event_parcel parcel;
    parcel.set_block_id(block.id());
    parcel.set_height(block.header().height());
    if (transaction_id != nullptr) parcel.set_transaction_id(*transaction_id);
    *parcel.mutable_event() = event;
    (void)bus::publish_typed(m_bus, event_topic(event), parcel);
  };
  // Order: each transaction's events in block order, then the block-level (callback) events.
  for (const auto& trx : receipt.transaction_receipts()) {
    for (const auto& event : trx.events()) publish(event, &trx.id());
  }
  for (const auto& event : receipt.events()) publish(event, nullptr);
}

namespace {

util::Status check_required(const kp::transaction& trx) {
  const auto& h = trx.header();
  if (trx.id().empty() || !trx.has_header() || h.payer().empty() || h.rc_limit() == 0 ||
      h.operation_merkle_root().empty() || trx.signatures_size() == 0) {
    return util::make_error(ErrorCode::missing_required_arguments,
                            "transaction is missing a required field (id, header, payer, rc_limit, "
                            "operation_merkle_root or a signature)");
  }
  return {};
}

// The reason of a reverted receipt: its "transaction reverted: …" log if there is one.
std::string reversion_message(const kp::transaction_receipt& receipt) {
  for (auto it = receipt.logs().rbegin(); it != receipt.logs().rend(); ++it) {
    if (it->rfind("transaction reverted", 0) == 0) return *it;
  }
  return "transaction reverted";
}

}  // namespace

util::Status ChainService::check_pending(const kp::transaction& trx, uint64_t payer_rc) const {
  if (m_pool == nullptr) return {};
  const auto& payer = trx.header().payer();
  if (!m_pool->check_pending_account_resources(payer, payer_rc, trx.header().rc_limit())) {
    return util::make_error(ErrorCode::insufficient_rc, "insufficient pending account resources");
  }
  if (m_pool->pending_count(payer) >= m_pool->pending_transaction_limit()) {
    return util::make_error(ErrorCode::pending_transaction_limit_exceeded,
                            "account has " + std::to_string(m_pool->pending_count(payer)) +
                                " pending transactions, the limit is " +
                                std::to_string(m_pool->pending_transaction_limit()));
  }
  return {};
}

util::Result<kp::transaction_receipt> ChainService::submit_transaction(const kp::transaction& trx, bool broadcast,
                                                                       ChainError* error) {
  auto fail = [&](util::Error e, std::vector<std::string> logs = {}) -> util::Error {
    if (error != nullptr) *error = ChainError{e, std::move(logs)};
    return e;
  };
  if (auto required = check_required(trx); !required.ok()) return fail(required.error());
  std::lock_guard submit_lock(m_submit_mutex);
  util::Result<kp::transaction_receipt> receipt = util::make_error(ErrorCode::failure, "not applied");
  uint64_t height = 0;
  {
    std::lock_guard lock(m_mutex);
    if (broadcast) {
      auto rc = m_controller.account_rc(trx.header().payer());
      if (!rc.ok()) return fail(rc.error());
      if (auto pending = check_pending(trx, rc.value()); !pending.ok()) return fail(pending.error());
    }
    // With broadcast the nonce must follow the account's pending nonce, if it has one (Koinos asks the
    // mempool's get_pending_nonce); a dry run checks against the head state only.
    kernel::PendingNonceLookup lookup;
    if (broadcast && m_pool != nullptr)
      lookup = [this](const std::string& account) { return m_pool->pending_nonce(account); };
    receipt = m_controller.apply_transaction(trx, lookup);
    height = m_controller.database().head().revision();
  }
  if (!receipt.ok()) {
    util::Error error_out = receipt.error();
    // A reversion is reported to the submitter as koinos-chain does: "transaction reverted: <msg>".
    if (util::is_reversion(error_out.code) && error_out.message.rfind("transaction reverted", 0) != 0) {
      error_out.message = "transaction reverted: " + error_out.message;
    }
    return fail(std::move(error_out));
  }
  if (receipt->reverted()) {
    std::vector<std::string> logs(receipt->logs().begin(), receipt->logs().end());
    return fail(util::make_error(ErrorCode::reversion, reversion_message(receipt.value())), std::move(logs));
  }
  if (broadcast) {
    koinos::broadcast::transaction_accepted accepted;
    *accepted.mutable_transaction() = trx;
    *accepted.mutable_receipt() = receipt.value();
    accepted.set_height(height + 1);
    (void)bus::publish_typed(m_bus, bus::topics::k_transaction_accept, accepted);
  }
  return receipt;
}

util::Result<kp::transaction_receipt> ChainService::check_transaction(const kp::transaction& trx,
                                                                      std::optional<uint64_t> pending_nonce) {
  kernel::PendingNonceLookup lookup;
  if (pending_nonce.has_value()) {
    lookup = [&trx, pending_nonce](const std::string& account) -> std::optional<uint64_t> {
      return account == nonce_account(trx) ? pending_nonce : std::nullopt;
    };
  }
  std::lock_guard lock(m_mutex);
  return m_controller.apply_transaction(trx, lookup);
}

util::Result<kernel::ProposedBlock> ChainService::propose_block(std::span<const kp::transaction> transactions,
                                                                uint64_t timestamp_ms,
                                                                const crypto::PrivateKey& signer,
                                                                std::span<const std::string> approved_proposals) {
  std::lock_guard lock(m_mutex);
  return m_controller.propose_block(transactions, timestamp_ms, signer, approved_proposals);
}

util::Result<kc::head_info> ChainService::head_info() {
  std::lock_guard lock(m_mutex);
  return m_controller.head_info();
}

util::Result<kc::resource_limit_data> ChainService::resource_limits() {
  std::lock_guard lock(m_mutex);
  return m_controller.resource_limits();
}

util::Result<uint64_t> ChainService::account_nonce(const std::string& account) {
  util::Result<std::string> bytes = util::make_error(ErrorCode::failure, "");
  {
    std::lock_guard lock(m_mutex);
    bytes = m_controller.account_nonce(account);
  }
  if (!bytes.ok()) return bytes.error();
  return decode_nonce(bytes.value());
}

util::Result<uint64_t> ChainService::replay_from_block_store(std::chrono::milliseconds timeout) {
  namespace bs = koinos::rpc::block_store;
  bs::block_store_request highest_request;
  highest_request.mutable_get_highest_block();
  auto highest = bus::call_typed<bs::block_store_response>(m_bus, "block_store", highest_request, timeout);
  if (!highest.ok()) return highest.error();
  if (highest->has_error())
    return util::make_error(ErrorCode::rpc_failure, "block_store: " + highest->error().message());
  const auto& top = highest->get_highest_block().topology();
  uint64_t applied = 0;
  while (true) {
    auto head = head_info();
    if (!head.ok()) return head.error();
    const uint64_t next = head->head_topology().height() + 1;
    if (top.id().empty() || top.height() < next) return applied;
    bs::block_store_request request;
    auto* by_height = request.mutable_get_blocks_by_height();
    by_height->set_head_block_id(top.id());
    by_height->set_ancestor_start_height(next);
    by_height->set_num_blocks(static_cast<uint32_t>(std::min<uint64_t>(top.height() - next + 1, 1000)));
    by_height->set_return_block(true);
    auto answer = bus::call_typed<bs::block_store_response>(m_bus, "block_store", request, timeout);
    if (!answer.ok()) return answer.error();
    if (answer->has_error())
      return util::make_error(ErrorCode::rpc_failure, "block_store: " + answer->error().message());
    if (answer->get_blocks_by_height().block_items_size() == 0) return applied;
    for (const auto& item : answer->get_blocks_by_height().block_items()) {
      std::lock_guard lock(m_mutex);
      const uint64_t now = std::max(m_clock.now_ms(), item.block().header().timestamp());
      auto receipt = m_controller.apply_block(item.block(), now);
      if (!receipt.ok()) {
        return util::make_error(receipt.error().code, "replaying block " + std::to_string(item.block_height()) +
                                                          " from the block store: " + receipt.error().message);
      }
      ++applied;
    }
  }
}

}  // namespace modchain::chain
