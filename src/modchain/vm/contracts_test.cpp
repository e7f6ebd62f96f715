// The prebuilt C test contracts (contracts/test/vm) run through the engine-neutral interface.
#include <gtest/gtest.h>

#include <cstring>

#include "modchain/vm/engine.hpp"
#include "modchain/vm/test_support.hpp"

namespace modchain::vm {
namespace {

uint64_t run_kernel(uint32_t which, uint32_t n, uint64_t* ticks) {
  test::TestHost host;
  host.arguments.resize(8);
  std::memcpy(host.arguments.data(), &which, 4);
  std::memcpy(host.arguments.data() + 4, &n, 4);
  auto out = test::run(test::contract("kernels"), host, 1'000'000'000);
  EXPECT_EQ(out.result.outcome, Outcome::halted) << out.result.error.describe();
  uint64_t checksum = 0;
  EXPECT_EQ(host.exit_data.size(), 8u);
  if (host.exit_data.size() == 8) std::memcpy(&checksum, host.exit_data.data(), 8);
  *ticks = out.result.ticks_used;
  return checksum;
}

TEST(Contracts, KernelsComputeTheExpectedChecksums) {
  uint64_t ticks = 0;
  EXPECT_EQ(run_kernel(1, 20, &ticks), 6'765u);  // fib(20)
  EXPECT_GT(ticks, 6'765u);
  const uint64_t sha_ticks_before = ticks;
  EXPECT_EQ(run_kernel(0, 0, &ticks), 0xe3b0c44298fc1c14ull);  // sha256("") = e3b0c442 98fc1c14 ...
  EXPECT_NE(ticks, sha_ticks_before);
  EXPECT_EQ(run_kernel(2, 1'000, &ticks), run_kernel(2, 1'000, &ticks));
}

TEST(Contracts, EchoReturnsItsArguments) {
  test::TestHost host;
  host.arguments = {1, 2, 3, 4, 5};
  auto out = test::run(test::contract("echo"), host, 1'000'000);
  ASSERT_EQ(out.result.outcome, Outcome::halted) << out.result.error.describe();
  EXPECT_EQ(host.exit_data, host.arguments);
  ASSERT_EQ(host.calls.size(), 2u);
  EXPECT_EQ(host.calls[0].id, 603u);
  EXPECT_EQ(host.calls[0].ret_len, 64u);
}

TEST(Contracts, EchoSeesInsufficientReturnBufferAsAValue) {
  test::TestHost host;
  host.arguments = util::Bytes(65, 7);  // one byte more than echo's buffer
  auto out = test::run(test::contract("echo"), host, 1'000'000);
  ASSERT_EQ(out.result.outcome, Outcome::halted);
  EXPECT_EQ(host.exit_data, (util::Bytes{105, 0, 0, 0}));  // insufficient_return_buffer
}

}  // namespace
}  // namespace modchain::vm
