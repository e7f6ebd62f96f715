#include "modchain/bus/in_process_bus.hpp"

#include <algorithm>
#include <exception>

namespace modchain::bus {
namespace {

util::Error rpc_error(std::string message) {
  return util::make_error(util::ErrorCode::rpc_failure, std::move(message));
}

std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  size_t start = 0;
  while (true) {
    size_t dot = text.find('.', start);
    words.push_back(text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) return words;
    start = dot + 1;
  }
}

// Backtracking match of pattern words against topic words; `#` may swallow zero or more words.
bool match_words(const std::vector<std::string_view>& pattern, size_t p, const std::vector<std::string_view>& topic,
                 size_t t) {
  if (p == pattern.size()) return t == topic.size();
  if (pattern[p] == "#") {
    for (size_t skip = t; skip <= topic.size(); ++skip) {
      if (match_words(pattern, p + 1, topic, skip)) return true;
    }
    return false;
  }
  if (t == topic.size()) return false;
  if (pattern[p] != "*" && pattern[p] != topic[t]) return false;
  return match_words(pattern, p + 1, topic, t + 1);
}

}  // namespace

std::string rpc_routing_key(std::string_view service) { return "koinos.rpc." + std::string(service); }

bool topic_matches(std::string_view pattern, std::string_view topic) {
  return match_words(split_words(pattern), 0, split_words(topic), 0);
}

util::Status InProcessBus::serve(std::string_view service, RpcHandler handler) {
  if (service.empty()) return util::make_error(util::ErrorCode::invalid_argument, "serve: empty service name");
  if (!handler) return util::make_error(util::ErrorCode::invalid_argument, "serve: empty handler for " + std::string(service));
  std::lock_guard lock(m_mutex);
  auto [it, inserted] = m_services.try_emplace(std::string(service), nullptr);
  if (!inserted) {
    return util::make_error(util::ErrorCode::invalid_argument,
                            "serve: " + rpc_routing_key(service) + " already has a handler");
  }
  it->second = std::make_shared<RpcHandler>(std::move(handler));
  return {};
}

void InProcessBus::stop_serving(std::string_view service) {
  std::lock_guard lock(m_mutex);
  if (auto it = m_services.find(service); it != m_services.end()) m_services.erase(it);
}

util::Result<std::string> InProcessBus::call(std::string_view service, std::string_view request,
                                             std::chrono::milliseconds timeout) {
  std::shared_ptr<RpcHandler> handler;
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_services.find(service); it != m_services.end()) handler = it->second;
  }
  if (!handler) return rpc_error("no service serves " + rpc_routing_key(service));
  const auto start = std::chrono::steady_clock::now();
  std::string response;
  try {
    response = (*handler)(request);
  } catch (const std::exception& e) {
    return rpc_error(rpc_routing_key(service) + " handler failed: " + e.what());
  } catch (...) {
    return rpc_error(rpc_routing_key(service) + " handler failed");
  }
  if (timeout.count() > 0 && std::chrono::steady_clock::now() - start > timeout) {
    return rpc_error("context deadline exceeded");
  }
  return response;
}

util::Status InProcessBus::publish(std::string_view topic, std::string_view payload) {
  std::vector<std::shared_ptr<TopicHandler>> targets;
  {
    std::lock_guard lock(m_mutex);
    for (const auto& sub : m_subscriptions) {
      if (topic_matches(sub.pattern, topic)) targets.push_back(sub.handler);
    }
  }
  util::Status first;
  for (const auto& handler : targets) {
    try {
      (*handler)(topic, payload);
    } catch (const std::exception& e) {
      if (first.ok()) first = rpc_error("subscriber of " + std::string(topic) + " failed: " + e.what());
    } catch (...) {
      if (first.ok()) first = rpc_error("subscriber of " + std::string(topic) + " failed");
    }
  }
  return first;
}

util::Result<SubscriptionId> InProcessBus::subscribe(std::string_view pattern, TopicHandler handler) {
  if (pattern.empty() || !handler) {
    return util::make_error(util::ErrorCode::invalid_argument, "subscribe: empty pattern or handler");
  }
  std::lock_guard lock(m_mutex);
  SubscriptionId id = m_next_id++;
  m_subscriptions.push_back({id, std::string(pattern), std::make_shared<TopicHandler>(std::move(handler))});
  return id;
}

void InProcessBus::unsubscribe(SubscriptionId id) {
  std::lock_guard lock(m_mutex);
  std::erase_if(m_subscriptions, [id](const Subscription& s) { return s.id == id; });
}

}  // namespace modchain::bus
