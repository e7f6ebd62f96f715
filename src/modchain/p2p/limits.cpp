#include "modchain/p2p/limits.hpp"

#include <algorithm>

namespace modchain::p2p {

bool SeenCache::insert(const std::string& id) {
  if (!m_ids.insert(id).second) return false;
  m_order.push_back(id);
  while (m_order.size() > m_capacity) {
    m_ids.erase(m_order.front());
    m_order.pop_front();
  }
  return true;
}

bool TokenBucket::take(Clock::time_point now, double cost) {
  if (now > m_updated) {
    m_tokens = std::min(m_burst, m_tokens + m_rate * std::chrono::duration<double>(now - m_updated).count());
    m_updated = now;
  }
  if (m_tokens < cost) return false;
  m_tokens -= cost;
  return true;
}

}  // namespace modchain::p2p
