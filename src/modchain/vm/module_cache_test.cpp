#include "modchain/vm/module_cache.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "modchain/vm/test_support.hpp"

namespace modchain::vm {
namespace {

TEST(ModuleCache, HitsAfterTheFirstCompile) {
  auto engine = make_wabt_interp_engine();
  ModuleCache cache(*engine, PrepareOptions{});
  const util::Bytes wasm = test::wat_module("tick_count");
  auto first = cache.get(wasm);
  ASSERT_TRUE(first.ok());
  auto second = cache.get(wasm);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(first.value().get(), second.value().get());
  const auto stats = cache.stats();
  EXPECT_EQ(stats.hits, 1u);
  EXPECT_EQ(stats.misses, 1u);
  EXPECT_EQ(stats.entries, 1u);
  EXPECT_EQ(stats.bytes, first.value()->memory_bytes());
}

TEST(ModuleCache, CallerSuppliedHashSharesEntriesWithComputedOnes) {
  auto engine = make_wabt_interp_engine();
  ModuleCache cache(*engine, PrepareOptions{});
  const util::Bytes wasm = test::wat_module("tick_count");
  auto by_hash = cache.get(crypto::sha256(wasm), wasm);
  ASSERT_TRUE(by_hash.ok());
  auto computed = cache.get(wasm);
  ASSERT_TRUE(computed.ok());
  EXPECT_EQ(by_hash.value().get(), computed.value().get());
  EXPECT_EQ(cache.stats().hits, 1u);
}

TEST(ModuleCache, InvalidModulesAreErrorsAndNotCached) {
  auto engine = make_wabt_interp_engine();
  ModuleCache cache(*engine, PrepareOptions{});
  auto result = cache.get(test::wat_module("no_start"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message, "koinos: module does not export function _start");
  EXPECT_EQ(cache.stats().entries, 0u);
}

TEST(ModuleCache, EvictsLeastRecentlyUsedByCount) {
  auto engine = make_wabt_interp_engine();
  ModuleCache cache(*engine, PrepareOptions{}, ModuleCacheLimits{1u << 30, 2});
  const util::Bytes a = test::wat_module("tick_count");
  const util::Bytes b = test::wat_module("infinite_loop");
  const util::Bytes c = test::wat_module("grow_bomb");
  ASSERT_TRUE(cache.get(a).ok());
  ASSERT_TRUE(cache.get(b).ok());
  ASSERT_TRUE(cache.get(a).ok());  // a is now the most recent
  ASSERT_TRUE(cache.get(c).ok());  // evicts b
  EXPECT_EQ(cache.stats().evictions, 1u);
  ASSERT_TRUE(cache.get(a).ok());
  EXPECT_EQ(cache.stats().hits, 2u);
  ASSERT_TRUE(cache.get(b).ok());  // a miss again
  EXPECT_EQ(cache.stats().misses, 4u);
  EXPECT_EQ(cache.stats().entries, 2u);
}

TEST(ModuleCache, EvictsByBytesButKeepsTheNewestEntry) {
  auto engine = make_wabt_interp_engine();
  ModuleCache cache(*engine, PrepareOptions{}, ModuleCacheLimits{1, 100});
  ASSERT_TRUE(cache.get(test::wat_module("tick_count")).ok());
  ASSERT_TRUE(cache.get(test::wat_module("infinite_loop")).ok());
  EXPECT_EQ(cache.stats().entries, 1u);
  EXPECT_EQ(cache.stats().evictions, 1u);
}

TEST(ModuleCache, ConcurrentRunsShareOneCompiledModule) {
  auto engine = make_wabt_interp_engine();
  ModuleCache cache(*engine, PrepareOptions{});
  const util::Bytes wasm = test::wat_module("tick_count");
  std::vector<uint64_t> ticks(4, 0);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < ticks.size(); ++i) {
    threads.emplace_back([&, i] {
      for (int round = 0; round < 20; ++round) {
        auto module = cache.get(wasm);
        if (!module) return;
        test::TestHost host;
        ticks[i] = engine->execute(*module.value(), host, ExecuteOptions{1'000, "_start"}).ticks_used;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (uint64_t t : ticks) EXPECT_EQ(t, 84u);  // metering_test.cpp k_tick_count_ticks
  EXPECT_EQ(cache.stats().entries, 1u);
}

}  // namespace
}  // namespace modchain::vm
