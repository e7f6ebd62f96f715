#pragma once
/// Serves a Store on the bus as the Koinos services `block_store`, `transaction_store` and
/// `contract_meta_store` (koinos-rpc.md §1.6), and feeds it from the `koinos.block.accept` broadcast.
///
/// Service errors are answered as `error_status{message}` only (no data), like the Koinos stores.

#include <memory>

#include "modchain/block_store/store.hpp"
#include "modchain/bus/bus.hpp"

namespace modchain::block_store {

/// Names under which the store is served.
inline constexpr const char* k_block_store_service = "block_store";
inline constexpr const char* k_transaction_store_service = "transaction_store";
inline constexpr const char* k_contract_meta_store_service = "contract_meta_store";

/// Handles one serialized `block_store_request` (and the other two services) against a Store. Pure
/// functions of bytes so they can be reused by any bus and tested without one.
std::string handle_block_store(Store& store, std::string_view request);
/// Handles one serialized `transaction_store_request`.
std::string handle_transaction_store(Store& store, std::string_view request);
/// Handles one serialized `contract_meta_store_request`.
std::string handle_contract_meta_store(Store& store, std::string_view request);

/// The services of one Store attached to one bus; detaches in its destructor. The Store must outlive it.
class StoreService {
 public:
  /// Registers the three services and the block.accept subscription; fails if a name is taken.
  static util::Result<std::unique_ptr<StoreService>> attach(bus::Bus& bus, Store& store);
  ~StoreService();
  StoreService(const StoreService&) = delete;
  StoreService& operator=(const StoreService&) = delete;

 private:
  StoreService(bus::Bus& bus, bus::SubscriptionId subscription) : m_bus(bus), m_subscription(subscription) {}
  bus::Bus& m_bus;
  bus::SubscriptionId m_subscription;
};

}  // namespace modchain::block_store
