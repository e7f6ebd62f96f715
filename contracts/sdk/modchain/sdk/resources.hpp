// Block resource limits and consumption (203, 204), and the resource_limit_data codec the resources
// contract needs to answer get_resource_limits. (Account mana: get_account_rc / consume_account_rc in
// system_calls.hpp.)
#pragma once

#include "modchain/sdk/system_calls.hpp"

namespace modchain::sdk {

/// koinos.chain.resource_limit_data: per-block limits and the current price of each resource.
struct ResourceLimits {
  uint64_t disk_storage_limit = 0;        ///< field 1
  uint64_t disk_storage_cost = 0;         ///< field 2 (rc per byte)
  uint64_t network_bandwidth_limit = 0;   ///< field 3
  uint64_t network_bandwidth_cost = 0;    ///< field 4
  uint64_t compute_bandwidth_limit = 0;   ///< field 5
  uint64_t compute_bandwidth_cost = 0;    ///< field 6

  /// Field-by-field equality.
  constexpr bool operator==(const ResourceLimits&) const = default;
};

/// Decodes a serialized resource_limit_data.
constexpr ResourceLimits decode_resource_limits(Bytes message) {
  ResourceLimits l;
  pb::Reader r(message);
  while (r.next()) {
    switch (r.field()) {
      case 1: l.disk_storage_limit = r.read_uint64(); break;
      case 2: l.disk_storage_cost = r.read_uint64(); break;
      case 3: l.network_bandwidth_limit = r.read_uint64(); break;
      case 4: l.network_bandwidth_cost = r.read_uint64(); break;
      case 5: l.compute_bandwidth_limit = r.read_uint64(); break;
      case 6: l.compute_bandwidth_cost = r.read_uint64(); break;
      default: r.skip();
    }
  }
  return l;
}

/// Writes `limits` as resource_limit_data sub-message `field` (always present, as libprotobuf writes a
/// set message field; zero members are omitted).
constexpr void encode_resource_limits(pb::Writer& w, uint32_t field, const ResourceLimits& limits) {
  auto m = w.begin_message(field);
  w.uint64_field(1, limits.disk_storage_limit);
  w.uint64_field(2, limits.disk_storage_cost);
  w.uint64_field(3, limits.network_bandwidth_limit);
  w.uint64_field(4, limits.network_bandwidth_cost);
  w.uint64_field(5, limits.compute_bandwidth_limit);
  w.uint64_field(6, limits.compute_bandwidth_cost);
  w.end_message(m);
}

/// The current block resource limits and prices (203; served by the resources contract once 203 is
/// overridden, else the chain's metadata).
inline Result<ResourceLimits> get_resource_limits() {
  HostResult r = detail::invoke_empty(syscall::k_get_resource_limits);
  return detail::to_result<ResourceLimits>(r, [](Bytes out) { return decode_resource_limits(detail::value_bytes(out)); });
}

/// Reports a block's consumed resources (204; kernel mode, at the end of apply_block). The value is
/// false when the override refuses (e.g. a non-kernel caller).
inline Result<bool> consume_block_resources(uint64_t disk_storage, uint64_t network_bandwidth,
                                            uint64_t compute_bandwidth) {
  HostResult r = detail::invoke_encoded(syscall::k_consume_block_resources, [&](pb::Writer& w) {
    w.uint64_field(1, disk_storage);
    w.uint64_field(2, network_bandwidth);
    w.uint64_field(3, compute_bandwidth);
  });
  return detail::to_result<bool>(r, detail::value_bool);
}

}  // namespace modchain::sdk
