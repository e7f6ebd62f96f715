// Sync throughput over loopback with the in-memory chain (label slow): prints blocks/s for the report.
#include <gtest/gtest.h>

#include "modchain/p2p/test_support.hpp"

namespace modchain::p2p::test {
namespace {

TEST(SyncThroughputTest, FiftyThousandBlocksDefaultBatch) {
  constexpr uint64_t k_blocks = 50000;
  auto source_chain = std::make_unique<MemoryChain>();
  source_chain->extend(k_blocks);
  auto source = start_node(std::move(source_chain), test_options());
  const auto started = std::chrono::steady_clock::now();
  auto joiner = start_node(std::make_unique<MemoryChain>(), test_options({source.address()}));
  ASSERT_TRUE(wait_until([&] { return joiner.chain->height() == k_blocks; }, std::chrono::minutes(5)));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("synced %llu blocks in %.3f s: %.0f blocks/s (batch %u, loopback, in-memory chain)\n",
              static_cast<unsigned long long>(k_blocks), seconds, static_cast<double>(k_blocks) / seconds,
              Options{}.sync_batch);
  EXPECT_EQ(joiner.chain->head().id, source.chain->head().id);
  EXPECT_EQ(source.chain->requests_served(), k_blocks / Options{}.sync_batch);
}

TEST(SyncThroughputTest, FiftyThousandBlocksWithoutRequestPacing) {
  // The raw cost of the p2p path (frames, parsing, sink calls) with the request rate limits lifted.
  constexpr uint64_t k_blocks = 50000;
  auto source_chain = std::make_unique<MemoryChain>();
  source_chain->extend(k_blocks);
  auto source_options = test_options();
  source_options.request_rate = source_options.request_burst = 1e6;
  auto source = start_node(std::move(source_chain), source_options);
  auto joiner_options = test_options({source.address()});
  joiner_options.sync_request_rate = joiner_options.sync_request_burst = 1e6;
  const auto started = std::chrono::steady_clock::now();
  auto joiner = start_node(std::make_unique<MemoryChain>(), joiner_options);
  ASSERT_TRUE(wait_until([&] { return joiner.chain->height() == k_blocks; }, std::chrono::minutes(5)));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("synced %llu blocks in %.3f s: %.0f blocks/s (batch 500, no pacing, loopback, in-memory chain)\n",
              static_cast<unsigned long long>(k_blocks), seconds, static_cast<double>(k_blocks) / seconds);
  EXPECT_EQ(joiner.chain->head().id, source.chain->head().id);
}

}  // namespace
}  // namespace modchain::p2p::test
