#pragma once
/// Small building blocks of the p2p service: a seen-cache for gossip de-duplication and a token bucket
/// for per-peer message rates. Not thread-safe (used on the I/O thread only).

#include <chrono>
#include <cstddef>
#include <deque>
#include <string>
#include <unordered_set>

namespace modchain::p2p {

/// Remembers the last `capacity` ids (oldest forgotten first).
class SeenCache {
 public:
  /// A cache holding at most `capacity` ids (at least 1).
  explicit SeenCache(size_t capacity) : m_capacity(capacity == 0 ? 1 : capacity) {}

  /// Records `id`; returns true if it was not seen before (the caller should process it).
  bool insert(const std::string& id);

  /// True if `id` is remembered.
  bool contains(const std::string& id) const { return m_ids.count(id) != 0; }

  /// Number of ids remembered.
  size_t size() const noexcept { return m_ids.size(); }

 private:
  size_t m_capacity;
  std::unordered_set<std::string> m_ids;
  std::deque<std::string> m_order;
};

/// Token bucket: `rate` tokens per second, at most `burst` stored.
class TokenBucket {
 public:
  using Clock = std::chrono::steady_clock;

  /// A full bucket.
  TokenBucket(double rate, double burst, Clock::time_point now) : m_rate(rate), m_burst(burst), m_tokens(burst), m_updated(now) {}

  /// Takes `cost` tokens if available; false (and nothing taken) otherwise.
  bool take(Clock::time_point now, double cost = 1);

 private:
  double m_rate;
  double m_burst;
  double m_tokens;
  Clock::time_point m_updated;
};

}  // namespace modchain::p2p
