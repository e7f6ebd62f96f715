#include "modchain/block_store/service.hpp"

#include "koinos/broadcast/broadcast.pb.h"
#include "koinos/rpc/block_store/block_store_rpc.pb.h"
#include "koinos/rpc/contract_meta_store/contract_meta_store_rpc.pb.h"
#include "koinos/rpc/transaction_store/transaction_store_rpc.pb.h"

namespace modchain::block_store {
namespace {

namespace bs = koinos::rpc::block_store;
namespace ts = koinos::rpc::transaction_store;
namespace cms = koinos::rpc::contract_meta_store;

template <class Response>
std::string error_answer(const std::string& message) {
  Response response;
  response.mutable_error()->set_message(message);
  return response.SerializeAsString();
}

template <class Request>
bool parse(std::string_view bytes, Request& request) {
  return request.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
}

}  // namespace

std::string handle_block_store(Store& store, std::string_view bytes) {
  bs::block_store_request request;
  if (!parse(bytes, request)) return error_answer<bs::block_store_response>("could not parse block_store_request");
  bs::block_store_response response;
  util::Status status;
  switch (request.request_case()) {
    case bs::block_store_request::kReserved:
      response.mutable_reserved();
      break;
    case bs::block_store_request::kGetBlocksById:
      status = store.get_blocks_by_id(request.get_blocks_by_id(), *response.mutable_get_blocks_by_id());
      break;
    case bs::block_store_request::kGetBlocksByHeight:
      status = store.get_blocks_by_height(request.get_blocks_by_height(), *response.mutable_get_blocks_by_height());
      break;
    case bs::block_store_request::kAddBlock:
      status = store.add_block(request.add_block().block_to_add(), request.add_block().receipt_to_add());
      response.mutable_add_block();
      break;
    case bs::block_store_request::kGetHighestBlock:
      status = store.get_highest_block(*response.mutable_get_highest_block());
      break;
    default:
      return error_answer<bs::block_store_response>("unknown block_store request");
  }
  if (!status.ok()) return error_answer<bs::block_store_response>(status.error().message);
  return response.SerializeAsString();
}

std::string handle_transaction_store(Store& store, std::string_view bytes) {
  ts::transaction_store_request request;
  if (!parse(bytes, request)) {
    return error_answer<ts::transaction_store_response>("could not parse transaction_store_request");
  }
  ts::transaction_store_response response;
  if (request.has_reserved()) {
    response.mutable_reserved();
    return response.SerializeAsString();
  }
  if (!request.has_get_transactions_by_id()) {
    return error_answer<ts::transaction_store_response>("unknown transaction_store request");
  }
  auto status = store.get_transactions_by_id(request.get_transactions_by_id(), *response.mutable_get_transactions_by_id());
  if (!status.ok()) return error_answer<ts::transaction_store_response>(status.error().message);
  return response.SerializeAsString();
}

std::string handle_contract_meta_store(Store& store, std::string_view bytes) {
  cms::contract_meta_store_request request;
  if (!parse(bytes, request)) {
    return error_answer<cms::contract_meta_store_response>("could not parse contract_meta_store_request");
  }
  cms::contract_meta_store_response response;
  if (request.has_reserved()) {
    response.mutable_reserved();
    return response.SerializeAsString();
  }
  if (!request.has_get_contract_meta()) {
    return error_answer<cms::contract_meta_store_response>("unknown contract_meta_store request");
  }
  auto status = store.get_contract_meta(request.get_contract_meta(), *response.mutable_get_contract_meta());
  if (!status.ok()) return error_answer<cms::contract_meta_store_response>(status.error().message);
  return response.SerializeAsString();
}

util::Result<std::unique_ptr<StoreService>> StoreService::attach(bus::Bus& bus, Store& store) {
  const std::pair<const char*, std::string (*)(Store&, std::string_view)> services[] = {
      {k_block_store_service, &handle_block_store},
      {k_transaction_store_service, &handle_transaction_store},
      {k_contract_meta_store_service, &handle_contract_meta_store}};
  for (size_t i = 0; i < std::size(services); ++i) {
    auto handler = services[i].second;
    auto status = bus.serve(services[i].first, [&store, handler](std::string_view req) { return handler(store, req); });
    if (!status.ok()) {
      for (size_t j = 0; j < i; ++j) bus.stop_serving(services[j].first);
      return status.error();
    }
  }
  // Blocks also arrive by broadcast (a chain in another process); add_block is idempotent. A block whose
  // parent is unknown is dropped here: the chain's synchronous add_block call is the authoritative path.
  auto subscription = bus.subscribe(bus::topics::k_block_accept, [&store](std::string_view, std::string_view payload) {
    koinos::broadcast::block_accepted accepted;
    if (!accepted.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) return;
    (void)store.add_block(accepted.block(), accepted.receipt());
  });
  if (!subscription.ok()) {
    for (const auto& service : services) bus.stop_serving(service.first);
    return subscription.error();
  }
  return std::unique_ptr<StoreService>(new StoreService(bus, *subscription));
}

StoreService::~StoreService() {
  m_bus.unsubscribe(m_subscription);
  m_bus.stop_serving(k_block_store_service);
  m_bus.stop_serving(k_transaction_store_service);
  m_bus.stop_serving(k_contract_meta_store_service);
}

}  // namespace modchain::block_store
