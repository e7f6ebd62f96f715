// The resource meter (§10.1).
#include <gtest/gtest.h>

#include "modchain/kernel/resource_meter.hpp"

namespace modchain::kernel {
namespace {

using util::ErrorCode;

ResourceMeter meter_with(ResourceLimits limits) {
  ResourceMeter meter;
  meter.set_limits(limits);
  return meter;
}

TEST(ResourceMeter, BlockLimitsAreFailures) {
  auto meter = meter_with({100, 10, 50, 5, 1'000, 1});
  EXPECT_TRUE(meter.use_disk_storage(100).ok());
  EXPECT_EQ(meter.use_disk_storage(1).error().code, ErrorCode::disk_storage_limit_exceeded);
  EXPECT_EQ(meter.use_network_bandwidth(51).error().code, ErrorCode::network_bandwidth_limit_exceeded);
  EXPECT_TRUE(meter.use_compute_bandwidth(1'000).ok());
  EXPECT_EQ(meter.use_compute_bandwidth(1).error().code, ErrorCode::compute_bandwidth_limit_exceeded);
  EXPECT_EQ(meter.system_used().compute_bandwidth, 1'000);
  EXPECT_EQ(meter.system_rc_cost(), 100u * 10 + 1'000u * 1);
}

TEST(ResourceMeter, RcScopeChargesCostsAndRefundsUpToTheLimit) {
  auto meter = meter_with({1'000, 10, 1'000, 5, 100'000, 2});
  meter.begin_rc_scope(1'000);
  EXPECT_EQ(meter.compute_bandwidth_remaining(), 500u);  // rc / compute cost
  EXPECT_TRUE(meter.use_compute_bandwidth(100).ok());    // 200 rc
  EXPECT_TRUE(meter.use_disk_storage(50).ok());           // 500 rc
  EXPECT_TRUE(meter.use_disk_storage(-20).ok());          // refund 200 rc
  EXPECT_EQ(meter.use_network_bandwidth(200).error().code, ErrorCode::insufficient_rc);  // 1000 > 500 left
  EXPECT_EQ(meter.compute_bandwidth_remaining(), 250u);
  const auto summary = meter.end_rc_scope();
  EXPECT_EQ(summary.rc_limit, 1'000u);
  EXPECT_EQ(summary.rc_used, 500u);
  EXPECT_EQ(meter.used().disk_storage, 30);
  EXPECT_EQ(meter.system_used().disk_storage, 0);  // scoped usage is not system usage

  meter.begin_rc_scope(100);
  EXPECT_TRUE(meter.use_disk_storage(-30).ok());  // a refund beyond the limit is not credited
  EXPECT_EQ(meter.end_rc_scope().rc_used, 0u);
}

}  // namespace
}  // namespace modchain::kernel
