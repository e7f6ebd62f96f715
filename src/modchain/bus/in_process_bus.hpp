#pragma once
/// In-process Bus: every service in one process (the default modchaind setup).
///
/// Threading: call() runs the service handler synchronously on the caller's thread, so handlers must be
/// thread-safe (several JSON-RPC workers call at once). publish() runs the matching topic handlers
/// synchronously, in subscription order, on the publisher's thread. No lock is held while a handler
/// runs, so handlers may call, publish, serve or subscribe themselves. A handler that throws is caught
/// here: for call() it becomes an rpc_failure error; for publish() the remaining subscribers still run
/// and publish() reports the first failure. The timeout of call() cannot preempt a synchronous handler;
/// it is applied afterwards (a handler that took longer than the timeout gives `context deadline
/// exceeded`, as a caller of the AMQP bus would see).

#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "modchain/bus/bus.hpp"

namespace modchain::bus {

/// The in-process implementation of Bus (see the file comment for threading).
class InProcessBus final : public Bus {
 public:
  /// Registers `handler` for `service`.
  util::Status serve(std::string_view service, RpcHandler handler) override;
  /// Removes the handler of `service`.
  void stop_serving(std::string_view service) override;
  /// Calls the handler of `service` on this thread.
  util::Result<std::string> call(std::string_view service, std::string_view request,
                                 std::chrono::milliseconds timeout) override;
  /// Runs every matching topic handler on this thread.
  util::Status publish(std::string_view topic, std::string_view payload) override;
  /// Adds a subscription.
  util::Result<SubscriptionId> subscribe(std::string_view pattern, TopicHandler handler) override;
  /// Removes a subscription.
  void unsubscribe(SubscriptionId id) override;

 private:
  struct Subscription {
    SubscriptionId id = 0;
    std::string pattern;
    std::shared_ptr<TopicHandler> handler;
  };

  std::mutex m_mutex;
  std::map<std::string, std::shared_ptr<RpcHandler>, std::less<>> m_services;
  std::vector<Subscription> m_subscriptions;
  SubscriptionId m_next_id = 1;
};

}  // namespace modchain::bus
