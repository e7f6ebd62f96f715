#pragma once
/// The service bus: request/response RPC between services and broadcast topics, with the Koinos AMQP
/// names (koinos-rpc.md §3) and binary protobuf payloads.
///
/// * RPC: a service registers under its name (`chain`, `block_store`, …); callers address it by the
///   routing key `koinos.rpc.<service>` (rpc_routing_key()). The request is a serialized
///   `koinos.rpc.<service>.<service>_request`, the answer a serialized `<service>_response`. A service
///   reports its own errors inside the response (`error` = `koinos.rpc.error_status`); a Bus error means
///   the transport failed (no such service, timeout, handler crashed) and carries ErrorCode::rpc_failure.
/// * Broadcast: publish(topic, payload) delivers a copy to every subscriber whose pattern matches the
///   topic (AMQP topic rules: words separated by `.`, `*` = exactly one word, `#` = zero or more words).
///
/// Payloads are bytes (std::string, as protobuf uses) rather than messages so that an AMQP
/// implementation can carry them unchanged; typed helpers are in typed_call.hpp.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "modchain/util/error.hpp"

namespace modchain::bus {

/// The routing key (and AMQP queue) of a service: `koinos.rpc.<service>`.
std::string rpc_routing_key(std::string_view service);

/// Koinos broadcast topics (koinos-rpc.md §3.2).
namespace topics {
inline constexpr const char* k_block_accept = "koinos.block.accept";
inline constexpr const char* k_block_irreversible = "koinos.block.irreversible";
inline constexpr const char* k_block_forks = "koinos.block.forks";
inline constexpr const char* k_transaction_accept = "koinos.transaction.accept";
inline constexpr const char* k_transaction_fail = "koinos.transaction.fail";
inline constexpr const char* k_mempool_accept = "koinos.mempool.accept";
inline constexpr const char* k_mempool_block_accepted = "koinos.mempool.block_accepted";
inline constexpr const char* k_gossip_status = "koinos.gossip.status";
/// modchain-only (in-process): koinos.broadcast.mempool_accepted of a transaction a fork switch brought
/// back into the mempool; p2p gossips it again even though it has seen it before.
inline constexpr const char* k_mempool_readded = "modchain.mempool.readded";
}  // namespace topics

/// True if `topic` matches the AMQP topic `pattern` (`*` one word, `#` zero or more words).
bool topic_matches(std::string_view pattern, std::string_view topic);

/// Answers one serialized request with one serialized response. Must be thread-safe: callers may be
/// on any thread, concurrently.
using RpcHandler = std::function<std::string(std::string_view request)>;

/// Receives one broadcast (the topic it was published on and the serialized payload).
using TopicHandler = std::function<void(std::string_view topic, std::string_view payload)>;

/// Identifies a subscription for unsubscribe().
using SubscriptionId = uint64_t;

/// The bus interface; implementations: InProcessBus (in_process_bus.hpp), later AMQP.
class Bus {
 public:
  virtual ~Bus() = default;

  /// Registers the handler of `service` (a plain name like `block_store`). One handler per service
  /// in-process; an AMQP bus would add a competing consumer. Fails if the name is taken or empty.
  virtual util::Status serve(std::string_view service, RpcHandler handler) = 0;

  /// Removes the handler of `service`; later calls fail as if it never existed.
  virtual void stop_serving(std::string_view service) = 0;

  /// Sends `request` to `service` and returns its response bytes, or an rpc_failure error whose message
  /// is the transport reason (`context deadline exceeded`, `no service koinos.rpc.x`, …).
  virtual util::Result<std::string> call(std::string_view service, std::string_view request,
                                         std::chrono::milliseconds timeout) = 0;

  /// Delivers `payload` to every subscription matching `topic`.
  virtual util::Status publish(std::string_view topic, std::string_view payload) = 0;

  /// Subscribes `handler` to the topics matching `pattern`.
  virtual util::Result<SubscriptionId> subscribe(std::string_view pattern, TopicHandler handler) = 0;

  /// Cancels a subscription; unknown ids are ignored.
  virtual void unsubscribe(SubscriptionId id) = 0;
};

}  // namespace modchain::bus
