#include "modchain/mempool/service.hpp"

#include <exception>

#include "koinos/broadcast/broadcast.pb.h"
#include "koinos/rpc/mempool/mempool_rpc.pb.h"
#include "modchain/bus/typed_call.hpp"

namespace modchain::mempool {

namespace rm = koinos::rpc::mempool;

namespace {

std::string error_response(const std::string& message) {
  rm::mempool_response response;
  response.mutable_error()->set_message(message);
  return response.SerializeAsString();
}

std::string answer(const Mempool& pool, const rm::mempool_request& request) {
  rm::mempool_response response;
  switch (request.request_case()) {
    case rm::mempool_request::kReserved:
      response.mutable_reserved();
      break;
    case rm::mempool_request::kCheckPendingAccountResources: {
      const auto& r = request.check_pending_account_resources();
      response.mutable_check_pending_account_resources()->set_success(
          pool.check_pending_account_resources(r.payer(), r.max_payer_rc(), r.rc_limit()));
      break;
    }
    case rm::mempool_request::kGetPendingTransactions: {
      const uint64_t limit = request.get_pending_transactions().limit();
      if (limit > k_max_pending_request) return error_response("requested too many pending transactions (max 2000)");
      auto* out = response.mutable_get_pending_transactions();
      for (const auto& entry : pool.pending(static_cast<size_t>(limit))) {
        auto* item = out->add_pending_transactions();
        *item->mutable_transaction() = entry.transaction;
        item->set_disk_storage_used(entry.receipt.disk_storage_used());
        item->set_network_bandwidth_used(entry.receipt.network_bandwidth_used());
        item->set_compute_bandwidth_used(entry.receipt.compute_bandwidth_used());
      }
      break;
    }
    case rm::mempool_request::kCheckAccountNonce: {
      const auto& r = request.check_account_nonce();
      auto nonce = chain::decode_nonce(r.nonce());
      auto pending = pool.pending_nonce(r.payee());
      response.mutable_check_account_nonce()->set_success(nonce.ok() &&
                                                          (!pending.has_value() || *nonce == *pending + 1));
      break;
    }
    case rm::mempool_request::kGetReservedAccountRc:
      response.mutable_get_reserved_account_rc()->set_rc(pool.reserved_rc(request.get_reserved_account_rc().account()));
      break;
    default:
      return error_response("mempool: empty or unknown request");
  }
  return response.SerializeAsString();
}

}  // namespace

std::string handle_mempool(const Mempool& pool, std::string_view request) {
  try {
    rm::mempool_request parsed;
    if (!parsed.ParseFromArray(request.data(), static_cast<int>(request.size()))) {
      return error_response("mempool: unparsable mempool_request");
    }
    return answer(pool, parsed);
  } catch (const std::exception& e) {
    return error_response(std::string("mempool: ") + e.what());
  }
}

MempoolService::MempoolService(bus::Bus& bus, Mempool& pool, Checker check, NonceReader chain_nonce)
    : m_bus(bus), m_pool(pool), m_check(std::move(check)), m_chain_nonce(std::move(chain_nonce)) {}

util::Result<std::unique_ptr<MempoolService>> MempoolService::attach(bus::Bus& bus, Mempool& pool, Checker check,
                                                                     NonceReader chain_nonce) {
  std::unique_ptr<MempoolService> service(new MempoolService(bus, pool, std::move(check), std::move(chain_nonce)));
  MODCHAIN_TRY_STATUS(
      bus.serve(k_mempool_service, [&pool](std::string_view request) { return handle_mempool(pool, request); }));
  service->m_serving = true;
  MODCHAIN_TRY_STATUS(service->subscribe());
  return service;
}

util::Status MempoolService::subscribe() {
  auto add = [this](std::string_view pattern, bus::TopicHandler handler) -> util::Status {
    auto id = m_bus.subscribe(pattern, std::move(handler));
    if (!id.ok()) return id.error();
    m_subscriptions.push_back(id.value());
    return {};
  };
  MODCHAIN_TRY_STATUS(add(bus::topics::k_transaction_accept,
                          [this](std::string_view, std::string_view payload) { on_transaction_accept(payload); }));
  MODCHAIN_TRY_STATUS(add(bus::topics::k_block_accept,
                          [this](std::string_view, std::string_view payload) { on_block_accept(payload); }));
  return add(bus::topics::k_transaction_fail, [this](std::string_view, std::string_view payload) {
    koinos::broadcast::transaction_failed failed;
    if (failed.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) m_pool.remove(failed.id());
  });
}

MempoolService::~MempoolService() {
  for (auto id : m_subscriptions) m_bus.unsubscribe(id);
  if (m_serving) m_bus.stop_serving(k_mempool_service);
}

void MempoolService::on_transaction_accept(std::string_view payload) {
  koinos::broadcast::transaction_accepted accepted;
  if (!accepted.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) return;
  if (!m_pool.add(accepted.transaction(), accepted.receipt()).ok()) return;
  publish_accepted(accepted.transaction(), accepted.receipt(), accepted.height());
}

void MempoolService::publish_accepted(const koinos::protocol::transaction& trx,
                                      const koinos::protocol::transaction_receipt& receipt, uint64_t height,
                                      const char* topic) {
  koinos::broadcast::mempool_accepted out;
  *out.mutable_transaction() = trx;
  *out.mutable_receipt() = receipt;
  out.set_height(height);
  out.set_pending_rc_used(m_pool.reserved_rc(trx.header().payer()));
  (void)bus::publish_typed(m_bus, topic, out);
}

void MempoolService::on_block_accept(std::string_view payload) {
  koinos::broadcast::block_accepted accepted;
  if (!accepted.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) return;
  // A block off the head chain leaves the pool alone: its transactions are still pending on the head's
  // chain. If a fork switch makes it head later, on_block's nonce check removes what it included.
  m_pool.remember_block(accepted.block());
  if (accepted.head()) {
    std::vector<PendingEntry> readded;
    m_pool.on_block(accepted.block(), m_check, m_chain_nonce, &readded);
    // Transactions a fork switch brought back are announced again (p2p gossips koinos.mempool.accept).
    for (const auto& entry : readded) {
      publish_accepted(entry.transaction, entry.receipt, accepted.block().header().height(), bus::topics::k_mempool_readded);
    }
  }
  (void)m_bus.publish(bus::topics::k_mempool_block_accepted, payload);
}

}  // namespace modchain::mempool
