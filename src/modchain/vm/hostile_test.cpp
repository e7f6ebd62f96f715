// Hostile modules: each ends in a clean, metered error with an exact expected outcome and code.
#include <gtest/gtest.h>

#include <cstring>

#include "modchain/vm/engine.hpp"
#include "modchain/vm/test_support.hpp"

namespace modchain::vm {
namespace {

TEST(Hostile, InfiniteLoopRunsOutOfTicks) {
  test::TestHost host;
  auto out = test::run(test::wat_module("infinite_loop"), host, 1'000'000);
  EXPECT_EQ(out.result.outcome, Outcome::out_of_ticks);
  EXPECT_EQ(out.result.error.code, util::ErrorCode::compute_bandwidth_limit_exceeded);
  EXPECT_EQ(out.result.error.message, "out of ticks");
  EXPECT_EQ(out.result.ticks_used, 1'000'001u);  // entry 3 + 999,997 one-tick `br` segments + 1 unpaid
}

TEST(Hostile, StartSectionLoopIsMeteredToo) {
  test::TestHost host;
  auto out = test::run(test::wat_module("start_section"), host, 50'000);
  EXPECT_EQ(out.result.outcome, Outcome::out_of_ticks);
  EXPECT_EQ(out.result.ticks_used, 50'001u);
}

TEST(Hostile, MemoryGrowBombHitsThePageCapThenTraps) {
  test::TestHost host;
  auto out = test::run(test::wat_module("grow_bomb"), host, 1'000'000);
  EXPECT_EQ(out.result.outcome, Outcome::trap);
  EXPECT_EQ(out.result.error.code, util::ErrorCode::reversion);
  EXPECT_EQ(out.result.error.message, "trap: unreachable executed");
  // 511 granted grows + 1 refused, each 5 static ticks + 1 page; entry 3; the final unreachable 1.
  EXPECT_EQ(out.result.ticks_used, 3u + 512u * 6u + 1u);
}

TEST(Hostile, MemoryGrowBombWithSmallBudgetRunsOutOfTicks) {
  test::TestHost host;
  auto out = test::run(test::wat_module("grow_bomb"), host, 1'000);
  EXPECT_EQ(out.result.outcome, Outcome::out_of_ticks);
}

TEST(Hostile, DeclaredMemoryOverTheLimitIsRejected) {
  test::TestHost host;
  auto out = test::run(test::wat_module("memory_too_big"), host, 1'000);
  EXPECT_FALSE(out.prepared);
  EXPECT_EQ(out.result.error.code, util::ErrorCode::reversion);
  EXPECT_EQ(out.result.error.message, "limit: memory initial pages 513 exceeds 512");
}

TEST(Hostile, DeepRecursionIsACallDepthErrorNotANativeStackOverflow) {
  test::TestHost host;
  auto out = test::run(test::wat_module("deep_recursion"), host, 10'000'000);
  EXPECT_EQ(out.result.outcome, Outcome::call_depth_exceeded);
  EXPECT_EQ(out.result.error.code, util::ErrorCode::reversion);
  EXPECT_EQ(out.result.error.message, "trap: call stack exhausted");
  // The injected depth guard: _start is depth 1, $down runs at depths 2..1536 (5 ticks each), and the
  // entry at depth 1537 = k_max_call_depth + 1 traps before charging anything.
  static_assert(k_max_call_depth == 1'536);
  EXPECT_EQ(out.result.ticks_used, 3u + 1'535u * 5u);
}

TEST(Hostile, DeepRecursionWithThousandsOfLocalsPaysForThem) {
  test::TestHost host;
  auto out = test::run(test::wat_module("locals_recursion"), host, 1'000'000);
  EXPECT_EQ(out.result.outcome, Outcome::out_of_ticks);
  // _start: end + call = 2; each $f frame: end + 4,000 locals + call = 4,002. 249 frames are paid; the
  // 250th frame's charge is the one that cannot be paid.
  EXPECT_EQ(out.result.ticks_used, 2u + 250u * 4'002u);
}

TEST(Hostile, DeepRecursionUnmeteredStopsAtTheInterpreterFrameLimit) {
  PrepareOptions unmetered;
  unmetered.meter = false;
  test::TestHost host;
  auto out = test::run(test::wat_module("deep_recursion"), host, 0, unmetered);
  EXPECT_EQ(out.result.outcome, Outcome::call_depth_exceeded);
  EXPECT_EQ(out.result.error.message, "trap: call stack exhausted");
}

TEST(Hostile, FloatInstructionTrapsWhenExecuted) {
  test::TestHost host;
  auto out = test::run(test::wat_module("float_executed"), host, 1'000);
  EXPECT_EQ(out.result.outcome, Outcome::trap);
  EXPECT_EQ(out.result.error.code, util::ErrorCode::reversion);
  EXPECT_EQ(out.result.error.message, "trap: float instruction executed");
  EXPECT_EQ(host.calls.size(), 1u);  // the code before the float instruction ran
}

TEST(Hostile, FloatInstructionOnAnUntakenBranchIsFine) {
  test::TestHost host;
  auto out = test::run(test::wat_module("float_not_executed"), host, 1'000);
  EXPECT_EQ(out.result.outcome, Outcome::success);
}

TEST(Hostile, FloatsRunWhenFloatTrappingIsOff) {
  PrepareOptions options;
  options.trap_floats = false;
  test::TestHost host;
  auto out = test::run(test::wat_module("float_executed"), host, 1'000, options);
  EXPECT_EQ(out.result.outcome, Outcome::success);
}

// host_calls.wat passes six words the host chose to a second invoke_system_call; the handler uses the
// bounds-checked helpers like the kernel does, and its error ends the run with that error.
ExecutionResult host_call_with(const uint32_t (&words)[6]) {
  test::TestHost host;
  host.on_call = [&](HostContext& context, const HostCall& call) -> HostResult {
    if (call.ret_len == 24) {  // the first call: hand the words to the module
      util::Bytes bytes(sizeof words);
      std::memcpy(bytes.data(), words, sizeof words);
      auto status = context.memory().write(call.ret_ptr, bytes);
      return status.ok() ? HostResult::ok(0) : HostResult::fail(status.error());
    }
    auto args = context.memory().read(call.arg_ptr, call.arg_len);
    if (!args) return HostResult::fail(args.error());
    auto status = write_host_result(context.memory(), call, args.value());
    return status.ok() ? HostResult::ok(0) : HostResult::fail(status.error());
  };
  return test::run(test::wat_module("host_calls"), host, 10'000).result;
}

TEST(Hostile, HostCallsWithOutOfBoundsPointersEndCleanly) {
  auto bad_arg = host_call_with({1, 0, 0, 65'530, 7, 100});
  EXPECT_EQ(bad_arg.outcome, Outcome::host_error);
  EXPECT_EQ(bad_arg.error.code, util::ErrorCode::reversion);
  EXPECT_EQ(bad_arg.error.message, "host call memory range [65530, +7) is outside memory of 65536 bytes");
  auto wrapping = host_call_with({1, 0, 0, 0xffffffffu, 2, 100});
  EXPECT_EQ(wrapping.error.message, "host call memory range [4294967295, +2) is outside memory of 65536 bytes");
  auto bad_ret = host_call_with({1, 65'536, 1, 0, 4, 100});
  EXPECT_EQ(bad_ret.error.message, "host call memory range [65536, +1) is outside memory of 65536 bytes");
  auto bad_written = host_call_with({1, 0, 8, 0, 4, 65'533});
  EXPECT_EQ(bad_written.error.message, "host call memory range [65533, +4) is outside memory of 65536 bytes");
  auto small_buffer = host_call_with({1, 200, 2, 0, 4, 100});
  EXPECT_EQ(small_buffer.error.code, util::ErrorCode::insufficient_return_buffer);
  auto fine = host_call_with({1, 200, 8, 0, 4, 100});
  EXPECT_EQ(fine.outcome, Outcome::success);
}

TEST(Hostile, HandlerExceptionsBecomeInternalErrors) {
  test::TestHost host;
  host.on_call = [](HostContext&, const HostCall&) -> HostResult { throw std::runtime_error("boom"); };
  auto out = test::run(test::wat_module("float_executed"), host, 1'000);
  EXPECT_EQ(out.result.outcome, Outcome::host_error);
  EXPECT_EQ(out.result.error.code, util::ErrorCode::internal_error);
  EXPECT_EQ(out.result.error.message, "host handler threw: boom");
}

TEST(Hostile, HostErrorCodesPropagateUnchanged) {
  test::TestHost host;
  host.on_call = [](HostContext&, const HostCall&) {
    return HostResult::fail(util::make_error(util::ErrorCode::insufficient_privileges, "kernel only"));
  };
  auto out = test::run(test::wat_module("float_executed"), host, 1'000);
  EXPECT_EQ(out.result.outcome, Outcome::host_error);
  EXPECT_EQ(out.result.error.code, util::ErrorCode::insufficient_privileges);
  EXPECT_EQ(out.result.error.message, "kernel only");
}

}  // namespace
}  // namespace modchain::vm

namespace modchain::vm {
namespace {

// A host call that runs another contract (the kernel's `call` thunk) recurses natively through the
// engine. Measures the native stack used per nesting level, the number the kernel's frame limit (256)
// must be sized against (docs/vm.md "Native stack").
class NestingHost final : public HostHandler {
 public:
  NestingHost(Engine& engine, const CompiledModule& module, int levels)
      : m_engine(engine), m_module(module), m_levels(levels) {}
  HostResult invoke(HostContext&, const HostCall&) override {
    const char marker = 0;
    if (m_depth == 1) m_first = &marker;
    if (m_depth == m_levels) {
      m_last = &marker;
      return HostResult::ok(0);
    }
    ++m_depth;
    auto result = m_engine.execute(m_module, *this, ExecuteOptions{1'000'000, "_start"});
    --m_depth;
    return result.ok() ? HostResult::ok(0) : HostResult::fail(result.error);
  }
  bool reached_bottom() const { return m_last != nullptr; }
  size_t bytes_per_level() const {
    return static_cast<size_t>(m_first - m_last) / static_cast<size_t>(m_levels - 1);
  }

 private:
  Engine& m_engine;
  const CompiledModule& m_module;
  int m_levels;
  int m_depth = 1;
  const char* m_first = nullptr;
  const char* m_last = nullptr;
};

TEST(Hostile, NestedContractCallsUseBoundedNativeStack) {
  auto engine = make_wabt_interp_engine();
  auto compiled = engine->compile(prepare_module(test::wat_module("float_executed"), {}).value()).value();
  NestingHost host(*engine, *compiled, 64);
  auto result = engine->execute(*compiled, host, ExecuteOptions{1'000'000, "_start"});
  // Every level traps on its float instruction after its host call returned; the innermost trap
  // travels out through the 63 host calls as a host error.
  EXPECT_EQ(result.outcome, Outcome::host_error);
  EXPECT_EQ(result.error.message, "trap: float instruction executed");
  ASSERT_TRUE(host.reached_bottom());
  // Measured: ~3.2 KB per level (-O1), ~9.2 KB under ASan; 256 Koinos frames need < 3 MB.
  std::printf("native stack per nested contract call: %zu bytes\n", host.bytes_per_level());
  EXPECT_LT(host.bytes_per_level(), 64u << 10);
}

}  // namespace
}  // namespace modchain::vm
