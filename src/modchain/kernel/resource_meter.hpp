#pragma once
/// The resource meter (koinos-protocol.md §10.1): disk, network and compute counters with block limits,
/// a payer RC scope per transaction, and "system" usage outside any scope.

#include <cstdint>
#include <optional>

#include "modchain/util/error.hpp"

namespace modchain::kernel {

/// Block limits and per-unit RC costs (koinos.chain.resource_limit_data).
struct ResourceLimits {
  uint64_t disk_storage_limit = 0;
  uint64_t disk_storage_cost = 0;
  uint64_t network_bandwidth_limit = 0;
  uint64_t network_bandwidth_cost = 0;
  uint64_t compute_bandwidth_limit = 0;
  uint64_t compute_bandwidth_cost = 0;
};

/// Totals of the three resources.
struct ResourceUsage {
  int64_t disk_storage = 0;
  int64_t network_bandwidth = 0;
  int64_t compute_bandwidth = 0;
};

/// What closing a payer RC scope reports.
struct RcScopeSummary {
  uint64_t rc_limit = 0;  ///< the scope's starting rc
  uint64_t rc_used = 0;   ///< max(0, begin − end): refunds never exceed the limit
};

/// Meters one execution context. Not thread-safe (one context = one thread).
class ResourceMeter {
 public:
  /// Resets every counter and sets the limits (apply_block step 2).
  void set_limits(const ResourceLimits& limits);
  /// The limits in force.
  const ResourceLimits& limits() const noexcept { return m_limits; }
  /// Uses disk bytes (negative = refund). Over the block remainder → disk_storage_limit_exceeded (failure);
  /// in an RC scope the rc cost may raise insufficient_rc (reversion).
  util::Status use_disk_storage(int64_t bytes);
  /// Uses network bytes (≥ 0); network_bandwidth_limit_exceeded / insufficient_rc.
  util::Status use_network_bandwidth(int64_t bytes);
  /// Uses compute ticks (≥ 0); compute_bandwidth_limit_exceeded / insufficient_rc. A failed charge still
  /// uses up everything available (the block remainder, bounded by the scope's rc).
  util::Status use_compute_bandwidth(int64_t ticks);
  /// Compute ticks still available: the block remainder, bounded by the scope's rc when one is open.
  uint64_t compute_bandwidth_remaining() const;
  /// Opens the payer RC scope with `rc_limit` (one per transaction).
  void begin_rc_scope(uint64_t rc_limit);
  /// Closes the scope and reports rc_used.
  RcScopeSummary end_rc_scope();
  /// True while a payer RC scope is open.
  bool in_rc_scope() const noexcept { return m_scope.has_value(); }
  /// Block totals so far (scoped + system).
  const ResourceUsage& used() const noexcept { return m_used; }
  /// Usage outside any RC scope (disk clamped at 0 per charge).
  const ResourceUsage& system_used() const noexcept { return m_system; }
  /// RC the system usage costs: Σ system_X × X_cost (charged to the block signer).
  uint64_t system_rc_cost() const;

 private:
  struct Scope {
    uint64_t begin = 0;
    int64_t rc = 0;
  };
  util::Status use(int64_t amount, uint64_t limit, int64_t& used, int64_t& system_used, uint64_t cost,
                   util::ErrorCode limit_code, const char* what);

  ResourceLimits m_limits;
  ResourceUsage m_used;
  ResourceUsage m_system;
  std::optional<Scope> m_scope;
};

}  // namespace modchain::kernel
