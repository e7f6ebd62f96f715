// What every engine must reproduce exactly: outcome, error code and tick count for the hostile modules and
// the C contracts. New engines are added to k_engines; the expectations do not change per engine.
#include <gtest/gtest.h>

#include <cstring>

#include "modchain/vm/engine.hpp"
#include "modchain/vm/test_support.hpp"

extern "C" uint64_t kernels_run(uint32_t which, uint32_t n);

namespace modchain::vm {
namespace {

using EngineFactory = std::unique_ptr<Engine> (*)();
const EngineFactory k_engines[] = {&make_wabt_interp_engine};

struct Expectation {
  const char* module;
  int64_t budget;
  Outcome outcome;
  util::ErrorCode code;
  uint64_t ticks;
};

constexpr auto ok = util::ErrorCode::success;
constexpr auto reverted = util::ErrorCode::reversion;
constexpr auto no_ticks = util::ErrorCode::compute_bandwidth_limit_exceeded;

const Expectation k_expectations[] = {
    {"tick_count", 1'000, Outcome::success, ok, 84},
    {"tick_count", 83, Outcome::out_of_ticks, no_ticks, 84},
    {"infinite_loop", 100'000, Outcome::out_of_ticks, no_ticks, 100'001},
    {"start_section", 5'000, Outcome::out_of_ticks, no_ticks, 5'001},
    {"grow_over_limit", 10'000, Outcome::success, ok, 1'122},
    {"grow_bomb", 1'000'000, Outcome::trap, reverted, 3'076},
    {"deep_recursion", 10'000'000, Outcome::call_depth_exceeded, reverted, 7'678},
    {"locals_recursion", 1'000'000, Outcome::out_of_ticks, no_ticks, 1'000'502},
    {"float_executed", 1'000, Outcome::trap, reverted, 13},
    {"float_not_executed", 1'000, Outcome::success, ok, 5},
    {"thunk_and_syscall", 1'000, Outcome::success, ok, 23},
};

class EngineConformance : public ::testing::TestWithParam<EngineFactory> {};

TEST_P(EngineConformance, HostileAndSmallModules) {
  auto engine = GetParam()();
  for (const auto& expected : k_expectations) {
    SCOPED_TRACE(std::string(expected.module) + " budget " + std::to_string(expected.budget));
    test::TestHost host;
    auto out = test::run_on(*engine, test::wat_module(expected.module), host, expected.budget);
    EXPECT_EQ(out.result.outcome, expected.outcome) << outcome_name(out.result.outcome);
    EXPECT_EQ(out.result.error.code, expected.code);
    EXPECT_EQ(out.result.ticks_used, expected.ticks);
  }
}

TEST_P(EngineConformance, CContractTicksAndChecksums) {
  struct Kernel {
    uint32_t which, n;
    uint64_t checksum, ticks;
  };
  // Checksums: fib(15) = 610; SHA-256 of bytes i*31 (i < 100), first 8 bytes big-endian (also computed
  // by Python's hashlib); map: the same C code compiled natively (kernels_run, linked into this test).
  const Kernel kernels[] = {{1, 15, 610, 29'165},
                            {0, 100, 6'015'953'731'584'159'770ull, 20'419},
                            {2, 100, kernels_run(2, 100), 1'550'813}};
  auto engine = GetParam()();
  for (const auto& k : kernels) {
    test::TestHost host;
    host.arguments.resize(8);
    std::memcpy(host.arguments.data(), &k.which, 4);
    std::memcpy(host.arguments.data() + 4, &k.n, 4);
    auto out = test::run_on(*engine, test::contract("kernels"), host, 100'000'000);
    ASSERT_EQ(out.result.outcome, Outcome::halted);
    uint64_t checksum = 0;
    ASSERT_EQ(host.exit_data.size(), 8u);
    std::memcpy(&checksum, host.exit_data.data(), 8);
    EXPECT_EQ(checksum, k.checksum) << "kernel " << k.which;
    EXPECT_EQ(out.result.ticks_used, k.ticks) << "kernel " << k.which;
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, EngineConformance, ::testing::ValuesIn(k_engines));

}  // namespace
}  // namespace modchain::vm
