// The cost model (docs/vm.md "Metering"), pinned with exact tick counts.
#include <gtest/gtest.h>

#include "modchain/vm/engine.hpp"
#include "modchain/vm/test_support.hpp"

namespace modchain::vm {
namespace {

// tick_count.wat: entry segment = function end (1) + its one local (1) + loop and its end (2) = 4; loop
// body of 8 instructions (local.get, i32.const, i32.add, local.set, local.get, i32.const, i32.lt_u, br_if)
// x 10.
constexpr uint64_t k_tick_count_ticks = 4 + 10 * 8;

TEST(Metering, StraightLineAndLoopCostsAreExact) {
  test::TestHost host;
  auto out = test::run(test::wat_module("tick_count"), host, 1'000);
  ASSERT_EQ(out.result.outcome, Outcome::success) << out.result.error.describe();
  EXPECT_EQ(out.result.ticks_used, k_tick_count_ticks);
}

TEST(Metering, BudgetExactlyEnoughSucceedsOneLessRunsOutOfTicks) {
  test::TestHost host;
  auto exact = test::run(test::wat_module("tick_count"), host, k_tick_count_ticks);
  EXPECT_EQ(exact.result.outcome, Outcome::success);
  EXPECT_EQ(exact.result.ticks_used, k_tick_count_ticks);
  auto short_by_one = test::run(test::wat_module("tick_count"), host, k_tick_count_ticks - 1);
  EXPECT_EQ(short_by_one.result.outcome, Outcome::out_of_ticks);
  EXPECT_EQ(short_by_one.result.error.code, util::ErrorCode::compute_bandwidth_limit_exceeded);
  // 4 + 9 x 8 = 76 paid; the 10th iteration's segment (8) is charged up front, leaving -1.
  EXPECT_EQ(short_by_one.result.ticks_used, k_tick_count_ticks);
}

TEST(Metering, MemoryGrowChargesOneTickPerRequestedPageEvenWhenItFails) {
  test::TestHost host;
  auto out = test::run(test::wat_module("grow_over_limit"), host, 10'000);
  ASSERT_EQ(out.result.outcome, Outcome::success);
  // 11 static instructions + 600 pages (refused: over the 512 cap) + 511 pages (granted).
  EXPECT_EQ(out.result.ticks_used, 11u + 600u + 511u);
  ASSERT_EQ(host.calls.size(), 1u);
  EXPECT_EQ(host.calls[0].ret_ptr, 0xffffffffu);  // memory.grow(600) = -1
  EXPECT_EQ(host.calls[0].ret_len, 1u);           // memory.size after it
  EXPECT_EQ(host.calls[0].arg_ptr, 1u);           // memory.grow(511) = old size
  EXPECT_EQ(host.calls[0].arg_len, 512u);         // memory.size = the cap
}

TEST(Metering, HostCallsSeeTheRemainingTicksAndCanResetThem) {
  test::TestHost host;
  host.on_call = [](HostContext& context, const HostCall& call) {
    if (call.id == 6) context.set_ticks_remaining(context.ticks_remaining() - 1'000);  // host's own cost
    return HostResult::ok(static_cast<int32_t>(call.id));
  };
  auto out = test::run(test::wat_module("thunk_and_syscall"), host, 5'000);
  ASSERT_EQ(out.result.outcome, Outcome::success) << out.result.error.describe();
  ASSERT_EQ(host.calls.size(), 3u);
  EXPECT_EQ(host.calls[0].function, HostFunction::invoke_thunk);
  EXPECT_EQ(host.calls[2].ret_ptr, 5u + 6u);  // both host return values reached the module
  // Host-charged ticks are not module ticks: the module's own count is the same as without the charge.
  EXPECT_EQ(out.result.ticks_used, 23u);
  // _start is one segment (23 ticks), charged before its first instruction runs.
  EXPECT_EQ(host.ticks_seen[0], 5'000 - 23);
  EXPECT_EQ(host.ticks_seen[2], 5'000 - 23 - 1'000);
}

TEST(Metering, UnmeteredModulesReportZeroTicksAndSameResult) {
  PrepareOptions unmetered;
  unmetered.meter = false;
  test::TestHost host;
  auto out = test::run(test::wat_module("grow_over_limit"), host, 0, unmetered);
  ASSERT_EQ(out.result.outcome, Outcome::success);
  EXPECT_EQ(out.result.ticks_used, 0u);
  // Without instrumentation there is no page cap, only the module's own (absent) maximum.
  EXPECT_EQ(host.calls[0].ret_ptr, 1u);
}

TEST(Metering, RunsAreDeterministic) {
  const util::Bytes wasm = test::contract("kernels");
  uint64_t first = 0;
  for (int i = 0; i < 3; ++i) {
    test::TestHost host;
    host.arguments = {0, 0, 0, 0, 200, 0, 0, 0};  // sha256 over 200 bytes
    auto out = test::run(wasm, host, 100'000'000);
    ASSERT_EQ(out.result.outcome, Outcome::halted) << out.result.error.describe();
    if (i == 0) first = out.result.ticks_used;
    EXPECT_EQ(out.result.ticks_used, first);
  }
  EXPECT_GT(first, 0u);
}

}  // namespace
}  // namespace modchain::vm
