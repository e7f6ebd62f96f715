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

TEST(ResourceMeter, AFailedComputeChargeStillUsesUpWhatWasLeft) {
  // Block level: 900 of 1,000 used, a run that needed 300 more ran until the budget was gone.
  auto meter = meter_with({100, 10, 50, 5, 1'000, 1});
  ASSERT_TRUE(meter.use_compute_bandwidth(900).ok());
  EXPECT_EQ(meter.use_compute_bandwidth(300).error().code, ErrorCode::compute_bandwidth_limit_exceeded);
  EXPECT_EQ(meter.used().compute_bandwidth, 1'000);
  EXPECT_EQ(meter.compute_bandwidth_remaining(), 0u);  // a caller handed the failure back gets no ticks
  EXPECT_EQ(meter.system_rc_cost(), 1'000u);

  // In a payer scope: the rc runs out first, and all of it is charged.
  auto scoped = meter_with({100, 10, 50, 5, 100'000, 2});
  scoped.begin_rc_scope(1'001);
  EXPECT_EQ(scoped.use_compute_bandwidth(800).error().code, ErrorCode::insufficient_rc);
  EXPECT_EQ(scoped.used().compute_bandwidth, 500);  // what 1,001 rc buys at 2 per tick
  EXPECT_EQ(scoped.end_rc_scope().rc_used, 1'000u);
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
