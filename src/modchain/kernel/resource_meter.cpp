#include "modchain/kernel/resource_meter.hpp"

#include <algorithm>
#include <limits>
#include <string>

namespace modchain::kernel {

using util::ErrorCode;

void ResourceMeter::set_limits(const ResourceLimits& limits) {
  m_limits = limits;
  m_used = {};
  m_system = {};
  m_scope.reset();
}

util::Status ResourceMeter::use(int64_t amount, uint64_t limit, int64_t& used, int64_t& system_used,
                                uint64_t cost, ErrorCode limit_code, const char* what) {
  const int64_t remaining = static_cast<int64_t>(std::min<uint64_t>(limit, std::numeric_limits<int64_t>::max())) - used;
  if (amount > remaining) {
    return util::make_error(limit_code, std::string(what) + " limit exceeded: " + std::to_string(amount) +
                                            " requested, " + std::to_string(remaining) + " remaining");
  }
  if (m_scope) {
    const __int128 rc_cost = static_cast<__int128>(amount) * static_cast<__int128>(cost);
    if (rc_cost > std::numeric_limits<int64_t>::max() || rc_cost < std::numeric_limits<int64_t>::min()) {
      return util::make_error(ErrorCode::reversion, "rc overflow");
    }
    if (static_cast<__int128>(m_scope->rc) - rc_cost < 0) {
      return util::make_error(ErrorCode::insufficient_rc, std::string("insufficient rc for ") + what + ": " +
                                                              std::to_string(static_cast<int64_t>(rc_cost)) +
                                                              " needed, " + std::to_string(m_scope->rc) + " left");
    }
    m_scope->rc -= static_cast<int64_t>(rc_cost);
  } else {
    system_used += std::max<int64_t>(amount, 0);
  }
  used += amount;
  return {};
}

util::Status ResourceMeter::use_disk_storage(int64_t bytes) {
  return use(bytes, m_limits.disk_storage_limit, m_used.disk_storage, m_system.disk_storage,
             m_limits.disk_storage_cost, ErrorCode::disk_storage_limit_exceeded, "disk storage");
}

util::Status ResourceMeter::use_network_bandwidth(int64_t bytes) {
  if (bytes < 0) return util::make_error(ErrorCode::reversion, "negative network bandwidth");
  return use(bytes, m_limits.network_bandwidth_limit, m_used.network_bandwidth, m_system.network_bandwidth,
             m_limits.network_bandwidth_cost, ErrorCode::network_bandwidth_limit_exceeded, "network bandwidth");
}

util::Status ResourceMeter::use_compute_bandwidth(int64_t ticks) {
  if (ticks < 0) return util::make_error(ErrorCode::reversion, "negative compute bandwidth");
  auto status = use(ticks, m_limits.compute_bandwidth_limit, m_used.compute_bandwidth, m_system.compute_bandwidth,
                    m_limits.compute_bandwidth_cost, ErrorCode::compute_bandwidth_limit_exceeded, "compute bandwidth");
  if (!status.ok()) {
    // The work was done: charge everything still available before failing. Otherwise a contract that
    // runs out of ticks costs nothing, and a caller that gets the failure back as a value could repeat
    // a whole block's worth of uncharged computation (found in review).
    const auto rest = static_cast<int64_t>(std::min<uint64_t>(compute_bandwidth_remaining(), std::numeric_limits<int64_t>::max()));
    (void)use(rest, m_limits.compute_bandwidth_limit, m_used.compute_bandwidth, m_system.compute_bandwidth,
              m_limits.compute_bandwidth_cost, ErrorCode::compute_bandwidth_limit_exceeded, "compute bandwidth");
  }
  return status;
}

uint64_t ResourceMeter::compute_bandwidth_remaining() const {
  const int64_t block_left = static_cast<int64_t>(m_limits.compute_bandwidth_limit) - m_used.compute_bandwidth;
  uint64_t remaining = static_cast<uint64_t>(std::max<int64_t>(block_left, 0));
  if (m_scope && m_limits.compute_bandwidth_cost > 0) {
    remaining = std::min<uint64_t>(remaining, static_cast<uint64_t>(m_scope->rc) / m_limits.compute_bandwidth_cost);
  }
  return remaining;
}

void ResourceMeter::begin_rc_scope(uint64_t rc_limit) {
  const uint64_t capped = std::min<uint64_t>(rc_limit, std::numeric_limits<int64_t>::max());
  m_scope = Scope{capped, static_cast<int64_t>(capped)};
}

RcScopeSummary ResourceMeter::end_rc_scope() {
  RcScopeSummary summary;
  if (!m_scope) return summary;
  summary.rc_limit = m_scope->begin;
  const int64_t end = m_scope->rc;
  summary.rc_used = end >= static_cast<int64_t>(m_scope->begin) ? 0 : m_scope->begin - static_cast<uint64_t>(end);
  m_scope.reset();
  return summary;
}

uint64_t ResourceMeter::system_rc_cost() const {
  return static_cast<uint64_t>(m_system.disk_storage) * m_limits.disk_storage_cost +
         static_cast<uint64_t>(m_system.network_bandwidth) * m_limits.network_bandwidth_cost +
         static_cast<uint64_t>(m_system.compute_bandwidth) * m_limits.compute_bandwidth_cost;
}

}  // namespace modchain::kernel
